#pragma once

#include "services/deskstorage.h"

#include <QFutureWatcher>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

// View → Demo trade feed: books a few random, plausible trades on the demo
// books every few seconds, so a new user sees positions move and snapshots
// land. Writes through the desk's storage like a trader would.
class DemoTradeFeed : public QObject
{
    Q_OBJECT

public:
    explicit DemoTradeFeed(DeskStorage &storage, QObject *parent = nullptr);

    void setInterval(int msecs) { m_timer.setInterval(msecs); }
    bool isRunning() const { return m_timer.isActive(); }

public slots:
    void setRunning(bool on);

signals:
    void runningChanged(bool on);
    void failed(const QString &reason);

private:
    void tick();

    DeskStorage &m_storage;
    QTimer m_timer;
    QRandomGenerator m_random;
    InstrumentMap m_instruments;
    QHash<QString, QHash<QString, double>> m_held;
    QFutureWatcher<Loaded<InstrumentMap>> m_loading;
    QFutureWatcher<TradeBooking::Result> m_booked;
};
