#pragma once

#include "position.h"
#include "trade.h"

#include <QDateTime>
#include <QHash>
#include <QString>

// The positions of one book, built by folding its trades in (trade_time,
// trade_id) order. Positions as of an instant are a pure function of the
// trade log: foldTrades() is the one place that says so.
class TradingBook
{
public:
    explicit TradingBook(QString bookId = {});
    // Resumes the fold from a stored state: every position the fold had at
    // some instant, flat ones included (PositionSnapshot positions + flat).
    // Applying the trades after that instant gives the fold from the start.
    TradingBook(QString bookId, const PositionList &state);

    const QString &bookId() const { return m_bookId; }

    // Applies trades already in fold order.
    void apply(const Trade &trade);
    void apply(const QString &instrumentId, Quantity quantity, double price);

    // Positions sorted by instrument id; flat ones only when asked.
    PositionList positions(bool includeFlat = false) const;
    // The flat ones only, sorted by instrument id.
    PositionList flatPositions() const;
    const Position *position(const QString &instrumentId) const;
    qsizetype nonFlatCount() const;
    bool isEmpty() const { return m_positions.isEmpty(); }

private:
    QString m_bookId;
    QHash<QString, Position> m_positions;
};

// Positions as of `asOf` of every book in `trades` (any order, any books):
// trades after `asOf` are ignored, the rest folded in (trade_time, trade_id)
// order. An invalid `asOf` means "all trades".
QHash<QString, TradingBook> foldTrades(TradeList trades, const QDateTime &asOf = {});
