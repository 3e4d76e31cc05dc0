#include "demotradefeed.h"

#include "services/demodata.h"

DemoTradeFeed::DemoTradeFeed(DeskStorage &storage, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_random(QRandomGenerator::securelySeeded())
{
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &DemoTradeFeed::tick);
    connect(&m_loading, &QFutureWatcher<Loaded<InstrumentMap>>::finished, this, [this] {
        const auto loaded = m_loading.result();
        if (!loaded.ok() || loaded.value.isEmpty()) {
            emit failed(loaded.ok() ? tr("no instruments: run the demo first (findesk demo)") : loaded.error);
            setRunning(false);
            return;
        }
        m_instruments = loaded.value;
        tick();
    });
    connect(&m_booked, &QFutureWatcher<TradeBooking::Result>::finished, this, [this] {
        const auto result = m_booked.result();
        if (!result.ok())
            emit failed(result.error ? result.error->toString() : result.storageError);
    });
}

void DemoTradeFeed::setRunning(bool on)
{
    if (on == m_timer.isActive())
        return;
    if (on) {
        m_timer.start();
        if (m_instruments.isEmpty())
            m_loading.setFuture(m_storage.instruments());
    } else {
        m_timer.stop();
    }
    emit runningChanged(on);
}

void DemoTradeFeed::tick()
{
    if (m_instruments.isEmpty() || m_booked.isRunning())
        return;
    const TradeList trades = DemoData::liveTrades(m_instruments, m_held, QDateTime::currentDateTimeUtc(),
                                                  1 + m_random.bounded(3), m_random);
    for (const Trade &t : trades)
        m_held[t.bookId][t.instrumentId] += t.quantity.toDouble();
    m_booked.setFuture(m_storage.book(trades));
}
