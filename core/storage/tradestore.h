#pragma once

#include "domain/trade.h"
#include "domain/tradingbook.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Connection;

struct BookInfo
{
    QString bookId;
    QString name;
};

// The trade log and the books: all SQL about trades lives here.
class TradeStore
{
public:
    explicit TradeStore(const Connection &connection);

    struct InsertResult
    {
        int inserted = 0;
        int skipped = 0;                   // identical trades already in the log
        std::optional<qsizetype> conflict; // index of a trade whose id is stored with other content
        Trade stored;                      // that stored trade
    };

    // Writes trades in one transaction, creating books as needed. A trade id
    // already stored with identical content is skipped and counted; with
    // other content nothing is written and `conflict` says which trade.
    InsertResult insert(const TradeList &trades);

    QList<BookInfo> books() const;
    void upsertBooks(const QList<BookInfo> &books);

    // Folds the log up to `asOf` (inclusive) into each book's positions,
    // reading it instrument by instrument in (trade_time, trade_id) order.
    // Books with no trade at or before `asOf` are absent. An empty `bookId`
    // means every book.
    QList<TradingBook> positionsAsOf(const QDateTime &asOf, const QString &bookId = {}) const;

    // Trades of one book, in fold order.
    TradeList trades(const QString &bookId) const;

    // The sequence number of the newest insertion (0 for an empty log).
    qint64 lastSequence() const;
    // Trades inserted after `sequence`, in insertion order.
    TradeList insertedAfter(qint64 sequence) const;
    // True when a trade was inserted after `sequence`, or a trade's time
    // falls in (after, upTo]: then positions as of upTo differ from as of after.
    bool changedSince(qint64 sequence, const QDateTime &after, const QDateTime &upTo) const;

    // Non-flat positions per book as of `asOf`, counted in SQL (the quantity
    // of a position is the sum of its trades' quantities).
    QHash<QString, int> openPositionCounts(const QDateTime &asOf) const;

private:
    const Connection &m_connection;
};
