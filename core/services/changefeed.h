#pragma once

#include "storage/changestore.h"
#include "storage/databaselocation.h"
#include "storage/tradestore.h"

#include <QDate>
#include <QObject>
#include <QThread>

// Follows the database, whoever writes it (this window, the demo feed, an
// import, another desk on the shared database) and says what changed, in
// commit order. Runs on its own thread with its own kept connection (opened
// once, reopened by itself after a lost server). It reads only when the
// database changed: on PostgreSQL a LISTEN on ChangeStore::channel() (each
// writing transaction notifies at its commit) with a read every poll
// interval in case a notification was missed; on SQLite `PRAGMA
// data_version`, which moves when another connection commits, looked at
// every quarter second. Trades and changes are read after the last ones
// seen; both are numbered in commit order, so nothing committed late is
// skipped.
class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    explicit ChangeFeed(const DatabaseLocation &location, QObject *parent = nullptr);
    ~ChangeFeed() override;

    // PostgreSQL: the read without a notification. SQLite: how often
    // data_version is looked at (at most every 250 ms).
    void setPollInterval(int msecs);
    // Starts following from the database's current state.
    void start();
    void stop();

public slots:
    // Reads at once (after this process wrote).
    void poke();

signals:
    // Once the ends of the logs are known: from here on every change is reported.
    void started();
    void tradesArrived(const QList<LoggedTrade> &trades);
    // Other processes' changes (this process's services signal their own).
    void snapshotStored(const QString &bookId, const QDate &businessDate);
    // The day's unchanged snapshot moved its instant, and its rankings theirs.
    void snapshotMoved(const QString &bookId, const QDate &businessDate);
    void rankingStored(const QString &bookId, const QDate &businessDate, const QString &agreementId);
    void referenceDataChanged();
    void agreementsChanged();
    void settingsChanged();
    // The database cannot be read (the feed retries every poll interval);
    // then `resumed` once it can again.
    void failed(const QString &reason);
    void resumed();

private:
    class Worker;
    void deliver(const QList<LoggedTrade> &trades, const QList<Change> &changes);

    QThread m_thread;
    Worker *m_worker;
};
