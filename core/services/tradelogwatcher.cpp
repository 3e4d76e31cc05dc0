#include "tradelogwatcher.h"

TradeLogWatcher::TradeLogWatcher(const DeskReader &reader, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
{
    qRegisterMetaType<QList<LoggedTrade>>();
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &TradeLogWatcher::poll);
    connect(&m_poll, &QFutureWatcher<Loaded<QList<LoggedTrade>>>::finished, this, &TradeLogWatcher::onPolled);
    connect(&m_start, &QFutureWatcher<Loaded<qint64>>::finished, this, [this] {
        const auto loaded = m_start.result();
        if (loaded.ok()) {
            m_sequence = loaded.value;
            m_timer.start();
            emit started();
        }
    });
}

void TradeLogWatcher::start()
{
    m_start.setFuture(m_reader.lastSequence());
}

void TradeLogWatcher::poke()
{
    poll();
}

void TradeLogWatcher::poll()
{
    if (m_sequence < 0)
        return;
    if (m_poll.isRunning()) {
        m_again = true; // look once more when this read is back
        return;
    }
    m_poll.setFuture(m_reader.tradesAfter(m_sequence));
}

void TradeLogWatcher::onPolled()
{
    const auto loaded = m_poll.result();
    if (loaded.ok() && !loaded.value.isEmpty()) {
        m_sequence = loaded.value.constLast().sequence;
        emit tradesArrived(loaded.value);
    }
    if (m_again) {
        m_again = false;
        poll();
    }
}
