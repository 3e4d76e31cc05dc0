#pragma once

#include "domain/book.h"
#include "domain/trade.h"
#include "domain/tradingbook.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Connection;

// A trade with its place in the insertion order of the log.
struct LoggedTrade
{
    qint64 sequence = 0;
    Trade trade;
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
    // The book's base currency, or `deskCurrency` when it has none.
    QString baseCurrency(const QString &bookId, const QString &deskCurrency) const;
    void upsertBooks(const QList<BookInfo> &books);

    // Folds the log up to `asOf` (inclusive) into each book's positions,
    // reading it instrument by instrument in (trade_time, trade_id) order.
    // Books with no trade at or before `asOf` are absent. An empty `bookId`
    // means every book.
    QList<TradingBook> positionsAsOf(const QDateTime &asOf, const QString &bookId = {}) const;

    // Folds into `book` its trades with `after` < trade_time <= `upTo` (an
    // invalid `after`: from the first trade), in fold order per instrument.
    // `book` holds the fold as of `after`; afterwards it holds it as of `upTo`.
    // With `lastApplied`: the last trade folded of each instrument read.
    void foldInto(TradingBook &book, const QDateTime &after, const QDateTime &upTo,
                  QHash<QString, Trade> *lastApplied = nullptr) const;
    // True when a trade of the book inserted after `sequence` has a trade
    // time at or before `instant`: a fold taken as of `instant` when the log
    // ended at `sequence` did not see it.
    bool insertedBackDated(const QString &bookId, qint64 sequence, const QDateTime &instant) const;
    // True when the book has a trade with `after` < trade_time <= `upTo`.
    bool hasTrades(const QString &bookId, const QDateTime &after, const QDateTime &upTo) const;

    // Trades of one book in fold order, up to insertion `maxSequence`
    // (inclusive; negative: all).
    TradeList trades(const QString &bookId, qint64 maxSequence = -1) const;

    // The book's newest trades first (by trade time, then id), at most `limit`.
    TradeList recentTrades(const QString &bookId, int limit) const;
    // Trades of one book and instrument in fold order.
    TradeList trades(const QString &bookId, const QString &instrumentId) const;

    // The sequence number of the newest insertion (0 for an empty log).
    // Sequence numbers are in commit order (see insert()): every trade with
    // a number up to it is visible, and every trade committed later has a
    // higher one, so it is the log's high-water mark.
    qint64 lastSequence() const;
    // Trades inserted after `sequence`, in insertion order, at most `limit`.
    QList<LoggedTrade> insertedAfter(qint64 sequence, int limit = 100000) const;
    // True when a trade was inserted after `sequence`, or a trade's time
    // falls in (after, upTo]: then positions as of upTo differ from as of after.
    bool changedSince(qint64 sequence, const QDateTime &after, const QDateTime &upTo) const;


private:
    const Connection &m_connection;
};
