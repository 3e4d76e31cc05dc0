#include "rankingtab.h"

#include "domain/desktime.h"
#include "tablepanel.h"
#include "totalstext.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

TopRankedProxy::TopRankedProxy(int count, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_count(count)
{
    setDynamicSortFilter(true);
    sort(RankingTraits::Rank, Qt::DescendingOrder);
}

bool TopRankedProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const QVariant rank = sourceModel()->index(sourceRow, RankingTraits::Rank).data(DeskRole::Raw);
    return !rank.isNull() && rank.toInt() <= m_count;
}

bool TopRankedProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return left.data(DeskRole::Raw).toInt() < right.data(DeskRole::Raw).toInt();
}

QVariant TopRankedProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole && index.column() == RankingTraits::CollateralValue)
        return QSortFilterProxyModel::data(index, DeskRole::Raw).toDouble() / 1e6;
    return QSortFilterProxyModel::data(index, role);
}

RankingTab::RankingTab(DeskSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RankingModel(this))
    , m_top(new TopRankedProxy(15, this))
    , m_panel(new TablePanel(QStringLiteral("ranking"), this))
    , m_dateBox(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_rebuild(new QPushButton(tr("Re&build…"), this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_chartEmpty(new QLabel(this))
    , m_chartStack(new QStackedWidget(this))
    , m_series(new QHorizontalBarSeries(m_chart))
    , m_mapper(new QVBarModelMapper(this))
    , m_categories(new QBarCategoryAxis(m_chart))
    , m_values(new QValueAxis(m_chart))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_panel->setModel(m_model, {RankingTraits::BookId, RankingTraits::BusinessDate, RankingTraits::AgreementId});
    m_panel->setTotals([this](const QList<int> &shown) {
        RankingTotals totals;
        for (int row : shown)
            totals.add(m_model->rows().at(row));
        return TotalsText::ranking(totals, m_model->context().currency, int(shown.size()), m_model->rowCount());
    });
    m_rebuild->setToolTip(tr("Rebuild this ranking with today's reference data, prices and haircuts"));
    m_dateBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dateBox->setMinimumContentsLength(11);
    m_dateBox->setToolTip(tr("Business date of the end-of-day snapshot"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true); // long summaries must not widen the window

    // The chart reads the same model, through the top-15 proxy.
    m_top->setSourceModel(m_model);
    m_mapper->setModel(m_top);
    m_mapper->setSeries(m_series);
    m_mapper->setFirstBarSetColumn(RankingTraits::CollateralValue);
    m_mapper->setLastBarSetColumn(RankingTraits::CollateralValue);
    m_mapper->setFirstRow(0);
    m_mapper->setRowCount(15);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_categories, Qt::AlignLeft);
    m_chart->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_values);
    m_values->setLabelFormat(QStringLiteral("%.0f"));
    m_values->setTitleText(tr("Millions"));
    m_values->setTickCount(5);
    m_chart->legend()->hide();
    m_chart->setTitle(tr("Top 15 by collateral value"));
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumWidth(280);
    // Without ranked items the chart would draw a bare axis: a sentence instead.
    m_chartEmpty->setAlignment(Qt::AlignCenter);
    m_chartEmpty->setWordWrap(true);
    m_chartEmpty->setMargin(12);
    m_chartEmpty->setForegroundRole(QPalette::PlaceholderText);
    m_chartStack->addWidget(m_chartView);
    m_chartStack->addWidget(m_chartEmpty);
    m_chartStack->setCurrentWidget(m_chartEmpty);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Business da&te:"), this));
    top->addWidget(m_dateBox);
    top->addWidget(m_summary, 1);
    top->addWidget(m_rebuild);
    qobject_cast<QLabel *>(top->itemAt(0)->widget())->setBuddy(m_dateBox);
    m_splitter->addWidget(m_panel);
    m_splitter->addWidget(m_chartStack);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    if (!m_splitter->restoreState(QSettings().value(QStringLiteral("ranking/splitter")).toByteArray()))
        m_splitter->setSizes({900, 300});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_dateBox, &QComboBox::activated, this, [this](int i) {
        setDate(m_dateBox->itemData(i).toDate());
        emit dateChosen(m_date);
    });
    connect(m_rebuild, &QPushButton::clicked, this, &RankingTab::rebuild);
    connect(&m_loading, &QFutureWatcher<Loaded<std::optional<CollateralRanking>>>::finished, this, [this] {
        const auto loaded = m_loading.result();
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        showRanking(loaded.value);
    });
    connect(m_top, &QAbstractItemModel::modelReset, this, &RankingTab::updateChart);
    connect(m_top, &QAbstractItemModel::layoutChanged, this, &RankingTab::updateChart);
    connect(m_top, &QAbstractItemModel::rowsInserted, this, &RankingTab::updateChart);
}

RankingTab::~RankingTab()
{
    QSettings().setValue(QStringLiteral("ranking/splitter"), m_splitter->saveState());
}

void RankingTab::setBook(const QString &bookId)
{
    // The chosen date stays: the new book shows the same day when it has it.
    m_bookId = bookId;
    m_datesKnown = false;
    m_loadedBook.clear();
    m_loadedDate = QDate();
    m_rebuildAsked = false;
    m_dateBox->clear();
    m_model->setRows({});
    m_summary->setText(tr("Loading the end-of-day dates of %1…").arg(bookId));
}

void RankingTab::setDates(const QString &bookId, const QList<SnapshotSummary> &snapshots)
{
    if (bookId != m_bookId)
        return;
    m_datesKnown = true;
    m_dateBox->clear();
    for (auto it = snapshots.crbegin(); it != snapshots.crend(); ++it)
        m_dateBox->addItem(DeskTime::formatDate(it->businessDate), it->businessDate);
    if (snapshots.isEmpty()) {
        m_loadedBook.clear();
        showEmpty(tr("%1 has no end-of-day snapshot yet, so it has no collateral ranking: a ranking is built from the "
                     "end-of-day snapshot of a business date. The next snapshot tick takes one (or Desk → Snapshot now).")
                      .arg(m_bookId));
        return;
    }
    // The chosen date if this book has it, else its newest: either way the
    // ranking shown is this book's.
    setDate(m_dateBox->findData(m_date) >= 0 ? m_date : m_dateBox->itemData(0).toDate());
}

void RankingTab::setDate(const QDate &date)
{
    if (!date.isValid())
        return;
    if (date != m_date)
        m_rebuildAsked = false;
    m_date = date;
    m_dateBox->setCurrentIndex(m_dateBox->findData(date));
    if (m_bookId.isEmpty() || !m_datesKnown)
        return; // setDates loads once the book's dates are in
    if (m_dateBox->findData(date) < 0) {
        m_loadedBook.clear();
        showEmpty(tr("%1 has no end-of-day snapshot on %2, so no collateral ranking for that day. "
                     "Choose a business date from the list.")
                      .arg(m_bookId, DeskTime::formatDate(date)));
        return;
    }
    if (m_loadedBook == m_bookId && m_loadedDate == m_date)
        return; // already shown (a new list of dates for the same book)
    load();
}

void RankingTab::refresh()
{
    if (m_datesKnown && m_dateBox->findData(m_date) >= 0)
        load();
}

void RankingTab::load()
{
    if (m_bookId.isEmpty() || !m_date.isValid())
        return;
    m_loadedBook = m_bookId;
    m_loadedDate = m_date;
    m_loading.setFuture(m_session.reader().ranking(m_bookId, m_date));
}

void RankingTab::showEmpty(const QString &why)
{
    if (m_model->context().bookId != m_bookId || m_model->context().businessDate != m_date)
        m_builtAt = QDateTime();
    m_model->setTitle(QString());
    m_model->setRows({}, {m_bookId, m_date, {}, {}});
    m_summary->setText(why);
    m_chartEmpty->setText(why);
    m_chartStack->setCurrentWidget(m_chartEmpty);
    updateRebuild();
}

bool RankingTab::canRebuild() const
{
    return !m_rebuilding && m_datesKnown && m_date.isValid() && m_dateBox->findData(m_date) >= 0;
}

void RankingTab::updateRebuild()
{
    m_rebuild->setEnabled(canRebuild());
}

void RankingTab::showRanking(const std::optional<CollateralRanking> &ranking)
{
    if (!ranking) {
        // The snapshot exists but its ranking is not built yet: ask for it once.
        if (!m_rebuildAsked && m_dateBox->findData(m_date) >= 0) {
            m_rebuildAsked = true;
            m_session.rankings().rebuild(m_bookId, m_date);
            showEmpty(tr("Building the collateral ranking of %1 on %2 from its end-of-day snapshot…")
                          .arg(m_bookId, DeskTime::formatDate(m_date)));
        } else {
            showEmpty(tr("No collateral ranking of %1 on %2: it could not be built from the end-of-day snapshot "
                         "(see the status bar).").arg(m_bookId, DeskTime::formatDate(m_date)));
        }
        return;
    }
    if (ranking->bookId != m_bookId || ranking->businessDate != m_date)
        return;
    m_builtAt = ranking->builtAt;
    if (ranking->items.isEmpty()) {
        showEmpty(tr("The end-of-day snapshot of %1 on %2 holds no long position: nothing to rank as collateral.")
                      .arg(m_bookId, DeskTime::formatDate(m_date)));
        emit rankingShown();
        return;
    }
    m_builtAt = ranking->builtAt;
    updateRebuild();
    m_model->setTitle(tr("%1 collateral ranking %2").arg(m_bookId, DeskTime::formatDate(m_date)));
    m_model->setRows(ranking->items, {ranking->bookId, ranking->businessDate, ranking->agreementId, ranking->currency});
    // The bars are collateral values in the ranking's currency.
    m_values->setTitleText(tr("Millions of %1").arg(ranking->currency));
    const qsizetype ranked = ranking->rankedCount();
    // Every value is converted to the ranking's currency at that day's FX.
    m_summary->setText(tr("Collateral value %1 %2 (in the book's base currency, FX of %3) · %4 ranked · %5 not eligible · from the snapshot of %6 · built %7")
                           .arg(ranking->currency, TableModel::money(ranking->totalValue(), ranking->currency),
                                DeskTime::formatDate(ranking->businessDate))
                           .arg(ranked).arg(ranking->items.size() - ranked)
                           .arg(TableModel::display(ranking->snapshotTime, ColumnKind::Instant),
                                TableModel::display(ranking->builtAt, ColumnKind::Instant)));
    emit rankingShown();
}

void RankingTab::rebuild()
{
    if (!canRebuild())
        return;
    // A stored ranking keeps the prices and haircuts it was built with;
    // rebuilding replaces them with today's, so ask first.
    QMessageBox box(QMessageBox::Question, tr("Rebuild the collateral ranking?"),
                    tr("Rebuild the collateral ranking of %1 on %2 with today's reference data, prices and haircuts?")
                        .arg(m_bookId, DeskTime::formatDate(m_date)),
                    QMessageBox::Cancel, this);
    box.setInformativeText(m_builtAt.isValid()
                               ? tr("The stored ranking, built %1 with the data of that time, is replaced. "
                                    "Files exported from it keep their figures.")
                                     .arg(TableModel::display(m_builtAt, ColumnKind::Instant))
                               : tr("The stored ranking, if any, is replaced."));
    QPushButton *confirm = box.addButton(tr("Rebuild"), QMessageBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmRebuild"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    m_rebuilding = true;
    m_rebuildBook = m_bookId;
    m_rebuildDate = m_date;
    updateRebuild();
    m_session.rankings().rebuild(m_bookId, m_date);
    m_summary->setText(tr("Rebuilding the collateral ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
    emit notice(tr("Rebuilding the collateral ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
}

void RankingTab::onRankingBuilt(const QString &bookId, const QDate &date)
{
    if (m_rebuilding && bookId == m_rebuildBook && date == m_rebuildDate) {
        m_rebuilding = false;
        updateRebuild();
        emit notice(tr("Rebuilt the collateral ranking of %1 on %2 with today's data").arg(bookId, DeskTime::formatDate(date)));
    }
    if (bookId == m_bookId && date == m_date)
        load();
}

void RankingTab::onRankingFailed(const QString &bookId, const QDate &date)
{
    if (m_rebuilding && bookId == m_rebuildBook && date == m_rebuildDate) {
        m_rebuilding = false;
        updateRebuild();
        if (bookId == m_bookId && date == m_date)
            load(); // the stored ranking, as it was
    }
}

QStringList RankingTab::chartCategories() const
{
    return m_categories->categories();
}

void RankingTab::updateChart()
{
    QStringList categories;
    double maxValue = 0.0;
    for (int r = 0; r < m_top->rowCount(); ++r) {
        categories << m_top->index(r, RankingTraits::InstrumentId).data(DeskRole::Raw).toString();
        maxValue = std::max(maxValue, m_top->index(r, RankingTraits::CollateralValue).data().toDouble());
    }
    m_categories->setCategories(categories);
    m_values->setRange(0, maxValue > 0 ? maxValue * 1.05 : 1.0);
    m_values->applyNiceNumbers();
    if (!categories.isEmpty()) {
        m_chartStack->setCurrentWidget(m_chartView);
    } else if (m_model->rowCount() > 0) {
        m_chartEmpty->setText(tr("None of the %n item(s) of this ranking is eligible as collateral: nothing to chart. "
                                 "The table says why for each.", nullptr, m_model->rowCount()));
        m_chartStack->setCurrentWidget(m_chartEmpty);
    } else {
        m_chartStack->setCurrentWidget(m_chartEmpty);
    }
}

bool RankingTab::chartShown() const
{
    return m_chartStack->currentWidget() == m_chartView;
}

QString RankingTab::summaryText() const
{
    return m_summary->text();
}
