#include "deskstatusbar.h"

#include "domain/desktime.h"

#include <QLabel>
#include <QToolButton>

DeskStatusBar::DeskStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_database(new QLabel(this))
    , m_zone(new QLabel(this))
    , m_last(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_error(new QLabel(this))
    , m_dismiss(new QToolButton(this))
{
    m_error->setStyleSheet(QStringLiteral("QLabel { color: white; background: #c62828; padding: 1px 6px; border-radius: 3px; }"));
    m_error->setVisible(false);
    m_dismiss->setText(QStringLiteral("✕"));
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setVisible(false);
    connect(m_dismiss, &QToolButton::clicked, this, &DeskStatusBar::clearError);
    m_countdown->setToolTip(tr("Time to the next snapshot"));
    m_last->setToolTip(tr("The last snapshot stored"));

    addWidget(m_error);
    addWidget(m_dismiss);
    addPermanentWidget(m_last);
    addPermanentWidget(m_countdown);
    addPermanentWidget(m_zone);
    addPermanentWidget(m_database);

    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &DeskStatusBar::updateCountdown);
    m_clock.start();
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
}

void DeskStatusBar::setNextTick(const QDateTime &instant)
{
    m_nextTick = instant;
    updateCountdown();
}

void DeskStatusBar::updateCountdown()
{
    if (!m_nextTick.isValid()) {
        m_countdown->setText(tr("Snapshots off"));
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
    m_last->setText(tr("Last snapshot %1 (%n book(s), %2)", nullptr, books)
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
