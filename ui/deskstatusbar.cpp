#include "deskstatusbar.h"

#include "domain/desktime.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QUrl>

DeskStatusBar::DeskStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_database(new QLabel(this))
    , m_zone(new QLabel(this))
    , m_last(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_demoFeed(new QLabel(tr("Demo feed on"), this))
    , m_readOnly(new QLabel(tr("Read only"), this))
    , m_error(new QLabel(this))
    , m_dismiss(new QToolButton(this))
    , m_exported(new QWidget(this))
    , m_exportedText(new QLabel(m_exported))
{
    auto *open = new QToolButton(m_exported);
    open->setObjectName(QStringLiteral("openExport"));
    open->setText(tr("Open"));
    open->setToolTip(tr("Open the exported file with its usual application"));
    auto *folder = new QToolButton(m_exported);
    folder->setObjectName(QStringLiteral("showExportFolder"));
    folder->setText(tr("Show in folder"));
    folder->setToolTip(tr("Open the folder that holds the exported file"));
    auto *close = new QToolButton(m_exported);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    for (QToolButton *b : {open, folder, close})
        b->setAutoRaise(true);
    auto *exportedLayout = new QHBoxLayout(m_exported);
    exportedLayout->setContentsMargins(0, 0, 0, 0);
    exportedLayout->addWidget(m_exportedText);
    exportedLayout->addWidget(open);
    exportedLayout->addWidget(folder);
    exportedLayout->addWidget(close);
    m_exported->setVisible(false);
    connect(open, &QToolButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_exportedPath)); });
    connect(folder, &QToolButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_exportedPath).absolutePath()));
    });
    connect(close, &QToolButton::clicked, this, &DeskStatusBar::clearExported);

    m_error->setStyleSheet(QStringLiteral("QLabel { color: white; background: #c62828; padding: 1px 6px; border-radius: 3px; }"));
    m_error->setVisible(false);
    m_dismiss->setText(QStringLiteral("✕"));
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setVisible(false);
    connect(m_dismiss, &QToolButton::clicked, this, &DeskStatusBar::clearError);
    m_countdown->setToolTip(tr("Time to the next snapshot"));
    m_last->setToolTip(tr("The last snapshot stored"));

    m_demoFeed->setStyleSheet(QStringLiteral("QLabel { color: black; background: #ffd54f; padding: 1px 6px; border-radius: 3px; }"));
    m_demoFeed->setToolTip(tr("The demo trade feed is booking invented trades (View → Demo trade feed)"));
    m_demoFeed->setVisible(false);
    addPermanentWidget(m_demoFeed);
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_readOnly->setStyleSheet(QStringLiteral("QLabel { color: white; background: #5c6bc0; padding: 1px 6px; border-radius: 3px; }"));
    m_readOnly->setVisible(false);
    addPermanentWidget(m_readOnly);
    // Long texts (a server's error, a deep path) are cut at the window's
    // edge, whole in their tooltips: at their full width they made the
    // window wider than the screen.
    for (QLabel *label : {m_error, m_exportedText, m_database})
        label->setMinimumWidth(1);
    addWidget(m_error);
    addWidget(m_dismiss);
    addWidget(m_exported);
    addPermanentWidget(m_last);
    addPermanentWidget(m_countdown);
    addPermanentWidget(m_zone);
    addPermanentWidget(m_database);

    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &DeskStatusBar::updateCountdown);
    m_clock.start();
}

void DeskStatusBar::setDemoFeedRunning(bool running)
{
    m_demoFeed->setVisible(running);
}

void DeskStatusBar::setReadOnly(const QString &reason)
{
    m_readOnly->setToolTip(tr("This desk shows everything and changes nothing: %1").arg(reason));
    m_readOnly->setVisible(!reason.isEmpty());
    if (!reason.isEmpty())
        m_countdown->setToolTip(tr("A read-only desk takes no snapshots; it shows those the other desks take"));
}

bool DeskStatusBar::demoFeedShown() const
{
    return !m_demoFeed->isHidden();
}

QString DeskStatusBar::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void DeskStatusBar::setDatabase(const QString &name)
{
    m_database->setText(name);
    m_database->setToolTip(tr("Database: %1").arg(name));
}

void DeskStatusBar::setDeskTimeZone(const QTimeZone &zone)
{
    m_deskZone = zone;
    m_zone->setText(QString::fromUtf8(zone.id()));
    m_zone->setToolTip(tr("Desk time zone: business dates are calendar dates here"));
    showLastSnapshot(); // its time in the new zone
}

void DeskStatusBar::setNextTick(const QDateTime &instant)
{
    m_nextTick = instant;
    updateCountdown();
}

void DeskStatusBar::setSnapshotTaker(bool takesSnapshots, const QString &holder)
{
    m_takes = takesSnapshots;
    m_holder = holder;
    m_countdown->setToolTip(takesSnapshots
                                ? tr("This desk takes the snapshots of every book for everyone on this database")
                                : tr("Another desk on this database takes the snapshots (%1); this one takes "
                                     "over if it goes away. Snapshot now works here too.")
                                      .arg(holder.isEmpty() ? tr("unknown") : holder));
    updateCountdown();
}

void DeskStatusBar::updateCountdown()
{
    if (!m_nextTick.isValid()) {
        m_countdown->setText(tr("Snapshots off"));
        return;
    }
    if (m_takes == false) {
        m_countdown->setText(m_holder.isEmpty() ? tr("Snapshots taken by another desk")
                                                : tr("Snapshots taken by %1").arg(m_holder));
        return;
    }
    const qint64 secs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_nextTick));
    m_countdown->setText(tr("Next snapshot %1 (in %2:%3)")
                             .arg(m_nextTick.toTimeZone(m_deskZone).toString(QStringLiteral("HH:mm")))
                             .arg(secs / 60)
                             .arg(secs % 60, 2, 10, QChar(u'0')));
}

void DeskStatusBar::onTickFinished(const QList<SnapshotReport> &reports)
{
    // A tick that stored nothing leaves the last one shown.
    if (std::any_of(reports.cbegin(), reports.cend(), [](const SnapshotReport &r) { return r.stored(); })) {
        m_lastReports = reports;
        showLastSnapshot();
    }
}

QString DeskStatusBar::lastSnapshotText() const
{
    return m_last->text();
}

void DeskStatusBar::showLastSnapshot()
{
    const QList<SnapshotReport> &reports = m_lastReports;
    const SnapshotReport *latest = nullptr;
    for (const SnapshotReport &r : reports) {
        if (r.stored() && (!latest || r.instant >= latest->instant))
            latest = &r;
    }
    if (!latest)
        return;
    int books = 0;
    for (const SnapshotReport &r : reports)
        books += r.stored() && r.instant == latest->instant;
    m_last->setText(tr("Last snapshot %1 (%Ln book(s), %2)", nullptr, books)
                        .arg(latest->instant.toTimeZone(m_deskZone).toString(QStringLiteral("HH:mm:ss")),
                             latest->businessDate.toString(Qt::ISODate)));
    QStringList lines;
    for (const SnapshotReport &r : reports)
        lines << r.describe();
    m_last->setToolTip(lines.join(u'\n'));
}

void DeskStatusBar::showError(const QString &text)
{
    m_error->setText(text.section(u'\n', 0, 0));
    m_error->setToolTip(text);
    m_error->setVisible(true);
    m_dismiss->setVisible(true);
}

void DeskStatusBar::clearError()
{
    m_error->setVisible(false);
    m_dismiss->setVisible(false);
}

void DeskStatusBar::showExported(const QString &path, qsizetype rows)
{
    m_exportedPath = path;
    m_exportedText->setText(tr("Exported %Ln row(s) to %1", nullptr, int(rows)).arg(QFileInfo(path).fileName()));
    m_exportedText->setToolTip(QDir::toNativeSeparators(path));
    clearMessage();
    m_exported->setVisible(true);
}

void DeskStatusBar::clearExported()
{
    m_exported->setVisible(false);
}

QString DeskStatusBar::exportText() const
{
    return m_exported->isHidden() ? QString() : m_exportedText->text() + u' ' + m_exportedText->toolTip();
}
