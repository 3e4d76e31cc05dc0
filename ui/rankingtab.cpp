#include "rankingtab.h"

#include "domain/desktime.h"
#include "tablepanel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
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
    , m_rebuild(new QPushButton(tr("&Rebuild"), this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_series(new QHorizontalBarSeries(m_chart))
    , m_mapper(new QVBarModelMapper(this))
    , m_categories(new QBarCategoryAxis(m_chart))
    , m_values(new QValueAxis(m_chart))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_panel->setModel(m_model, {RankingTraits::BookId, RankingTraits::BusinessDate});
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

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Business &date:"), this));
    top->addWidget(m_dateBox);
    top->addWidget(m_summary, 1);
    top->addWidget(m_rebuild);
    qobject_cast<QLabel *>(top->itemAt(0)->widget())->setBuddy(m_dateBox);
    m_splitter->addWidget(m_panel);
    m_splitter->addWidget(m_chartView);
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
    m_bookId = bookId;
    m_dateBox->clear();
    m_model->setRows({});
    m_summary->clear();
}

void RankingTab::setDates(const QString &bookId, const QList<SnapshotSummary> &snapshots)
{
    if (bookId != m_bookId)
        return;
    m_dateBox->clear();
    for (auto it = snapshots.crbegin(); it != snapshots.crend(); ++it)
        m_dateBox->addItem(DeskTime::formatDate(it->businessDate), it->businessDate);
    if (m_dateBox->findData(m_date) < 0 && m_dateBox->count() > 0)
        setDate(m_dateBox->itemData(0).toDate());
    else
        m_dateBox->setCurrentIndex(m_dateBox->findData(m_date));
}

void RankingTab::setDate(const QDate &date)
{
    if (!date.isValid())
        return;
    const bool changed = date != m_date;
    m_date = date;
    m_dateBox->setCurrentIndex(m_dateBox->findData(date));
    if (changed)
        m_rebuildAsked = false;
    load();
}

void RankingTab::load()
{
    if (!m_bookId.isEmpty() && m_date.isValid())
        m_loading.setFuture(m_session.reader().ranking(m_bookId, m_date));
}

void RankingTab::showRanking(const std::optional<CollateralRanking> &ranking)
{
    if (!ranking) {
        m_model->setRows({}, {m_bookId, m_date, {}, {}});
        // The snapshot exists but its ranking is not built yet: ask for it once.
        if (!m_rebuildAsked && m_dateBox->findData(m_date) >= 0) {
            m_rebuildAsked = true;
            m_session.rankings().rebuild(m_bookId, m_date);
            m_summary->setText(tr("Building the ranking…"));
        } else {
            m_summary->setText(tr("No ranking for %1 on %2").arg(m_bookId, DeskTime::formatDate(m_date)));
        }
        return;
    }
    if (ranking->bookId != m_bookId || ranking->businessDate != m_date)
        return;
    m_model->setTitle(tr("%1 collateral ranking %2").arg(m_bookId, DeskTime::formatDate(m_date)));
    m_model->setRows(ranking->items, {ranking->bookId, ranking->businessDate, ranking->agreementId, ranking->currency});
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
    if (m_bookId.isEmpty() || !m_date.isValid())
        return;
    m_session.rankings().rebuild(m_bookId, m_date);
    m_summary->setText(tr("Rebuilding the ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
}

void RankingTab::onRankingBuilt(const QString &bookId, const QDate &date)
{
    if (bookId == m_bookId && date == m_date)
        load();
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
        categories << m_top->index(r, RankingTraits::InstrumentId).data().toString();
        maxValue = std::max(maxValue, m_top->index(r, RankingTraits::CollateralValue).data().toDouble());
    }
    m_categories->setCategories(categories);
    m_values->setRange(0, maxValue > 0 ? maxValue * 1.05 : 1.0);
    m_values->applyNiceNumbers();
}
