#pragma once

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>

class Connection;

// What changed in the database, in commit order, for the windows that show
// it (this desk's and every other desk's on a shared database). Every
// writing transaction records its changes here before it commits; readers
// follow the log by its sequence number (ChangeFeed).
struct Change
{
    // SnapshotMoved: an unchanged snapshot whose instant (and its rankings') moved.
    enum class Kind { Trades, Snapshot, SnapshotMoved, Ranking, ReferenceData, Agreements, Settings };

    qint64 sequence = 0;
    Kind kind = Kind::Trades;
    QString bookId;      // Snapshot, Ranking
    QDate businessDate;  // Snapshot, Ranking
    QString agreementId; // Ranking ('' for the desk ranking)
    bool ownProcess = false; // written by this process (its services already said so)
};

Q_DECLARE_METATYPE(Change)

class ChangeStore
{
public:
    explicit ChangeStore(const Connection &connection);

    // The PostgreSQL channel that every writing transaction notifies.
    static QString channel();

    // Records a change inside the caller's transaction. On PostgreSQL the
    // numbers are drawn under a transaction-level advisory lock held to the
    // commit, so numbers are in commit order (as trade_seq is, see
    // TradeStore::insert): a reader that sees number N has seen every
    // change committed before it, and a later commit gets a higher one.
    // SQLite's writers take turns, so its numbers are in commit order anyway.
    void record(Change::Kind kind, const QString &bookId = {}, const QDate &businessDate = {},
                const QString &agreementId = {});

    // The newest number (0 when nothing was recorded).
    qint64 last() const;
    // The newest number of a change of `kind` still in the log (0: none).
    // It grows with every such change, so it tells whether data read at an
    // earlier number is still current.
    qint64 lastOf(Change::Kind kind) const;
    // Changes after `sequence`, oldest first, at most `limit`.
    QList<Change> after(qint64 sequence, int limit = 10000) const;
    // Forgets changes recorded more than `days` days ago (the feed follows
    // the newest; nothing reads old ones). Not in a caller's transaction.
    void prune(int days);

private:
    const Connection &m_connection;
};
