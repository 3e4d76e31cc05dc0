#include "rankingtab.h"

#include "allocationpanel.h"
#include "domain/desktime.h"
#include "tablepanel.h"
#include "totalstext.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGroupBox>
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

void RankingModel::setRules(const QList<EligibilityRule> &rules)
{
    m_rules.clear();
    for (const EligibilityRule &rule : rules)
        m_rules.insert(rule.ruleId, rule);
}

bool RankingModel::isCut(const CollateralItem &item)
{
    return item.note.templ == QLatin1String(Notes::AgreementRuleCut);
}

QVariant RankingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CollateralItem &item = m_rows.at(index.row());
    if (role == Qt::BackgroundRole && index.column() == RankingTraits::CountedValue && isCut(item))
        return QBrush(QColor(0xff, 0xe0, 0xb2)); // light amber: less counted than the item is worth
    if (role != Qt::ToolTipRole)
        return ListModel::data(index, role);
    // The whole row says why: the note, and the rule that decided it.
    QStringList lines;
    if (index.column() != RankingTraits::Note)
        lines << displayText(index.row(), RankingTraits::InstrumentId);
    lines << item.note.display();
    const QString ruleId = decidingRuleId(item.note);
    const auto rule = m_rules.constFind(ruleId);
    if (!ruleId.isEmpty() && rule != m_rules.cend())
        lines << tr("Rule %1 of %2: %3").arg(ruleId, m_context.agreementId, rule->describe());
    return lines.join(QLatin1Char('\n'));
}

RankingTab::RankingTab(DeskSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RankingModel(this))
    , m_top(new TopRankedProxy(15, this))
    , m_panel(new TablePanel(QStringLiteral("ranking"), this))
    , m_agreementBox(new QComboBox(this))
    , m_agreementsButton(new QPushButton(tr("A&greements…"), this))
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
    , m_allocationBox(new QGroupBox(tr("Allocation: what to deliver, cheapest first"), this))
    , m_allocation(new AllocationPanel(m_allocationBox))
    , m_vertical(new QSplitter(Qt::Vertical, this))
{
    m_whenShown = new WhenShown(this, [this] { load(); });
    m_panel->setModel(m_model, {RankingTraits::BookId, RankingTraits::BusinessDate, RankingTraits::AgreementId});
    m_panel->setTotals([this](const QList<int> &shown) {
        RankingTotals totals;
        for (int row : shown)
            totals.add(m_model->rows().at(row));
        return TotalsText::ranking(totals, m_model->context().currency, int(shown.size()), m_model->rowCount());
    });
    m_rebuild->setToolTip(tr("Rebuild this ranking with today's reference data, prices and haircuts"));
    m_agreementBox->setObjectName(QStringLiteral("agreementBox"));
    m_agreementBox->setToolTip(tr("Rank under the desk's haircut schedule, or under a counterparty's agreement: "
                                  "its eligibility schedule, haircuts, currency and issuer limit"));
    m_agreementBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_agreementBox->addItem(tr("Desk schedule"), QString());
    m_agreementsButton->setToolTip(tr("The desk's agreements and their eligibility rules"));
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
    auto *agreementLabel = new QLabel(tr("&Under:"), this);
    agreementLabel->setBuddy(m_agreementBox);
    auto *dateLabel = new QLabel(tr("Business da&te:"), this);
    dateLabel->setBuddy(m_dateBox);
    top->addWidget(agreementLabel);
    top->addWidget(m_agreementBox);
    top->addWidget(m_agreementsButton);
    top->addSpacing(12);
    top->addWidget(dateLabel);
    top->addWidget(m_dateBox);
    top->addStretch(1);
    top->addWidget(m_rebuild);
    m_splitter->addWidget(m_panel);
    m_splitter->addWidget(m_chartStack);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    auto *allocationLayout = new QVBoxLayout(m_allocationBox);
    allocationLayout->addWidget(m_allocation);
    m_vertical->addWidget(m_splitter);
    m_vertical->addWidget(m_allocationBox);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setChildrenCollapsible(false);
    m_allocationBox->hide(); // an allocation is under an agreement
    const QSettings settings;
    if (!m_splitter->restoreState(settings.value(QStringLiteral("ranking/splitter")).toByteArray()))
        m_splitter->setSizes({900, 300});
    // The ranking and its chart first; the allocation needs a few lines.
    if (!m_vertical->restoreState(settings.value(QStringLiteral("ranking/vertical")).toByteArray()))
        m_vertical->setSizes({560, 240});
    // The agreement of last time, once the agreements are read and if it is still there.
    m_restoredAgreement = settings.value(QStringLiteral("ranking/agreement")).toString();
    // The summary under the controls, across the tab: a long one wraps in a
    // line or two instead of a narrow column that moves the controls.
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_vertical, 1);

    connect(m_dateBox, &QComboBox::activated, this, [this](int i) {
        setDate(m_dateBox->itemData(i).toDate());
        emit dateChosen(m_date);
    });
    connect(m_agreementBox, &QComboBox::activated, this, [this](int i) { setAgreement(m_agreementBox->itemData(i).toString()); });
    connect(m_agreementsButton, &QPushButton::clicked, this, [this] { emit agreementsRequested(m_agreementId); });
    connect(m_rebuild, &QPushButton::clicked, this, &RankingTab::rebuild);
    connect(&m_agreementsLoading, &QFutureWatcher<Loaded<AgreementsLoad>>::finished, this, [this] {
        const auto loaded = m_agreementsLoading.result();
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        showAgreements(loaded.value);
    });
    connect(&m_costLoading, &QFutureWatcher<Loaded<QHash<QString, double>>>::finished, this, [this] {
        const auto loaded = m_costLoading.result();
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        m_allocation->setCostRates(m_costDate, loaded.value);
    });
    connect(&m_loading, &QFutureWatcher<Loaded<std::optional<CollateralRanking>>>::finished, this, [this] {
        const auto loaded = takeResult(m_loading);
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
    QSettings settings;
    settings.setValue(QStringLiteral("ranking/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("ranking/vertical"), m_vertical->saveState());
}

void RankingTab::reloadAgreements()
{
    m_agreementsLoading.setFuture(m_session.storage().agreements());
}

void RankingTab::showAgreements(const AgreementsLoad &load)
{
    m_agreements = load.agreements;
    m_rules = load.rules;
    m_agreementBox->clear();
    m_agreementBox->addItem(tr("Desk schedule"), QString());
    for (const Agreement &a : std::as_const(m_agreements)) {
        m_agreementBox->addItem(tr("%1 · %2 · %3 · %4").arg(a.agreementId, a.counterparty, Agreement::toString(a.type), a.baseCurrency),
                                a.agreementId);
    }
    QString wanted = m_agreementId;
    if (!m_restoredAgreement.isEmpty()) {
        wanted = m_restoredAgreement;
        m_restoredAgreement.clear();
    }
    // An agreement that is gone (another database): back to the desk schedule.
    if (m_agreementBox->findData(wanted) < 0)
        wanted.clear();
    m_agreementBox->setCurrentIndex(m_agreementBox->findData(wanted));
    if (wanted != m_agreementId) {
        setAgreement(wanted);
    } else {
        m_model->setRules(m_rules.value(m_agreementId));
        m_allocationBox->setVisible(!m_agreementId.isEmpty());
    }
    emit agreementsLoaded();
}

void RankingTab::setAgreement(const QString &agreementId)
{
    const bool changed = agreementId != m_agreementId;
    m_agreementId = agreementId;
    QSettings().setValue(QStringLiteral("ranking/agreement"), agreementId);
    m_agreementBox->setCurrentIndex(std::max(0, m_agreementBox->findData(agreementId)));
    m_model->setRules(m_rules.value(agreementId));
    m_allocationBox->setVisible(!agreementId.isEmpty());
    if (!changed)
        return;
    m_rebuildAsked = false;
    m_loadedBook.clear(); // the same book and day under another schedule is another ranking
    setDate(m_date);
}

void RankingTab::setBook(const QString &bookId)
{
    // The chosen date stays: the new book shows the same day when it has it.
    m_bookId = bookId;
    m_datesKnown = false;
    m_loadedBook.clear();
    m_loadedDate = QDate();
    m_rebuildAsked = false;
    m_snapshots.clear();
    m_costDate = QDate(); // cost rates are read again: they may have been imported since
    m_dateBox->clear();
    reloadAgreements(); // imported since, perhaps by another desk
    // The last book's rows, chart and allocation go (its message too).
    showEmpty(tr("Loading the end-of-day dates of %1…").arg(bookId));
}

void RankingTab::setDates(const QString &bookId, const QList<SnapshotSummary> &snapshots)
{
    if (bookId != m_bookId)
        return;
    m_datesKnown = true;
    m_dateBox->clear();
    m_snapshots.clear();
    for (const SnapshotSummary &s : snapshots)
        m_snapshots.insert(s.businessDate, s);
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
    if (m_loadedBook == m_bookId && m_loadedDate == m_date && m_loadedAgreement == m_agreementId)
        return; // already shown (a new list of dates for the same book)
    load();
}

void RankingTab::refresh()
{
    reloadAgreements();
    m_costDate = QDate();
    if (m_datesKnown && m_dateBox->findData(m_date) >= 0)
        load();
}

void RankingTab::load()
{
    if (m_bookId.isEmpty() || !m_date.isValid())
        return;
    if (m_whenShown->putOff())
        return; // read when the tab is shown
    // Another ranking's rows must not stand (and be exported) under this
    // one's name while it is read; the same one's stay until it is in.
    const RankingTraits::Context &shown = m_model->context();
    if (m_model->rowCount() == 0 || shown.bookId != m_bookId || shown.businessDate != m_date || shown.agreementId != m_agreementId)
        showEmpty(tr("Reading the collateral ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
    m_loadedBook = m_bookId;
    m_loadedDate = m_date;
    m_loadedAgreement = m_agreementId;
    m_loading.setFuture(m_session.storage().ranking(m_bookId, m_date, m_agreementId));
    if (!m_agreementId.isEmpty() && m_costDate != m_date) {
        m_costDate = m_date;
        m_costLoading.setFuture(m_session.storage().costRates(m_date));
    }
}

void RankingTab::showEmpty(const QString &why)
{
    if (m_model->context().bookId != m_bookId || m_model->context().businessDate != m_date)
        m_builtAt = QDateTime();
    m_model->setTitle(QString());
    m_model->setRows({}, {m_bookId, m_date, m_agreementId, {}});
    m_allocation->setRanking(std::nullopt);
    m_summary->setText(why);
    m_chartEmpty->setText(why);
    m_chartStack->setCurrentWidget(m_chartEmpty);
    updateRebuild();
}

void RankingTab::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    if (!reason.isEmpty())
        m_rebuild->setToolTip(tr("Not on a read-only desk: %1").arg(reason));
    updateRebuild();
}

bool RankingTab::canRebuild() const
{
    return !m_rebuilding && m_datesKnown && m_date.isValid() && m_dateBox->findData(m_date) >= 0;
}

void RankingTab::updateRebuild()
{
    m_rebuild->setEnabled(canRebuild() && m_readOnly.isEmpty());
}

void RankingTab::showRanking(const std::optional<CollateralRanking> &ranking)
{
    const QString under = m_agreementId.isEmpty() ? QString() : tr(" under %1").arg(m_agreementId);
    if (!ranking) {
        // The snapshot exists but this ranking is not built yet (under an
        // agreement: built when first asked for): ask for it once.
        // (A read-only desk is handed the ranking built for it: none means
        // it could not be built.)
        if (!m_rebuildAsked && m_readOnly.isEmpty() && m_dateBox->findData(m_date) >= 0) {
            m_rebuildAsked = true;
            m_session.rankings().rebuild(m_bookId, m_date, m_agreementId);
            showEmpty(tr("Building the collateral ranking of %1 on %2%3 from its end-of-day snapshot…")
                          .arg(m_bookId, DeskTime::formatDate(m_date), under));
        } else {
            showEmpty(tr("No collateral ranking of %1 on %2%3: it could not be built from the end-of-day snapshot "
                         "(see the status bar).").arg(m_bookId, DeskTime::formatDate(m_date), under));
        }
        return;
    }
    if (ranking->bookId != m_bookId || ranking->businessDate != m_date || ranking->agreementId != m_agreementId)
        return;
    // Built from a snapshot the day's newer one has replaced: show it while
    // the one of the stored snapshot is built.
    const QDateTime snapshotTime = m_snapshots.value(m_date).snapshotTime;
    if (snapshotTime.isValid() && ranking->snapshotTime != snapshotTime && !m_rebuildAsked && m_readOnly.isEmpty()) {
        m_rebuildAsked = true;
        m_session.rankings().rebuild(m_bookId, m_date, m_agreementId);
    }
    m_builtAt = ranking->builtAt;
    m_allocation->setRanking(ranking);
    if (ranking->items.isEmpty()) {
        showEmpty(tr("The end-of-day snapshot of %1 on %2 holds no long position: nothing to rank as collateral.")
                      .arg(m_bookId, DeskTime::formatDate(m_date)));
        emit rankingShown();
        return;
    }
    updateRebuild();
    m_model->setTitle(m_agreementId.isEmpty() ? tr("%1 collateral ranking %2").arg(m_bookId, DeskTime::formatDate(m_date))
                                              : tr("%1 %2 ranking %3").arg(m_bookId, m_agreementId, DeskTime::formatDate(m_date)));
    m_model->setRows(ranking->items, {ranking->bookId, ranking->businessDate, ranking->agreementId, ranking->currency});
    // The bars are collateral values in the ranking's currency.
    m_values->setTitleText(tr("Millions of %1").arg(ranking->currency));
    m_summary->setText(describe(*ranking));
    emit rankingShown();
}

QString RankingTab::describe(const CollateralRanking &ranking) const
{
    const qsizetype ranked = ranking.rankedCount();
    QString when = tr("from the snapshot of %1 · built %2")
                       .arg(TableModel::display(ranking.snapshotTime, ColumnKind::Instant),
                            TableModel::display(ranking.builtAt, ColumnKind::Instant));
    // Only long positions are collateral (DESIGN.md §3): the snapshot's
    // other positions are counted, so the ranking reconciles with it.
    const SnapshotSummary snapshot = m_snapshots.value(ranking.businessDate);
    const qsizetype shorts = snapshot.positionCount - ranking.items.size();
    if (snapshot.snapshotTime == ranking.snapshotTime && shorts > 0)
        when += u' ' + tr("· %Ln short position(s) of the snapshot, not collateral", nullptr, int(shorts));
    if (ranking.agreementId.isEmpty()) {
        // Every value is converted to the ranking's currency at that day's FX.
        return tr("Collateral value %1 %2 (in the book's base currency, FX of %3) · %4 ranked · %5 not eligible · %6")
            .arg(ranking.currency, TableModel::money(ranking.totalValue(), ranking.currency),
                 DeskTime::formatDate(ranking.businessDate))
            .arg(QLocale().toString(ranked), QLocale().toString(ranking.items.size() - ranked), when);
    }
    RankingTotals totals;
    int cut = 0;
    for (const CollateralItem &item : ranking.items) {
        totals.add(item);
        cut += RankingModel::isCut(item) ? 1 : 0;
    }
    const auto agreement = std::find_if(m_agreements.cbegin(), m_agreements.cend(),
                                        [&](const Agreement &a) { return a.agreementId == ranking.agreementId; });
    const QString who = agreement == m_agreements.cend()
        ? ranking.agreementId
        : tr("%1 (%2, %3)").arg(ranking.agreementId, agreement->counterparty, Agreement::toString(agreement->type));
    QString limit;
    if (cut > 0 && agreement != m_agreements.cend() && agreement->issuerLimit)
        limit = tr(" · %Ln item(s) cut by the %1 issuer limit", nullptr, cut).arg(Notes::percent(*agreement->issuerLimit));
    else if (cut > 0)
        limit = tr(" · %Ln item(s) cut by the issuer limit", nullptr, cut);
    return tr("Counted value %1 %2 under %3 · collateral value %4%5 · %6 ranked · %7 not eligible · %8")
        .arg(ranking.currency, TableModel::money(totals.countedValue, ranking.currency), who,
             TableModel::money(totals.collateralValue, ranking.currency), limit)
        .arg(QLocale().toString(ranked), QLocale().toString(ranking.items.size() - ranked), when);
}

void RankingTab::rebuild()
{
    if (!canRebuild() || !m_readOnly.isEmpty())
        return;
    // A stored ranking keeps the prices and haircuts it was built with;
    // rebuilding replaces them with today's, so ask first.
    const QString under = m_agreementId.isEmpty() ? QString() : tr(" under %1").arg(m_agreementId);
    QMessageBox box(QMessageBox::Question, tr("Rebuild the collateral ranking?"),
                    tr("Rebuild the collateral ranking of %1 on %2%3 with today's reference data, prices and haircuts?")
                        .arg(m_bookId, DeskTime::formatDate(m_date), under),
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
    m_rebuildAgreement = m_agreementId;
    updateRebuild();
    m_session.rankings().rebuild(m_bookId, m_date, m_agreementId);
    m_summary->setText(tr("Rebuilding the collateral ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
    emit notice(tr("Rebuilding the collateral ranking of %1 on %2…").arg(m_bookId, DeskTime::formatDate(m_date)));
}

void RankingTab::onRankingBuilt(const QString &bookId, const QDate &date, const QString &agreementId)
{
    if (m_rebuilding && bookId == m_rebuildBook && date == m_rebuildDate && agreementId == m_rebuildAgreement) {
        m_rebuilding = false;
        updateRebuild();
        emit notice(tr("Rebuilt the collateral ranking of %1 on %2 with today's data").arg(bookId, DeskTime::formatDate(date)));
    }
    if (bookId == m_bookId && date == m_date && agreementId == m_agreementId)
        load();
}

void RankingTab::onRankingFailed(const QString &bookId, const QDate &date, const QString &agreementId)
{
    if (m_rebuilding && bookId == m_rebuildBook && date == m_rebuildDate && agreementId == m_rebuildAgreement) {
        m_rebuilding = false;
        updateRebuild();
        if (bookId == m_bookId && date == m_date && agreementId == m_agreementId)
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
        m_chartEmpty->setText(tr("None of the %Ln item(s) of this ranking is eligible as collateral: nothing to chart. "
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

QString RankingTab::chartText() const
{
    return chartShown() ? QString() : m_chartEmpty->text();
}

QString RankingTab::summaryText() const
{
    return m_summary->text();
}
