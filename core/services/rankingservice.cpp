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
    rebuild(bookId, businessDate);
}

void RankingService::rebuild(const QString &bookId, const QDate &businessDate)
{
    const std::pair key(bookId, businessDate);
    if (!m_queue.contains(key))
        m_queue.append(key);
    startNext();
}

void RankingService::startNext()
{
    if (m_watcher.isRunning() || m_queue.isEmpty())
        return;
    // Named copies: clang 14 cannot capture structured bindings.
    const auto [bookId, date] = m_queue.takeFirst();
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [location = m_location, book = bookId, day = date] {
        Outcome outcome{book, day, {}, false};
        try {
            const Connection connection(location);
            outcome.built = RankingJob::rebuild(connection, book, day).has_value();
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
