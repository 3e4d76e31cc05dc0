#pragma once

#include "services/demotradefeed.h"
#include "services/deskstorage.h"
#include "services/rankingservice.h"
#include "services/snapshotservice.h"

#include <QFutureWatcher>
#include <QObject>

// Everything the desk window runs on, wired together: reads, writes, the
// change feed, the snapshot timer and the ranking service that follows
// it, and the demo feed. Components talk through signals; nothing here
// touches a widget.
class DeskSession : public QObject
{
    Q_OBJECT

public:
    // On the database at `location` (SqlDeskStorage).
    explicit DeskSession(const DatabaseLocation &location, QObject *parent = nullptr);
    // On another storage (a test's fake); the snapshot and ranking services
    // still work on `location`, and only once started.
    DeskSession(const DatabaseLocation &location, std::unique_ptr<DeskStorage> storage, QObject *parent = nullptr);
    ~DeskSession() override;

    const DatabaseLocation &location() const { return m_location; }
    const DeskSettings &settings() const { return m_settings; }
    // Why this desk may not write (known once started); empty when it may.
    QString readOnlyReason() const { return m_settings.readOnlyReason; }
    DeskStorage &storage() { return *m_storage; }
    SnapshotService &snapshots() { return m_snapshots; }
    RankingService &rankings() { return m_rankings; }
    DemoTradeFeed &demoFeed() { return m_feed; }

    // Reads the desk settings, then starts the change feed and, unless
    // `takeSnapshots` is false (a screenshot run), the snapshot timer.
    void start(int intervalSecs, bool takeSnapshots = true);
    // At quit: the final snapshot if positions changed, then waits for the
    // rankings and writes still running.
    void shutdown();

public slots:
    void applySettings(const DeskSettings &settings);
    // Reads the desk settings again (another desk changed them).
    void reloadSettings();

signals:
    void started(const DeskSettings &settings);
    void settingsChanged(const DeskSettings &settings);
    void failed(const QString &reason);

private:
    DatabaseLocation m_location;
    DeskSettings m_settings;
    std::unique_ptr<DeskStorage> m_storage;
    SnapshotService m_snapshots;
    RankingService m_rankings;
    DemoTradeFeed m_feed;
    QFutureWatcher<Loaded<DeskSettings>> m_loading;
    QFutureWatcher<Loaded<DeskSettings>> m_reloading;
    bool m_shutDown = false;
};
