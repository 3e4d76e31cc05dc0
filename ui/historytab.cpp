#include "historytab.h"

#include "tablepanel.h"

#include <QChart>
#include <QChartView>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QSplitter>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QValueAxis>

HistoryTab::HistoryTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new ListModel<SnapshotSummaryTraits>(this))
    , m_panel(new TablePanel(QStringLiteral("history"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
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

    m_panel->setModel(m_model, {SnapshotSummaryTraits::BookId});
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_from->setToolTip(tr("The first business date shown, in the chart and the table"));
    m_to->setToolTip(tr("The last business date shown, in the chart and the table"));
    auto *fromLabel = new QLabel(tr("Fro&m:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("T&o:"), this);
    toLabel->setBuddy(m_to);
    auto *range = new QHBoxLayout;
    range->addWidget(fromLabel);
    range->addWidget(m_from);
    range->addWidget(toLabel);
    range->addWidget(m_to);
    range->addWidget(m_caption, 1);
    m_caption->setWordWrap(true);
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400}); // the chart first: the table's hint would take it all
    splitter->setChildrenCollapsible(false);
    m_stack->setMinimumHeight(220);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(range);
    layout->addWidget(splitter, 1);

    connect(m_from, &QDateEdit::userDateChanged, this, [this](const QDate &from) {
        if (m_to->date() < from)
            m_to->setDate(from);
        showRange();
    });
    connect(m_to, &QDateEdit::userDateChanged, this, [this](const QDate &to) {
        if (m_from->date() > to)
            m_from->setDate(to);
        showRange();
    });
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
    // Another book, or a range that ran to the newest day: the whole
    // history (a new end of day shows up); else the user's range stays.
    const bool whole = bookId != m_bookId || m_all.isEmpty()
        || (m_from->date() <= m_all.constFirst().businessDate && m_to->date() >= m_all.constLast().businessDate);
    m_bookId = bookId;
    m_all = snapshots;
    std::sort(m_all.begin(), m_all.end(),
              [](const SnapshotSummary &a, const SnapshotSummary &b) { return a.businessDate < b.businessDate; });
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    for (QDateEdit *edit : {m_from, m_to})
        edit->setEnabled(!m_all.isEmpty());
    if (!m_all.isEmpty()) {
        const QDate first = m_all.constFirst().businessDate;
        const QDate last = m_all.constLast().businessDate;
        m_from->setDateRange(first, last);
        m_to->setDateRange(first, last);
        if (whole) {
            m_from->setDate(first);
            m_to->setDate(last);
        }
    }
    showRange();
}

void HistoryTab::showRange()
{
    const QString bookId = m_bookId;
    QList<SnapshotSummary> snapshots;
    for (const SnapshotSummary &s : std::as_const(m_all)) {
        if (s.businessDate >= m_from->date() && s.businessDate <= m_to->date())
            snapshots.append(s);
    }
    m_model->setTitle(tr("%1 history").arg(bookId));
    m_model->setRows(snapshots);
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
    const QString from = m_from->date().toString(Qt::ISODate);
    const QString to = m_to->date().toString(Qt::ISODate);
    m_empty->setText(m_all.isEmpty()
                         ? tr("No history to draw: the history has one point per business date, taken from the book's "
                              "end-of-day snapshots, and %1 has none yet.").arg(bookId)
                         : tr("No history to draw: %1 has no end-of-day snapshot from %2 to %3.").arg(bookId, from, to));
    m_stack->setCurrentWidget(snapshots.isEmpty() ? static_cast<QWidget *>(m_empty) : m_view);
    m_caption->setText(m_all.isEmpty()
                           ? tr("%1 has no end-of-day snapshot yet").arg(bookId)
                           : snapshots.isEmpty() ? tr("No end-of-day snapshot from %1 to %2").arg(from, to)
                           : tr("%Ln end-of-day snapshot(s) from %1 to %2; latest net %3, gross %4", nullptr, int(snapshots.size()))
                                 .arg(snapshots.constFirst().businessDate.toString(Qt::ISODate),
                                      snapshots.constLast().businessDate.toString(Qt::ISODate),
                                      QLocale().toString(snapshots.constLast().netValue, 'f', 0),
                                      QLocale().toString(snapshots.constLast().grossValue, 'f', 0)));
}
