#pragma once

#include "services/deskdata.h"
#include "storage/databaselocation.h"

#include <QFuture>
#include <QMutex>
#include <QThreadPool>

// The window's reads from the database (SqlDeskStorage's reading side),
// each off the UI thread in one of two lanes: fast reads (a book, a day, a
// ranking) on two threads, slow aggregates (a history of values, a
// position's steps) on one of their own, so that a
// slow one never holds up what the user just clicked. Each thread keeps its
// connection (KeptConnection). Watch the futures with a QFutureWatcher
// connected before setFuture().
class Connection;

class DeskReader
{
public:
    explicit DeskReader(const DatabaseLocation &location);
    ~DeskReader();

    const DatabaseLocation &location() const { return m_location; }
    // A read-only desk: a ranking missing or older than its snapshot is
    // built for the reader and not stored (ranking()).
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    QFuture<Loaded<DeskSettings>> settings() const;
    QFuture<Loaded<QList<BookInfo>>> books() const;
    QFuture<Loaded<QHash<QString, int>>> openPositionCounts() const;
    // The book's positions now, ready to follow new trades, and today's
    // market (prices, FX to the book's base currency).
    QFuture<Loaded<LiveBookLoad>> liveBook(const QString &bookId) const;
    QFuture<Loaded<QList<LoggedTrade>>> tradesAfter(qint64 sequence) const;
    QFuture<Loaded<qint64>> lastSequence() const;
    QFuture<Loaded<QList<SnapshotSummary>>> snapshots(const QString &bookId, bool withValues) const;
    QFuture<Loaded<std::optional<SnapshotLoad>>> snapshot(const QString &bookId, const QDate &date) const;
    // The stored ranking (an empty agreement id: the desk ranking).
    QFuture<Loaded<std::optional<CollateralRanking>>> ranking(const QString &bookId, const QDate &date,
                                                              const QString &agreementId = {}) const;
    QFuture<Loaded<AgreementsLoad>> agreements() const;
    // Each instrument's latest cost rate on or before `date` (allocation).
    QFuture<Loaded<QHash<QString, double>>> costRates(const QDate &date) const;
    QFuture<Loaded<InstrumentMap>> instruments() const;
    // The book's newest `limit` trades, newest first.
    QFuture<Loaded<BlotterLoad>> blotter(const QString &bookId, int limit) const;
    // The position of one instrument in the book, trade by trade.
    QFuture<Loaded<PositionStepsLoad>> positionSteps(const QString &bookId, const QString &instrumentId) const;

    // Blocks until every read has finished (at quit, in tests).
    void waitForDone() const;

private:
    enum class Lane { Fast, Slow };
    template<typename F>
    auto read(F work, Lane lane = Lane::Fast) const;

    // The instruments, read once and shared by every load until the change
    // log has a newer reference-data change: 100,000 instruments are about
    // 40 MB a copy, and the positions, end-of-day and trades tabs each read
    // their own for one book.
    InstrumentMap sharedInstruments(const Connection &connection) const;

    DatabaseLocation m_location;
    bool m_readOnly = false;
    mutable QMutex m_instrumentsLock;
    mutable InstrumentMap m_instruments;
    mutable qint64 m_instrumentsVersion = -1; // the change it was read at; -1: not read
    mutable QThreadPool m_pool;
    mutable QThreadPool m_slowPool; // aggregates
};
