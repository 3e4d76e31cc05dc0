#include "tradingbook.h"

#include <algorithm>

TradingBook::TradingBook(QString bookId)
    : m_bookId(std::move(bookId))
{
}

TradingBook::TradingBook(QString bookId, const PositionList &state)
    : m_bookId(std::move(bookId))
{
    m_positions.reserve(state.size());
    for (const Position &p : state)
        m_positions.insert(p.instrumentId, Position{m_bookId, p.instrumentId, p.quantity, p.averagePrice, p.realizedPnl});
}

void TradingBook::apply(const Trade &trade)
{
    apply(trade.instrumentId, trade.quantity, trade.price);
}

void TradingBook::apply(const QString &instrumentId, Quantity quantity, double price)
{
    auto it = m_positions.find(instrumentId);
    if (it == m_positions.end())
        it = m_positions.insert(instrumentId, Position{m_bookId, instrumentId, {}, 0.0, 0.0});
    it->apply(quantity, price);
}

PositionList TradingBook::positions(bool includeFlat) const
{
    PositionList result;
    result.reserve(m_positions.size());
    for (const Position &p : m_positions) {
        if (includeFlat || !p.isFlat())
            result.append(p);
    }
    std::sort(result.begin(), result.end(), [](const Position &a, const Position &b) {
        return a.instrumentId < b.instrumentId;
    });
    return result;
}

PositionList TradingBook::flatPositions() const
{
    PositionList result;
    for (const Position &p : m_positions) {
        if (p.isFlat())
            result.append(p);
    }
    std::sort(result.begin(), result.end(), [](const Position &a, const Position &b) {
        return a.instrumentId < b.instrumentId;
    });
    return result;
}

const Position *TradingBook::position(const QString &instrumentId) const
{
    const auto it = m_positions.constFind(instrumentId);
    return it == m_positions.cend() ? nullptr : &*it;
}

qsizetype TradingBook::nonFlatCount() const
{
    return std::count_if(m_positions.cbegin(), m_positions.cend(),
                         [](const Position &p) { return !p.isFlat(); });
}

QHash<QString, TradingBook> foldTrades(TradeList trades, const QDateTime &asOf)
{
    if (asOf.isValid()) {
        trades.removeIf([&](const Trade &t) { return t.tradeTime > asOf; });
    }
    std::sort(trades.begin(), trades.end(), Trade::foldOrder);

    QHash<QString, TradingBook> books;
    for (const Trade &t : std::as_const(trades)) {
        auto it = books.find(t.bookId);
        if (it == books.end())
            it = books.insert(t.bookId, TradingBook(t.bookId));
        it->apply(t);
    }
    return books;
}
