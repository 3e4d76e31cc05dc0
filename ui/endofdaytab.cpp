#include "endofdaytab.h"

#include "desktableview.h"
#include "domain/desktime.h"
#include "services/background.h"
#include "tablepanel.h"
#include "tableproxy.h"
#include "totalstext.h"

#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QTextCharFormat>
#include <QVBoxLayout>
#include <QtConcurrent>

EndOfDayTab::EndOfDayTab(DeskSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_calendar(new QCalendarWidget(this))
    , m_list(new SnapshotListModel(this))
    , m_positions(new SnapshotPositionsModel(this))
    , m_comparison(new ComparisonModel(this))
    , m_listPanel(new TablePanel(QStringLiteral("eod-list"), this))
    , m_positionsPanel(new TablePanel(QStringLiteral("eod-positions"), this))
    , m_comparisonPanel(new TablePanel(QStringLiteral("eod-comparison"), this))
    , m_compareBox(new QComboBox(this))
    , m_dayLabel(new QLabel(this))
    , m_comparisonLabel(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
{
    m_whenShown = new WhenShown(this, [this] { loadDay(); });
    m_calendar->setGridVisible(false);
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_calendar->setToolTip(tr("Days in bold have an end-of-day snapshot"));
    m_listPanel->setModel(m_list, {SnapshotSummaryTraits::BookId});
    m_listPanel->view()->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_positionsPanel->setModel(m_positions, {SnapshotPositionTraits::BookId, SnapshotPositionTraits::BusinessDate});
    m_comparisonPanel->setModel(m_comparison);
    m_compareBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareBox->setMinimumContentsLength(11);
    m_compareBox->setToolTip(tr("The earlier day to compare the chosen day with"));
    auto *compareLabel = new QLabel(tr("Compared &with:"), this);
    compareLabel->setBuddy(m_compareBox);
    m_comparisonPanel->addControl(compareLabel);
    m_comparisonPanel->addControl(m_compareBox);
    m_changesOnly = new QCheckBox(tr("Chan&ges only"), this);
    m_changesOnly->setToolTip(tr("Hide the positions that did not change between the two days"));
    m_comparisonPanel->addControl(m_changesOnly);
    connect(m_changesOnly, &QCheckBox::toggled, this, [this](bool on) {
        if (!on) {
            m_comparisonPanel->proxy()->setRowCondition({});
            return;
        }
        m_comparisonPanel->proxy()->setRowCondition([this](int row) {
            return m_comparison->rows().at(row).status != ComparisonRow::Status::Unchanged;
        });
    });
    m_positionsPanel->setTotals([this](const QList<int> &shown) {
        CurrencyTotals totals;
        for (int row : shown)
            totals.add(m_positions->rows().at(row));
        return TotalsText::positions(totals.totals(), int(shown.size()), m_positions->rowCount());
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_calendar);
    leftLayout->addWidget(m_listPanel, 1);

    auto *day = new QWidget(this);
    auto *dayLayout = new QVBoxLayout(day);
    dayLayout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_dayLabel->font();
    bold.setBold(true);
    m_dayLabel->setFont(bold);
    m_dayLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_comparisonLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_dayLabel->setWordWrap(true); // long sentences wrap instead of being cut
    m_comparisonLabel->setWordWrap(true);
    dayLayout->addWidget(m_dayLabel);
    dayLayout->addWidget(m_positionsPanel, 1);
    auto *comparison = new QWidget(this);
    auto *comparisonLayout = new QVBoxLayout(comparison);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    m_comparisonLabel->setFont(bold);
    comparisonLayout->addWidget(m_comparisonLabel);
    comparisonLayout->addWidget(m_comparisonPanel, 1);
    m_rightSplitter->addWidget(day);
    m_rightSplitter->addWidget(comparison);

    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(1, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_splitter);

    QSettings settings;
    if (!m_splitter->restoreState(settings.value(QStringLiteral("eod/splitter")).toByteArray()))
        m_splitter->setSizes({420, 800});
    m_rightSplitter->restoreState(settings.value(QStringLiteral("eod/rightSplitter")).toByteArray());

    // A click or the keyboard (arrows, Page Up/Down): the day shown follows
    // the highlighted one.
    connect(m_calendar, &QCalendarWidget::selectionChanged, this, [this] {
        if (m_calendar->selectedDate() != m_date)
            setDate(m_calendar->selectedDate());
    });
    connect(m_listPanel->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const QModelIndex source = m_listPanel->proxy()->mapToSource(current);
        if (source.isValid())
            setDate(m_list->rows().at(source.row()).businessDate);
    });
    connect(m_compareBox, &QComboBox::activated, this, [this](int i) {
        m_earlierChosen = true;
        compareWith(m_compareBox->itemData(i).toDate());
    });
    connect(&m_listLoad, &QFutureWatcher<Loaded<QList<SnapshotSummary>>>::finished, this, [this] {
        const auto loaded = m_listLoad.result();
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        showList(loaded.value);
    });
    connect(&m_dayLoad, &QFutureWatcher<DayLoad>::finished, this, [this] {
        DayLoad shown = takeResult(m_dayLoad); // the rows live in the model only
        auto &loaded = shown.loaded;
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        if (loaded.value && (loaded.value->snapshot.bookId != m_bookId || loaded.value->snapshot.businessDate != m_date))
            return; // a day the user has left
        releaseOffThread(std::make_pair(std::exchange(m_day, std::nullopt), std::exchange(m_dayMarket, {})));
        if (loaded.value) {
            m_day = std::move(loaded.value->snapshot);
            m_dayMarket = std::move(loaded.value->market);
        }
        if (m_day) {
            m_dayMissing = false;
            m_positions->setTitle(tr("%1 end of day %2").arg(m_bookId, DeskTime::formatDate(m_date)));
            m_positions->setRows(std::move(shown.rows), {m_date});
            m_dayLabel->setText(tr("%1 on %2: %Ln position(s) as of %3", nullptr, int(m_day->positions.size()))
                                    .arg(m_bookId, DeskTime::formatDate(m_date),
                                         TableModel::display(m_day->instant, ColumnKind::Instant)));
        } else {
            showNoSnapshot();
        }
        updateComparison();
        emit dayShown();
    });
    connect(&m_earlierLoad, &QFutureWatcher<Loaded<std::optional<SnapshotLoad>>>::finished, this, [this] {
        auto loaded = takeResult(m_earlierLoad);
        releaseOffThread(std::exchange(m_earlierDay, std::nullopt));
        if (loaded.ok() && loaded.value)
            m_earlierDay = std::move(loaded.value->snapshot);
        releaseOffThread(std::move(loaded));
        updateComparison();
    });
    connect(&m_instrumentLoad, &QFutureWatcher<Loaded<InstrumentMap>>::finished, this, [this] {
        const auto loaded = m_instrumentLoad.result();
        if (loaded.ok()) {
            m_instruments = loaded.value;
            updateComparison();
        }
    });
    connect(&m_comparing, &QFutureWatcher<Comparison>::finished, this, [this] { showComparison(takeResult(m_comparing)); });
    reloadInstruments();
}

EndOfDayTab::~EndOfDayTab()
{
    QSettings settings;
    settings.setValue(QStringLiteral("eod/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("eod/rightSplitter"), m_rightSplitter->saveState());
}

void EndOfDayTab::reloadInstruments()
{
    if (!m_instrumentLoad.isRunning())
        m_instrumentLoad.setFuture(m_session.storage().instruments());
}

void EndOfDayTab::refresh()
{
    reloadInstruments();
    releaseOffThread(std::make_pair(std::exchange(m_day, std::nullopt), std::exchange(m_earlierDay, std::nullopt)));
    loadList(); // and then the chosen day
}

void EndOfDayTab::setBook(const QString &bookId)
{
    m_bookId = bookId;
    m_list->setTitle(tr("%1 end-of-day snapshots").arg(bookId));
    m_list->setRows({});
    m_positions->setRows({});
    m_comparison->setRows({});
    m_comparedDate = m_comparedEarlier = QDate();
    m_day.reset();
    m_earlierDay.reset();
    m_earlierChosen = false;
    loadList();
}

void EndOfDayTab::loadList()
{
    if (!m_bookId.isEmpty())
        m_listLoad.setFuture(m_session.storage().snapshots(m_bookId, true));
}

void EndOfDayTab::showList(const QList<SnapshotSummary> &list)
{
    if (!list.isEmpty() && list.constFirst().bookId != m_bookId)
        return; // an answer for a book the user has left
    // Whoever was looking at the latest day follows a new latest day.
    const bool onLatest = m_list->rows().isEmpty() || m_list->rows().constLast().businessDate == m_date;
    m_list->setRows(list);
    markCalendar();
    emit snapshotsLoaded(m_bookId, list);
    const bool known = std::any_of(list.cbegin(), list.cend(), [this](const SnapshotSummary &s) { return s.businessDate == m_date; });
    if (!list.isEmpty() && (!known || onLatest))
        setDate(list.constLast().businessDate);
    else if (m_date.isValid())
        setDate(m_date);
    else
        showNoSnapshot();
}

void EndOfDayTab::markCalendar()
{
    m_calendar->setDateTextFormat(QDate(), QTextCharFormat());
    QTextCharFormat marked;
    marked.setFontWeight(QFont::Bold);
    marked.setForeground(palette().highlight());
    for (const SnapshotSummary &s : m_list->rows())
        m_calendar->setDateTextFormat(s.businessDate, marked);
    if (!m_list->rows().isEmpty())
        m_calendar->setDateRange(m_list->rows().constFirst().businessDate.addDays(-31), QDate(9999, 12, 31));
}

void EndOfDayTab::setDate(const QDate &date)
{
    if (!date.isValid())
        return;
    const bool changed = date != m_date;
    m_date = date;
    m_calendar->setSelectedDate(date);
    if (!hasSnapshot(date)) {
        // A weekend or a day before the first snapshot: nothing to show or
        // compare, and nothing to export.
        m_listPanel->view()->selectionModel()->clear();
        m_compareBox->clear();
        m_compareBox->setEnabled(false);
        showNoSnapshot();
        emit dayShown();
        if (changed)
            emit dateChosen(date);
        return;
    }
    m_compareBox->setEnabled(true);
    for (int r = 0; r < m_list->rowCount(); ++r) {
        if (m_list->rows().at(r).businessDate == date) {
            const QModelIndex index = m_listPanel->proxy()->mapFromSource(m_list->index(r, 0));
            if (m_listPanel->view()->currentIndex().row() != index.row())
                m_listPanel->view()->setCurrentIndex(index);
        }
    }
    // Earlier days to compare with, newest first; the day before by default.
    m_compareBox->clear();
    QDate previous;
    for (auto it = m_list->rows().crbegin(); it != m_list->rows().crend(); ++it) {
        if (it->businessDate < date) {
            m_compareBox->addItem(DeskTime::formatDate(it->businessDate), it->businessDate);
            if (!previous.isValid())
                previous = it->businessDate;
        }
    }
    if (!m_earlierChosen || !m_earlier.isValid() || m_earlier >= date)
        m_earlier = previous;
    m_compareBox->setCurrentIndex(m_compareBox->findData(m_earlier));
    loadDay();
    if (changed)
        emit dateChosen(date);
}

void EndOfDayTab::compareWith(const QDate &earlier)
{
    m_earlier = earlier;
    m_earlierDay.reset();
    if (earlier.isValid() && !m_bookId.isEmpty())
        m_earlierLoad.setFuture(m_session.storage().snapshot(m_bookId, earlier));
    updateComparison();
}

bool EndOfDayTab::hasSnapshot(const QDate &date) const
{
    const auto &rows = m_list->rows();
    return std::any_of(rows.cbegin(), rows.cend(), [&date](const SnapshotSummary &s) { return s.businessDate == date; });
}

void EndOfDayTab::showNoSnapshot()
{
    m_dayMissing = true;
    m_day.reset();
    m_positions->setTitle(QString());
    m_positions->setRows({}, {m_date});
    m_comparison->setTitle(QString());
    m_comparison->setRows({});
    m_dayLabel->setText(m_list->rows().isEmpty()
                            ? tr("%1 has no end-of-day snapshot yet: one is stored at each snapshot tick (or Desk → Snapshot now)")
                                  .arg(m_bookId)
                            : tr("%1: no end-of-day snapshot on %2 — the days in bold in the calendar have one")
                                  .arg(m_bookId, DeskTime::formatDate(m_date)));
    m_comparisonLabel->setText(tr("No end-of-day snapshot on %1: nothing to compare").arg(DeskTime::formatDate(m_date)));
}

QString EndOfDayTab::dayText() const
{
    return m_dayLabel->text();
}

QString EndOfDayTab::comparisonText() const
{
    return m_comparisonLabel->text();
}

void EndOfDayTab::loadDay()
{
    if (m_bookId.isEmpty() || !m_date.isValid())
        return;
    if (m_whenShown->putOff())
        return; // read when the tab is shown
    m_dayMissing = false;
    if (!m_day || m_day->bookId != m_bookId || m_day->businessDate != m_date)
        m_dayLabel->setText(tr("%1 on %2: reading the end-of-day snapshot…").arg(m_bookId, DeskTime::formatDate(m_date)));
    // 100,000 positions are valued on the worker, not in the UI thread.
    m_dayLoad.setFuture(m_session.storage().snapshot(m_bookId, m_date).then(Background::pool(), [](const Loaded<std::optional<SnapshotLoad>> &loaded) {
        Background::lowerThisThread();
        DayLoad day{loaded, {}};
        if (loaded.ok() && loaded.value)
            day.rows = loaded.value->market.value(loaded.value->snapshot.positions);
        return day;
    }));
    compareWith(m_earlier);
}

void EndOfDayTab::updateComparison()
{
    if (m_dayMissing) {
        m_comparison->setRows({});
        return; // showNoSnapshot() said why
    }
    const bool ready = m_day && m_earlierDay && m_earlierDay->businessDate == m_earlier && m_day->businessDate == m_date;
    if (!m_earlier.isValid()) {
        m_comparison->setRows({});
        m_comparisonLabel->setText(tr("No earlier end of day to compare with"));
        return;
    }
    if (!ready) {
        // Rows of another pair of days must not stand under this header.
        if (m_comparedDate != m_date || m_comparedEarlier != m_earlier)
            m_comparison->setRows({});
        m_comparisonLabel->setText(tr("Comparing with %1…").arg(DeskTime::formatDate(m_earlier)));
        return;
    }
    // 100,000 positions a side take a QMap of them: off the UI thread.
    if (m_comparing.isRunning()) {
        m_compareAgain = true;
        return;
    }
    m_comparing.setFuture(QtConcurrent::run(Background::pool(), [earlier = *m_earlierDay, day = *m_day, instruments = m_instruments,
                                             fx = m_dayMarket.fx, base = m_dayMarket.baseCurrency] {
        Background::lowerThisThread();
        Comparison c;
        c.bookId = day.bookId;
        c.date = day.businessDate;
        c.earlier = earlier.businessDate;
        c.rows = compareSnapshots(earlier, day, instruments);
        c.base = base;
        for (const ComparisonRow &r : std::as_const(c.rows)) {
            c.added += r.status == ComparisonRow::Status::New;
            c.closed += r.status == ComparisonRow::Status::Closed;
            c.changed += r.status == ComparisonRow::Status::Changed;
            if (r.valueAfter == r.valueBefore)
                continue;
            if (const auto rate = fx.factor(r.currency, base, c.date)) {
                c.valueChange += (r.valueAfter - r.valueBefore) * *rate;
                c.converted += r.currency != base ? 1 : 0;
            } else {
                ++c.unconverted;
            }
        }
        return c;
    }));
}

void EndOfDayTab::showComparison(const Comparison &c)
{
    if (std::exchange(m_compareAgain, false))
        updateComparison(); // the days changed meanwhile
    if (c.bookId != m_bookId || c.date != m_date || c.earlier != m_earlier || m_dayMissing)
        return;
    m_comparedDate = c.date;
    m_comparedEarlier = c.earlier;
    m_comparison->setTitle(tr("%1 %2 vs %3").arg(m_bookId, DeskTime::formatDate(m_date), DeskTime::formatDate(m_earlier)));
    m_comparison->setRows(c.rows);
    // One count a piece, so each agrees with its number in every language.
    QString text = tr("%1 compared with %2: %3, %4, %5; value at cost %6%7 %8")
                       .arg(DeskTime::formatDate(m_date), DeskTime::formatDate(m_earlier),
                            tr("%Ln new", "positions", c.added), tr("%Ln closed", "positions", c.closed),
                            tr("%Ln changed", "positions", c.changed),
                            c.valueChange >= 0 ? QStringLiteral("+") : QString(), TableModel::money(c.valueChange, c.base), c.base);
    // Both days' amounts at the later day's FX: a rate's own move is not in it.
    if (c.converted > 0)
        text += u' ' + tr("(changes in other currencies at the FX of %1)").arg(DeskTime::formatDate(m_date));
    if (c.unconverted > 0)
        text += u' ' + tr("(%Ln change(s) without reference data or FX rate left out)", nullptr, c.unconverted);
    m_comparisonLabel->setText(text);
}

void EndOfDayTab::onSnapshotStored(const QString &bookId)
{
    if (bookId == m_bookId)
        loadList(); // shows the new day, or reloads the chosen one
}
