#pragma once

#include "services/snapshotjob.h"

#include <QStatusBar>
#include <QTimeZone>
#include <QTimer>

class QLabel;
class QToolButton;

// The status bar: database, desk time zone, the last snapshot stored, a
// countdown to the next tick, and a failed tick shown until dismissed.
class DeskStatusBar : public QStatusBar
{
    Q_OBJECT

public:
    explicit DeskStatusBar(QWidget *parent = nullptr);

    QString errorText() const;
    QString lastSnapshotText() const;
    QString exportText() const;

public slots:
    void setDatabase(const QString &name);
    void setDeskTimeZone(const QTimeZone &zone);
    void setNextTick(const QDateTime &instant);
    // Whether this desk's timer takes the snapshots, or which desk does.
    void setSnapshotTaker(bool takesSnapshots, const QString &holder);
    void onTickFinished(const QList<SnapshotReport> &reports);
    void showError(const QString &text);
    // A visible mark while the demo feed books invented trades.
    void setDemoFeedRunning(bool running);
    // A lasting mark that this desk may not write, and why.
    void setReadOnly(const QString &reason);
    bool demoFeedShown() const;
    void clearError();
    // Where an export went, with Open and Show in folder, until dismissed
    // or the next one.
    void showExported(const QString &path, qsizetype rows);
    void clearExported();

private:
    void showLastSnapshot();
    void updateCountdown();

    QLabel *m_database;
    QLabel *m_zone;
    QLabel *m_last;
    QLabel *m_countdown;
    std::optional<bool> m_takes;
    QString m_holder;
    QLabel *m_demoFeed;
    QLabel *m_readOnly;
    QLabel *m_error;
    QToolButton *m_dismiss;
    QWidget *m_exported;
    QLabel *m_exportedText;
    QString m_exportedPath;
    QTimeZone m_deskZone;
    QList<SnapshotReport> m_lastReports; // of the last tick that stored a snapshot
    QDateTime m_nextTick;
    QTimer m_clock;
};
