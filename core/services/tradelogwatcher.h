#pragma once

#include "services/deskreader.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

// Follows the trade log, whoever writes it (this window, the demo feed, an
// import, another desk on the shared database): polls for insertions every
// few seconds, or at once when poked, and emits them in insertion order.
class TradeLogWatcher : public QObject
{
    Q_OBJECT

public:
    explicit TradeLogWatcher(const DeskReader &reader, QObject *parent = nullptr);

    void setPollInterval(int msecs) { m_timer.setInterval(msecs); }
    // Starts following from the log's current end.
    void start();
    void stop() { m_timer.stop(); }

public slots:
    void poke();

signals:
    // Once the log's end is known: from here on every insertion is reported.
    void started();
    void tradesArrived(const QList<LoggedTrade> &trades);

private:
    void poll();
    void onPolled();

    const DeskReader &m_reader;
    QTimer m_timer;
    qint64 m_sequence = -1;
    bool m_again = false;
    QFutureWatcher<Loaded<qint64>> m_start;
    QFutureWatcher<Loaded<QList<LoggedTrade>>> m_poll;
};
