#pragma once

#include "storage/databaselocation.h"

#include <QDate>
#include <QDateTime>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>

// Rebuilds a book's collateral rankings for a business date whenever its
// end-of-day snapshot is stored with other positions (connect
// SnapshotService::snapshotStored to onSnapshotStored): the desk ranking
// and every ranking under an agreement already stored for that day. A
// snapshot that only moved its instant keeps its rankings (their instant
// moved with it), so none of them is rebuilt. Also on request, one ranking (an empty
// agreement id: the desk ranking). Builds run one at a time on the
// service's own worker thread with its own database connection; a request
// already waiting for the same ranking is not queued twice.
class RankingService : public QObject
{
    Q_OBJECT

public:
    explicit RankingService(const DatabaseLocation &location, QObject *parent = nullptr);
    ~RankingService() override;

    bool isBusy() const { return m_watcher.isRunning() || !m_queue.isEmpty() || !m_published; }
    // Blocks until every queued build is done (at quit, in tests).
    void waitForDone();

public slots:
    void onSnapshotStored(const QString &bookId, const QDate &businessDate, const QDateTime &instant);
    void rebuild(const QString &bookId, const QDate &businessDate, const QString &agreementId = {});

signals:
    void rankingBuilt(const QString &bookId, const QDate &businessDate, const QString &agreementId);
    void rankingFailed(const QString &bookId, const QDate &businessDate, const QString &agreementId,
                       const QString &reason);

private:
    struct Request
    {
        QString bookId;
        QDate businessDate;
        QString agreementId;
        // After a stored snapshot: the desk ranking and the day's stored
        // rankings under agreements, each only unless it is still that of
        // the day's snapshot. Otherwise the one ranking asked for, rebuilt.
        bool withAgreements = false;
        bool operator==(const Request &) const = default;
    };
    struct Outcome
    {
        Request request;
        QStringList built; // agreement ids, '' for the desk ranking
        QString error;
        QString failedAgreement;
    };
    void enqueue(const Request &request);
    void startNext();
    void onFinished();

    DatabaseLocation m_location;
    QThreadPool m_pool;
    QFutureWatcher<Outcome> m_watcher;
    QList<Request> m_queue;
    bool m_published = true; // the last build's outcome was signalled
};
