#include "livebook.h"

#include <algorithm>

LiveBook::LiveBook(QString bookId)
    : m_book(std::move(bookId))
{
}

LiveBook LiveBook::fold(const QString &bookId, TradeList trades, qint64 sequence)
{
    std::sort(trades.begin(), trades.end(), Trade::foldOrder);
    LiveBook live(bookId);
    for (const Trade &t : std::as_const(trades)) {
        live.m_book.apply(t);
        live.m_lastApplied.insert(t.instrumentId, t);
    }
    live.m_sequence = sequence;
    return live;
}

LiveBook LiveBook::resume(TradingBook book, qint64 sequence, const QDateTime &resumedFrom,
                          QHash<QString, Trade> lastApplied)
{
    LiveBook live(book.bookId());
    live.m_book = std::move(book);
    live.m_sequence = sequence;
    live.m_resumedFrom = resumedFrom;
    live.m_lastApplied = std::move(lastApplied);
    return live;
}

LiveBook::Applied LiveBook::apply(const Trade &trade, qint64 sequence)
{
    if (sequence <= m_sequence)
        return Applied::AlreadyIn;
    const auto last = m_lastApplied.constFind(trade.instrumentId);
    if (last != m_lastApplied.cend() && Trade::foldOrder(trade, *last))
        return Applied::OutOfOrder;
    if (last == m_lastApplied.cend() && m_resumedFrom.isValid() && trade.tradeTime <= m_resumedFrom
        && m_book.position(trade.instrumentId))
        return Applied::OutOfOrder;
    m_book.apply(trade);
    m_lastApplied.insert(trade.instrumentId, trade);
    m_sequence = sequence;
    return Applied::Applied;
}
