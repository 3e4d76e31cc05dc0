#include "desksession.h"

#include "services/sqldeskstorage.h"

DeskSession::DeskSession(const DatabaseLocation &location, QObject *parent)
    : DeskSession(location, std::make_unique<SqlDeskStorage>(location), parent)
{
}

DeskSession::DeskSession(const DatabaseLocation &location, std::unique_ptr<DeskStorage> storage, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_storage(std::move(storage))
    , m_snapshots(location)
    , m_rankings(location)
    , m_feed(*m_storage)
{
    qRegisterMetaType<DeskSettings>();
    connect(&m_snapshots, &SnapshotService::snapshotStored, &m_rankings, &RankingService::onSnapshotStored);
    connect(&m_reloading, &QFutureWatcher<Loaded<DeskSettings>>::finished, this, [this] {
        const auto loaded = m_reloading.result();
        if (loaded.ok())
            applySettings(loaded.value);
        else
            emit failed(loaded.error);
    });
}

DeskSession::~DeskSession()
{
    shutdown();
}

void DeskSession::start(int intervalSecs, bool takeSnapshots)
{
    m_snapshots.setInterval(intervalSecs);
    connect(&m_loading, &QFutureWatcher<Loaded<DeskSettings>>::finished, this, [this, takeSnapshots] {
        const auto loaded = m_loading.result();
        if (!loaded.ok()) {
            emit failed(loaded.error);
            return;
        }
        m_settings = loaded.value;
        m_snapshots.setDeskTimeZone(m_settings.deskTimeZone);
        m_storage->setReadOnly(!m_settings.readOnlyReason.isEmpty());
        // A read-only desk takes no snapshots: it follows those of the others.
        if (takeSnapshots && m_settings.readOnlyReason.isEmpty())
            m_snapshots.start();
        m_storage->start();
        emit started(m_settings);
    });
    m_loading.setFuture(m_storage->settings());
}

void DeskSession::applySettings(const DeskSettings &settings)
{
    m_settings = settings;
    m_snapshots.setDeskTimeZone(settings.deskTimeZone);
    emit settingsChanged(settings);
}

void DeskSession::reloadSettings()
{
    if (m_reloading.isRunning())
        return; // one read is enough: it sees the newest
    m_reloading.setFuture(m_storage->settings());
}

void DeskSession::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_feed.setRunning(false);
    m_storage->stop();
    if (m_snapshots.isActive() || m_snapshots.isBusy())
        m_snapshots.finalSnapshot();
    m_rankings.waitForDone();
    m_storage->waitForDone();
}
