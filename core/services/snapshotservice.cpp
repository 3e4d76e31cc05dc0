#include "snapshotservice.h"

#include "domain/desktime.h"
#include "services/background.h"
#include "storage/changestore.h"
#include "storage/connection.h"
#include "storage/keptconnection.h"
#include "storage/storageerror.h"
#include "storage/tradestore.h"

#include <QCoreApplication>
#include <QtConcurrent>

namespace {

constexpr int ChangeLogDays = 7;

} // namespace

SnapshotService::SnapshotService(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_zone(QTimeZone::systemTimeZoneId())
    , m_taker(std::make_unique<SnapshotTaker>(location))
{
    qRegisterMetaType<QList<SnapshotReport>>();
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SnapshotService::onTimer);
    connect(&m_watcher, &QFutureWatcher<TickResult>::finished, this, &SnapshotService::onTickFinished);
    connect(&m_role, &QFutureWatcher<TickResult>::finished, this, [this] { updateRole(m_role.result()); });
    // A taker that went away is noticed (and replaced) within half a minute
    // in the status bar, not only at the next tick.
    m_roleCheck.setInterval(30000);
    connect(&m_roleCheck, &QTimer::timeout, this, [this] {
        if (!m_role.isRunning() && !m_watcher.isRunning())
            m_role.setFuture(QtConcurrent::run(&m_pool, &SnapshotService::claimRole, m_location, m_taker.get()));
    });
}

SnapshotService::~SnapshotService()
{
    m_watcher.waitForFinished();
    m_role.waitForFinished();
    m_pool.waitForDone();
}

void SnapshotService::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void SnapshotService::setDeskTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (m_timer.isActive())
        schedule(m_clock());
}

void SnapshotService::setInterval(int seconds)
{
    m_intervalSecs = std::max(1, seconds);
    if (m_timer.isActive())
        schedule(m_clock());
}

void SnapshotService::start()
{
    schedule(m_clock());
    // Say at once whether this desk takes the snapshots, not at the first tick.
    m_roleCheck.start();
    if (!m_role.isRunning())
        m_role.setFuture(QtConcurrent::run(&m_pool, &SnapshotService::claimRole, m_location, m_taker.get()));
}

SnapshotService::TickResult SnapshotService::claimRole(const DatabaseLocation &location, SnapshotTaker *taker)
{
    Background::lowerThisThread();
    TickResult result;
    try {
        const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
        const Connection &connection = *lease;
        result.takes = taker->claim(connection);
        if (!*result.takes)
            result.holder = taker->holder(connection);
    } catch (const StorageError &e) {
        KeptConnection::dropIfBroken(location);
        result.error = e.message();
    }
    return result;
}

void SnapshotService::updateRole(const TickResult &result)
{
    if (!result.takes || (m_takes == result.takes && m_holder == result.holder))
        return;
    m_takes = result.takes;
    m_holder = result.holder;
    emit takerChanged(*m_takes, m_holder);
}

void SnapshotService::stop()
{
    m_timer.stop();
    m_roleCheck.stop();
    m_nextTick = QDateTime();
    emit nextTickChanged(m_nextTick);
}

void SnapshotService::schedule(const QDateTime &after)
{
    const QDateTime now = m_clock();
    m_nextTick = DeskTime::nextAlignedTick(std::max(after, now), m_intervalSecs, m_zone);
    m_timer.start(int(std::clamp<qint64>(now.msecsTo(m_nextTick), 0, std::numeric_limits<int>::max())));
    emit nextTickChanged(m_nextTick);
}

void SnapshotService::onTimer()
{
    // Snapshot as of the planned tick (10:10:00 exactly), even if the timer
    // fired a moment early or late.
    const QDateTime tick = m_nextTick;
    schedule(tick);
    startTick(tick, true);
}

void SnapshotService::snapshotNow()
{
    startTick(m_clock(), false);
}

void SnapshotService::startTick(const QDateTime &instant, bool fromTimer)
{
    if (m_watcher.isRunning()) {
        qInfo("snapshot tick at %s skipped: the previous one is still running",
              qPrintable(DeskTime::formatInstant(instant)));
        emit tickSkipped(instant);
        return;
    }
    // Retried instants first; one of the same business date as this tick is
    // superseded by it (only the day's newest counts).
    const QDate today = DeskTime::businessDate(instant, m_zone);
    QList<QDateTime> instants;
    for (const QDateTime &failed : std::as_const(m_retry)) {
        if (DeskTime::businessDate(failed, m_zone) != today && failed < instant)
            instants.append(failed);
    }
    instants.append(instant);
    m_retry.clear();
    m_tickPublished = false;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, &SnapshotService::runTick, m_location, instants,
                                          fromTimer ? m_taker.get() : nullptr));
}

SnapshotService::TickResult SnapshotService::runTick(const DatabaseLocation &location, const QList<QDateTime> &instants,
                                                    SnapshotTaker *taker)
{
    Background::lowerThisThread();
    TickResult result;
    if (taker) {
        result = claimRole(location, taker);
        if (!result.error.isEmpty()) {
            result.failed = instants;
            return result;
        }
        if (!*result.takes)
            return result; // another desk takes them: nothing to retry either
    }
    result.failed = instants;
    result.upTo = instants.constLast();
    // A book whose snapshot cannot be stored does not stop the others': they
    // are stored and published, and the instant is retried for it.
    QList<QDateTime> retry;
    QStringList bookErrors;
    try {
        const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
        const Connection &connection = *lease;
        result.sequence = TradeStore(connection).lastSequence();
        while (!result.failed.isEmpty()) {
            QList<SnapshotJob::Failure> failures;
            result.reports += SnapshotJob::run(connection, result.failed.constFirst(), {}, &failures);
            if (!failures.isEmpty())
                retry.append(result.failed.constFirst());
            for (const SnapshotJob::Failure &f : std::as_const(failures))
                bookErrors.append(QStringLiteral("%1: %2").arg(f.bookId, f.message));
            result.failed.removeFirst();
        }
        // The taker keeps the change log short: the feeds follow its newest
        // rows, and a desk back after a week reads everything again anyway.
        if (taker)
            ChangeStore(connection).prune(ChangeLogDays);
    } catch (const StorageError &e) {
        KeptConnection::dropIfBroken(location);
        result.error = e.message();
    }
    result.failed = retry + result.failed;
    if (result.error.isEmpty())
        result.error = bookErrors.join(QStringLiteral("; "));
    return result;
}

void SnapshotService::onTickFinished()
{
    // finalSnapshot() may have published this tick already.
    if (m_tickPublished)
        return;
    m_tickPublished = true;
    publish(m_watcher.result());
}

void SnapshotService::publish(const TickResult &result)
{
    updateRole(result);
    if (result.takes == false)
        return;
    for (const SnapshotReport &r : result.reports) {
        if (r.stored())
            emit snapshotStored(r.bookId, r.businessDate, r.instant);
    }
    emit tickFinished(result.reports);
    if (!result.error.isEmpty()) {
        // Keep one instant per business date: the newest is all that counts.
        for (const QDateTime &failed : result.failed) {
            const QDate day = DeskTime::businessDate(failed, m_zone);
            m_retry.removeIf([&](const QDateTime &t) { return DeskTime::businessDate(t, m_zone) == day; });
            m_retry.append(failed);
        }
        emit snapshotFailed(tr("Snapshot at %1 failed; it will be retried at the next tick: %2")
                                .arg(DeskTime::formatInstant(result.failed.constFirst()), result.error));
        return;
    }
    if (result.upTo.isValid()) {
        m_lastSequence = result.sequence;
        m_lastInstant = result.upTo;
    }
}

void SnapshotService::finalSnapshot()
{
    m_timer.stop();
    m_roleCheck.stop();
    if (!m_tickPublished) {
        // A tick still running, or done with its finished signal queued
        // behind us: publish it now, once (its instant and trade-log mark
        // are what "changed since?" compares with).
        m_watcher.waitForFinished();
        onTickFinished();
    }
    // Another desk takes the snapshots: its next tick folds this desk's trades.
    if (m_takes == false)
        return;
    const QDateTime now = m_clock();
    const qint64 sequence = m_lastSequence;
    const QDateTime last = m_lastInstant;
    QList<QDateTime> instants = m_retry;
    instants.append(now);
    auto job = QtConcurrent::run(&m_pool, [location = m_location, sequence, last, instants] {
        Background::lowerThisThread();
        try {
            const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
            const Connection &connection = *lease;
            const bool changed = sequence < 0 || !last.isValid()
                                 || TradeStore(connection).changedSince(sequence, last, instants.constLast());
            if (!changed && instants.size() == 1)
                return TickResult();
        } catch (const StorageError &e) {
            KeptConnection::dropIfBroken(location);
            TickResult failed;
            failed.error = e.message();
            failed.failed = instants;
            return failed;
        }
        return runTick(location, instants);
    });
    job.waitForFinished();
    publish(job.result());
}
