#pragma once

#include "tradingbook.h"

#include <QDateTime>
#include <QHash>
#include <QString>

// A book's positions kept live: folded once from the log, then moved on by
// each trade that arrives. Average cost depends on order, so a trade that
// belongs before one already applied (a late trade) cannot be applied on
// top: apply() says so and the owner folds the book again.
class LiveBook
{
public:
    enum class Applied { Applied, AlreadyIn, OutOfOrder };

    explicit LiveBook(QString bookId = {});
    // Folds `trades` (any order) inserted up to `sequence`.
    static LiveBook fold(const QString &bookId, TradeList trades, qint64 sequence);
    // A fold resumed from a snapshot at `resumedFrom` (invalid: from the
    // first trade), with the log inserted up to `sequence`; `lastApplied`:
    // per instrument, the last trade folded after `resumedFrom`. A trade at
    // or before `resumedFrom` of an instrument the snapshot holds and no
    // later trade moved is out of order: where it falls among the trades
    // the snapshot summed is not known here.
    static LiveBook resume(TradingBook book, qint64 sequence, const QDateTime &resumedFrom,
                           QHash<QString, Trade> lastApplied);

    const QString &bookId() const { return m_book.bookId(); }
    const TradingBook &book() const { return m_book; }
    qint64 sequence() const { return m_sequence; }

    // A trade inserted into the log with `sequence`.
    Applied apply(const Trade &trade, qint64 sequence);

private:
    TradingBook m_book;
    qint64 m_sequence = 0;
    QHash<QString, Trade> m_lastApplied; // per instrument, for the fold order
    QDateTime m_resumedFrom;
};
