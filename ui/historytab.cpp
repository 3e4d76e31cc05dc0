#include "historytab.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QValueAxis>

HistoryTab::HistoryTab(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_net(new QLineSeries(m_chart))
    , m_gross(new QLineSeries(m_chart))
    , m_days(new QDateTimeAxis(m_chart))
    , m_values(new QValueAxis(m_chart))
    , m_caption(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_stack(new QStackedWidget(this))
{
    m_net->setName(tr("Net value at cost"));
    m_gross->setName(tr("Gross value at cost"));
    for (QLineSeries *s : {m_net, m_gross}) {
        s->setPointsVisible(true);
        m_chart->addSeries(s);
    }
    m_days->setFormat(QStringLiteral("dd MMM"));
    m_days->setTitleText(tr("Business date"));
    m_values->setLabelFormat(QStringLiteral("%.0f"));
    m_values->setTitleText(tr("Millions"));
    m_chart->addAxis(m_days, Qt::AlignBottom);
    m_chart->addAxis(m_values, Qt::AlignLeft);
    for (QLineSeries *s : {m_net, m_gross}) {
        s->attachAxis(m_days);
        s->attachAxis(m_values);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_view->setRenderHint(QPainter::Antialiasing);

    // Without snapshots the axes would show made-up dates: a sentence instead.
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    m_stack->setCurrentWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_stack, 1);
}

bool HistoryTab::chartShown() const
{
    return m_stack->currentWidget() == m_view;
}

int HistoryTab::pointCount() const
{
    return int(m_net->count());
}

void HistoryTab::setSnapshots(const QString &bookId, const QList<SnapshotSummary> &snapshots)
{
    QList<QPointF> net, gross;
    double low = 0.0, high = 0.0;
    for (const SnapshotSummary &s : snapshots) {
        // Noon UTC keeps each day on its own date whatever the display zone.
        const double x = double(QDateTime(s.businessDate, QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());
        net.append({x, s.netValue / 1e6});
        gross.append({x, s.grossValue / 1e6});
        low = std::min({low, s.netValue / 1e6, s.grossValue / 1e6});
        high = std::max({high, s.netValue / 1e6, s.grossValue / 1e6});
    }
    m_net->replace(net);
    m_gross->replace(gross);
    if (!snapshots.isEmpty()) {
        const QDate first = snapshots.constFirst().businessDate;
        const QDate last = snapshots.constLast().businessDate;
        m_days->setRange(QDateTime(first.addDays(-1), QTime(12, 0), Qt::UTC), QDateTime(last.addDays(1), QTime(12, 0), Qt::UTC));
        m_days->setTickCount(std::clamp(int(first.daysTo(last)) / 5 + 2, 2, 10));
        const double margin = (high - low) * 0.05 + 0.01;
        m_values->setRange(low < 0 ? low - margin : 0.0, high + margin);
        m_values->applyNiceNumbers();
    }
    m_chart->setTitle(tr("%1: value at cost per business day").arg(bookId));
    m_empty->setText(tr("No history to draw: the history has one point per business date, taken from the book's "
                        "end-of-day snapshots, and %1 has none yet.").arg(bookId));
    m_stack->setCurrentWidget(snapshots.isEmpty() ? static_cast<QWidget *>(m_empty) : m_view);
    m_caption->setText(snapshots.isEmpty()
                           ? tr("%1 has no end-of-day snapshot yet").arg(bookId)
                           : tr("%n end-of-day snapshot(s) from %1 to %2; latest net %3, gross %4", nullptr, int(snapshots.size()))
                                 .arg(snapshots.constFirst().businessDate.toString(Qt::ISODate),
                                      snapshots.constLast().businessDate.toString(Qt::ISODate),
                                      QLocale().toString(snapshots.constLast().netValue, 'f', 0),
                                      QLocale().toString(snapshots.constLast().grossValue, 'f', 0)));
}
