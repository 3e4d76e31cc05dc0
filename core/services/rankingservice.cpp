#include "rankingservice.h"

#include "services/background.h"
#include "services/rankingjob.h"
#include "storage/connection.h"
#include "storage/keptconnection.h"
#include "storage/rankingstore.h"
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
    enqueue({bookId, businessDate, {}, true});
}

void RankingService::rebuild(const QString &bookId, const QDate &businessDate, const QString &agreementId)
{
    enqueue({bookId, businessDate, agreementId, false});
}

void RankingService::enqueue(const Request &request)
{
    if (!m_queue.contains(request))
        m_queue.append(request);
    startNext();
}

void RankingService::startNext()
{
    if (m_watcher.isRunning() || m_queue.isEmpty())
        return;
    m_published = false;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [location = m_location, request = m_queue.takeFirst()] {
        Background::lowerThisThread();
        Outcome outcome{request, {}, {}, {}};
        QString current = request.agreementId;
        try {
            const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
            const Connection &connection = *lease;
            if (!request.withAgreements) {
                if (RankingJob::rebuild(connection, request.bookId, request.businessDate, current))
                    outcome.built << current;
            } else {
                if (RankingJob::refresh(connection, request.bookId, request.businessDate))
                    outcome.built << current;
                // What was ranked under an agreement from a replaced snapshot.
                const QStringList agreements = RankingStore(connection).agreementsRanked(request.bookId, request.businessDate);
                for (const QString &agreementId : agreements) {
                    current = agreementId;
                    if (RankingJob::refresh(connection, request.bookId, request.businessDate, agreementId))
                        outcome.built << agreementId;
                }
            }
        } catch (const StorageError &e) {
            KeptConnection::dropIfBroken(location);
            outcome.error = e.message();
            outcome.failedAgreement = current;
        }
        return outcome;
    }));
}

void RankingService::onFinished()
{
    // waitForDone() may have handled this build already; a finished signal
    // of an earlier build arriving while the next one runs is not this one's.
    if (m_published || m_watcher.isRunning())
        return;
    m_published = true;
    const Outcome outcome = m_watcher.result();
    const Request &r = outcome.request;
    for (const QString &agreementId : outcome.built)
        emit rankingBuilt(r.bookId, r.businessDate, agreementId);
    if (!outcome.error.isEmpty())
        emit rankingFailed(r.bookId, r.businessDate, outcome.failedAgreement, outcome.error);
    startNext();
}

void RankingService::waitForDone()
{
    while (isBusy()) {
        // Not through the finished signal, which may not be posted yet when
        // the build is done: handled here, once (onFinished starts the next).
        m_watcher.waitForFinished();
        onFinished();
        if (!m_watcher.isRunning() && !m_queue.isEmpty())
            startNext();
    }
}
