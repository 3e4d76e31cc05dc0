#include "rankingservice.h"

#include "services/rankingjob.h"
#include "storage/connection.h"
#include "storage/storageerror.h"

#include <QtConcurrent>

RankingService::RankingService(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , m_location(location)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &RankingService::onFinished);
}

RankingService::~RankingService()
{
    m_queue.clear();
    m_watcher.waitForFinished();
}

void RankingService::onSnapshotStored(const QString &bookId, const QDate &businessDate, const QDateTime &)
{
    enqueue(bookId, businessDate, false);
}

void RankingService::rebuild(const QString &bookId, const QDate &businessDate)
{
    enqueue(bookId, businessDate, true);
}

void RankingService::enqueue(const QString &bookId, const QDate &businessDate, bool force)
{
    for (Request &r : m_queue) {
        if (r.bookId == bookId && r.businessDate == businessDate) {
            r.force = r.force || force;
            return;
        }
    }
    m_queue.append({bookId, businessDate, force});
    startNext();
}

void RankingService::startNext()
{
    if (m_watcher.isRunning() || m_queue.isEmpty())
        return;
    const Request request = m_queue.takeFirst();
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [location = m_location, request] {
        Outcome outcome{request.bookId, request.businessDate, {}, false};
        try {
            const Connection connection(location);
            outcome.built = (request.force ? RankingJob::rebuild(connection, request.bookId, request.businessDate)
                                           : RankingJob::refresh(connection, request.bookId, request.businessDate))
                                .has_value();
        } catch (const StorageError &e) {
            outcome.error = e.message();
        }
        return outcome;
    }));
}

void RankingService::onFinished()
{
    const Outcome outcome = m_watcher.result();
    if (!outcome.error.isEmpty())
        emit rankingFailed(outcome.bookId, outcome.businessDate, outcome.error);
    else if (outcome.built)
        emit rankingBuilt(outcome.bookId, outcome.businessDate);
    startNext();
}

void RankingService::waitForDone()
{
    while (isBusy()) {
        m_watcher.waitForFinished();
        // Deliver the finished signal, which starts the next build.
        QCoreApplication::sendPostedEvents(&m_watcher);
        if (!m_watcher.isRunning() && !m_queue.isEmpty())
            startNext();
    }
}
