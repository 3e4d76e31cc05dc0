#pragma once

#include "services/snapshotjob.h"
#include "storage/databaselocation.h"
#include "storage/snapshottaker.h"

#include <QDate>
#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QTimeZone>
#include <QTimer>

#include <functional>
#include <memory>

// Snapshots every book on a timer whose ticks sit on the wall clock
// (10:00, 10:10, … for the default 10 minutes), and on demand. The work
// runs on the service's own worker thread with its own database connection;
// ticks never overlap (a tick that finds the previous one running is
// skipped and reported). A failed tick is reported and its instant retried
// with the next tick, so an end of day is never lost to a locked database.
// On a database shared by several desks only one of them runs the timer's
// ticks (SnapshotTaker); the others follow and take over within one interval
// when it goes away. "Snapshot now" works on every desk.
class SnapshotService : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    explicit SnapshotService(const DatabaseLocation &location, QObject *parent = nullptr);
    ~SnapshotService() override;

    // For tests: where "now" comes from (UTC).
    void setClock(Clock clock);
    void setDeskTimeZone(const QTimeZone &zone);
    QTimeZone deskTimeZone() const { return m_zone; }
    void setInterval(int seconds);
    int interval() const { return m_intervalSecs; }

    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    bool isBusy() const { return m_watcher.isRunning(); }
    QDateTime nextTick() const { return m_nextTick; }
    // Whether this desk's timer takes the snapshots (not known before the
    // first check, which start() makes at once).
    std::optional<bool> takesSnapshots() const { return m_takes; }

public slots:
    void snapshotNow();
    // At quit: waits for a running tick, then snapshots once more if the
    // trade log changed since the last snapshot. Blocks until done.
    void finalSnapshot();

signals:
    void snapshotStored(const QString &bookId, const QDate &businessDate, const QDateTime &instant);
    void snapshotFailed(const QString &reason);
    void nextTickChanged(const QDateTime &instant);
    void tickSkipped(const QDateTime &instant);
    // Everything one tick did, stored or discarded, for the status bar.
    void tickFinished(const QList<SnapshotReport> &reports);
    // This desk took over the snapshots, or another desk (`holder`) has them.
    void takerChanged(bool takesSnapshots, const QString &holder);

private:
    struct TickResult
    {
        QList<SnapshotReport> reports;
        QList<QDateTime> failed; // instants still to take
        QString error;
        qint64 sequence = 0;     // the trade log's last insertion when read
        QDateTime upTo;          // the newest instant asked for
        std::optional<bool> takes; // a timer tick: whether this desk holds the role
        QString holder;          // who does, when not this desk
    };
    // `taker`: a timer tick, taken only by the desk that holds the role.
    static TickResult runTick(const DatabaseLocation &location, const QList<QDateTime> &instants,
                              SnapshotTaker *taker = nullptr);
    static TickResult claimRole(const DatabaseLocation &location, SnapshotTaker *taker);

    void onTimer();
    void schedule(const QDateTime &after);
    void startTick(const QDateTime &instant, bool fromTimer);
    void updateRole(const TickResult &result);
    void onTickFinished();
    void publish(const TickResult &result);

    DatabaseLocation m_location;
    Clock m_clock;
    QTimeZone m_zone;
    int m_intervalSecs = 600;
    QTimer m_timer;
    QDateTime m_nextTick;
    // Used in the worker thread only; destroyed after it (the lock goes with the pool's connection).
    std::unique_ptr<SnapshotTaker> m_taker;
    std::optional<bool> m_takes;
    QString m_holder;
    QFutureWatcher<TickResult> m_role;
    QTimer m_roleCheck; // who takes the snapshots, between ticks too
    QThreadPool m_pool;
    QFutureWatcher<TickResult> m_watcher;
    bool m_tickPublished = true;
    QList<QDateTime> m_retry;  // instants of failed ticks
    qint64 m_lastSequence = -1; // trade log at the last successful tick
    QDateTime m_lastInstant;
};
