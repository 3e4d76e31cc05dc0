#pragma once

#include "storage/databaselocation.h"

#include <QDate>
#include <QDateTime>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>

// Rebuilds a book's collateral ranking for a business date whenever its
// end-of-day snapshot is stored with other positions (connect
// SnapshotService::snapshotStored to onSnapshotStored; a snapshot that only
// moved its instant keeps its ranking), or on request. Builds run one at a time on the
// service's own worker thread with its own database connection; a request
// already waiting for the same book and day is not queued twice.
class RankingService : public QObject
{
    Q_OBJECT

public:
    explicit RankingService(const DatabaseLocation &location, QObject *parent = nullptr);
    ~RankingService() override;

    bool isBusy() const { return m_watcher.isRunning() || !m_queue.isEmpty(); }
    // Blocks until every queued build is done (at quit, in tests).
    void waitForDone();

public slots:
    void onSnapshotStored(const QString &bookId, const QDate &businessDate, const QDateTime &instant);
    void rebuild(const QString &bookId, const QDate &businessDate);

signals:
    void rankingBuilt(const QString &bookId, const QDate &businessDate);
    void rankingFailed(const QString &bookId, const QDate &businessDate, const QString &reason);

private:
    struct Outcome
    {
        QString bookId;
        QDate businessDate;
        QString error;
        bool built = false;
    };
    struct Request
    {
        QString bookId;
        QDate businessDate;
        bool force = false; // rebuild even when the stored ranking is current
    };
    void enqueue(const QString &bookId, const QDate &businessDate, bool force);
    void startNext();
    void onFinished();

    DatabaseLocation m_location;
    QThreadPool m_pool;
    QFutureWatcher<Outcome> m_watcher;
    QList<Request> m_queue;
};
