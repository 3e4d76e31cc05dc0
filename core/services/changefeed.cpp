#include "changefeed.h"

#include "services/background.h"
#include "storage/connection.h"
#include "storage/storageerror.h"

#include <QSet>
#include <QSqlDriver>
#include <QTimer>

#include <memory>

// Lives in the feed's thread; owns the connection and the timer there.
class ChangeFeed::Worker : public QObject
{
public:
    Worker(const DatabaseLocation &location, ChangeFeed *feed)
        : m_location(location)
        , m_feed(feed)
    {
    }

    void setInterval(int msecs)
    {
        m_interval = msecs;
        if (m_timer)
            m_timer->setInterval(timerInterval());
    }

    void start()
    {
        if (!m_timer) {
            m_timer = new QTimer(this);
            connect(m_timer, &QTimer::timeout, this, &Worker::onTimer);
        }
        m_timer->setInterval(timerInterval());
        m_timer->start();
        if (open())
            check();
    }

    void stop()
    {
        if (m_timer)
            m_timer->stop();
    }

    void close()
    {
        stop();
        m_connection.reset();
    }

    void check()
    {
        if (!m_connection)
            return;
        QList<LoggedTrade> trades;
        QList<Change> changes;
        bool more = false;
        try {
            const ReadTransaction read(*m_connection);
            constexpr int Batch = 20000;
            trades = TradeStore(*m_connection).insertedAfter(m_tradeMark, Batch);
            changes = ChangeStore(*m_connection).after(m_changeMark, Batch);
            more = trades.size() == Batch || changes.size() == Batch;
        } catch (const StorageError &e) {
            lost(e.message());
            return;
        }
        if (!trades.isEmpty())
            m_tradeMark = trades.constLast().sequence;
        if (!changes.isEmpty())
            m_changeMark = changes.constLast().sequence;
        if (!trades.isEmpty() || !changes.isEmpty()) {
            QMetaObject::invokeMethod(m_feed, [feed = m_feed, trades, changes] { feed->deliver(trades, changes); },
                                      Qt::QueuedConnection);
        }
        if (more)
            QMetaObject::invokeMethod(this, [this] { check(); }, Qt::QueuedConnection);
    }

private:
    int timerInterval() const
    {
        return m_location.kind == DatabaseLocation::Kind::SQLite ? qMin(m_interval, 250) : m_interval;
    }

    bool open()
    {
        try {
            m_connection = std::make_unique<Connection>(m_location, Connection::Mode::MustExist);
            if (m_connection->dialect() == SqlDialect::PostgreSQL) {
                QSqlDriver *driver = m_connection->database().driver();
                if (driver->subscribeToNotification(ChangeStore::channel()))
                    connect(driver, &QSqlDriver::notification, this, [this] { check(); });
            } else {
                m_dataVersion = dataVersion();
            }
            if (m_tradeMark < 0) {
                // The first start: from the logs' current ends.
                const ReadTransaction read(*m_connection);
                m_tradeMark = TradeStore(*m_connection).lastSequence();
                m_changeMark = ChangeStore(*m_connection).last();
                QMetaObject::invokeMethod(m_feed, &ChangeFeed::started, Qt::QueuedConnection);
            } else if (!m_failure.isEmpty()) {
                m_failure.clear();
                QMetaObject::invokeMethod(m_feed, &ChangeFeed::resumed, Qt::QueuedConnection);
            }
            return true;
        } catch (const StorageError &e) {
            lost(e.message());
            return false;
        }
    }

    // After an error: the connection is dropped and opened again at the next
    // poll, which reads from the marks on (nothing in between is lost).
    void lost(const QString &reason)
    {
        m_connection.reset();
        if (reason != m_failure) {
            m_failure = reason;
            QMetaObject::invokeMethod(m_feed, [feed = m_feed, reason] { emit feed->failed(reason); },
                                      Qt::QueuedConnection);
        }
    }

    qint64 dataVersion() const
    {
        QSqlQuery q = m_connection->exec(QStringLiteral("PRAGMA data_version"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    void onTimer()
    {
        if (!m_connection) {
            if (open())
                check();
            return;
        }
        if (m_connection->dialect() == SqlDialect::SQLite) {
            // Free: no read unless another connection committed.
            qint64 version = -1;
            try {
                version = dataVersion();
            } catch (const StorageError &e) {
                lost(e.message());
                return;
            }
            if (version == m_dataVersion)
                return;
            m_dataVersion = version;
        }
        check();
    }

    DatabaseLocation m_location;
    ChangeFeed *m_feed;
    std::unique_ptr<Connection> m_connection;
    QTimer *m_timer = nullptr;
    int m_interval = 2000;
    qint64 m_dataVersion = -1;
    qint64 m_tradeMark = -1;
    qint64 m_changeMark = 0;
    QString m_failure;
};

ChangeFeed::ChangeFeed(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(location, this))
{
    qRegisterMetaType<QList<LoggedTrade>>();
    m_thread.setObjectName(QStringLiteral("ChangeFeed"));
    m_worker->moveToThread(&m_thread);
}

ChangeFeed::~ChangeFeed()
{
    if (m_thread.isRunning()) {
        // The connection closes in the thread that opened it.
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_worker;
}

void ChangeFeed::setPollInterval(int msecs)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, msecs] { w->setInterval(msecs); },
                              m_thread.isRunning() ? Qt::QueuedConnection : Qt::DirectConnection);
}

void ChangeFeed::start()
{
    if (!m_thread.isRunning())
        m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] {
        Background::lowerThisThread();
        w->start();
    }, Qt::QueuedConnection);
}

void ChangeFeed::stop()
{
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
}

void ChangeFeed::poke()
{
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->check(); }, Qt::QueuedConnection);
}

void ChangeFeed::deliver(const QList<LoggedTrade> &trades, const QList<Change> &changes)
{
    if (!trades.isEmpty())
        emit tradesArrived(trades);
    // Once per burst: an import of reference data is one change, a tick of
    // fifty books fifty snapshots.
    bool reference = false, agreements = false, settings = false;
    QSet<QString> seen;
    // True the first time a burst names this book, day (and agreement).
    auto first = [&seen](QChar kind, const Change &c) {
        const QString key = kind + c.bookId + u'\n' + c.businessDate.toString(Qt::ISODate) + u'\n' + c.agreementId;
        if (seen.contains(key))
            return false;
        seen.insert(key);
        return true;
    };
    for (const Change &c : changes) {
        if (c.ownProcess)
            continue;
        switch (c.kind) {
        case Change::Kind::Trades:
            break; // read from the log itself
        case Change::Kind::Snapshot:
            if (first(u's', c))
                emit snapshotStored(c.bookId, c.businessDate);
            break;
        case Change::Kind::SnapshotMoved:
            if (first(u'm', c))
                emit snapshotMoved(c.bookId, c.businessDate);
            break;
        case Change::Kind::Ranking:
            if (first(u'r', c))
                emit rankingStored(c.bookId, c.businessDate, c.agreementId);
            break;
        case Change::Kind::ReferenceData:
            reference = true;
            break;
        case Change::Kind::Agreements:
            agreements = true;
            break;
        case Change::Kind::Settings:
            settings = true;
            break;
        }
    }
    if (reference)
        emit referenceDataChanged();
    if (agreements)
        emit agreementsChanged();
    if (settings)
        emit settingsChanged();
}
