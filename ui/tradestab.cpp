#include "tradestab.h"

#include "desktableview.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Newest first: later trade time, then the larger id (the fold order reversed).
bool newer(const Trade &a, const Trade &b)
{
    return Trade::foldOrder(b, a);
}

} // namespace

BlotterModel::BlotterModel(QObject *parent)
    : ListModel<TradeTraits>(parent)
{
}

void BlotterModel::setTrades(const QString &bookId, TradeList newestFirst, InstrumentMap instruments)
{
    m_bookId = bookId;
    m_ids.clear();
    m_ids.reserve(newestFirst.size());
    for (const Trade &t : std::as_const(newestFirst))
        m_ids.insert(t.tradeId);
    setTitle(tr("%1 trades").arg(bookId));
    setRows(std::move(newestFirst), {std::move(instruments)});
}

void BlotterModel::addTrades(const QList<LoggedTrade> &trades)
{
    TradeList fresh;
    for (const LoggedTrade &logged : trades) {
        if (logged.trade.bookId != m_bookId || m_ids.contains(logged.trade.tradeId))
            continue;
        m_ids.insert(logged.trade.tradeId);
        fresh.append(logged.trade);
    }
    if (fresh.size() > 200) {
        // An import: one reset rather than thousands of inserts.
        beginResetModel();
        m_rows += fresh;
        std::stable_sort(m_rows.begin(), m_rows.end(), newer);
        endResetModel();
        return;
    }
    // A live trade goes in its place (a back-dated one further down).
    for (const Trade &t : std::as_const(fresh)) {
        const int at = int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), t, newer) - m_rows.cbegin());
        beginInsertRows({}, at, at);
        m_rows.insert(at, t);
        endInsertRows();
    }
}

TradesTab::TradesTab(DeskSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new BlotterModel(this))
    , m_steps(new PositionStepsModel(this))
    , m_panel(new TablePanel(QStringLiteral("trades"), this))
    , m_stepsPanel(new TablePanel(QStringLiteral("positionSteps"), this))
    , m_headline(new QLabel(this))
    , m_stepsLabel(new QLabel(this))
    , m_allInstruments(new QPushButton(tr("All i&nstruments"), this))
    , m_stepsBox(new QWidget(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_whenShown(new WhenShown(this, [this] { reload(); }))
{
    m_panel->setModel(m_model, {TradeTraits::BookId});
    m_panel->view()->setToolTip(tr("Double-click a trade to see how its instrument's position came about"));
    m_stepsPanel->setModel(m_steps);
    m_allInstruments->setToolTip(tr("List the trades of every instrument of the book again"));
    m_allInstruments->setVisible(false);

    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_headline->setWordWrap(true);
    m_stepsLabel->setWordWrap(true);
    m_stepsLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *stepsLayout = new QVBoxLayout(m_stepsBox);
    stepsLayout->setContentsMargins(0, 0, 0, 0);
    stepsLayout->addWidget(m_stepsLabel);
    stepsLayout->addWidget(m_stepsPanel, 1);
    m_stepsBox->setVisible(false);

    m_splitter->addWidget(m_panel);
    m_splitter->addWidget(m_stepsBox);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_headline, 1);
    top->addWidget(m_allInstruments);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_allInstruments, &QPushButton::clicked, this, [this] { showInstrument(QString()); });
    connect(m_panel->view(), &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_panel->proxy()->mapToSource(index);
        if (source.isValid())
            showInstrument(m_model->rows().at(source.row()).instrumentId);
    });
    connect(&m_loading, &QFutureWatcher<Loaded<BlotterLoad>>::finished, this, [this] {
        const auto loaded = m_loading.result();
        if (std::exchange(m_reloadAgain, false)) {
            reload(); // the book changed while this one was read
            return;
        }
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        m_truncated = loaded.value.truncated;
        m_model->setTrades(m_bookId, loaded.value.trades, loaded.value.instruments);
        m_model->addTrades(std::exchange(m_arrivedWhileLoading, {}));
        updateHeadline();
        emit blotterLoaded(m_bookId);
    });
    connect(&m_stepsLoading, &QFutureWatcher<Loaded<PositionStepsLoad>>::finished, this, [this] {
        const auto loaded = m_stepsLoading.result();
        if (std::exchange(m_stepsAgain, false)) {
            loadSteps();
            return;
        }
        if (!loaded.ok()) {
            emit message(loaded.error);
            return;
        }
        if (loaded.value.bookId != m_bookId || loaded.value.instrumentId != m_instrumentId)
            return;
        m_steps->setTitle(tr("%1 %2 average cost").arg(m_bookId, m_instrumentId));
        m_steps->setRows(loaded.value.steps, {loaded.value.instrument});
        // The last step is the position now: show it.
        if (m_stepsPanel->proxy()->sortColumn() < 0)
            m_stepsPanel->view()->scrollToBottom();
        updateHeadline();
        emit stepsLoaded(m_bookId, m_instrumentId);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TradesTab::updateHeadline);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TradesTab::updateHeadline);
    updateHeadline();
}

void TradesTab::setBook(const QString &bookId)
{
    if (bookId == m_bookId)
        return;
    m_bookId = bookId;
    m_instrumentId.clear();
    m_panel->proxy()->setRowCondition({});
    m_allInstruments->setVisible(false);
    m_stepsBox->setVisible(false);
    m_steps->setRows({});
    m_model->setTrades(bookId, {});
    reload();
}

void TradesTab::reload()
{
    if (m_bookId.isEmpty())
        return;
    if (m_loading.isRunning()) {
        m_reloadAgain = true;
        return;
    }
    if (m_whenShown->putOff())
        return; // read when the tab is shown
    m_arrivedWhileLoading.clear();
    // Read with the log's sequence: what arrives meanwhile is kept and merged.
    m_loading.setFuture(m_session.storage().blotter(m_bookId, BlotterLimit));
    updateHeadline();
    if (!m_instrumentId.isEmpty())
        loadSteps();
}

void TradesTab::showInstrument(const QString &instrumentId)
{
    m_instrumentId = instrumentId;
    if (instrumentId.isEmpty()) {
        m_panel->proxy()->setRowCondition({});
    } else {
        m_panel->proxy()->setRowCondition([this, instrumentId](int row) {
            return m_model->rows().at(row).instrumentId == instrumentId;
        });
    }
    m_allInstruments->setVisible(!instrumentId.isEmpty());
    m_stepsBox->setVisible(!instrumentId.isEmpty());
    m_steps->setRows({});
    updateHeadline();
    if (!instrumentId.isEmpty())
        loadSteps();
}

void TradesTab::loadSteps()
{
    if (m_stepsLoading.isRunning()) {
        m_stepsAgain = true;
        return;
    }
    m_stepsLoading.setFuture(m_session.storage().positionSteps(m_bookId, m_instrumentId));
}

void TradesTab::onTradesArrived(const QList<LoggedTrade> &trades)
{
    if (m_whenShown->isPutOff())
        return; // the tab reads them with the rest when shown
    // The steps are folded again when the instrument shown moved.
    const bool stepsMoved = !m_instrumentId.isEmpty()
        && std::any_of(trades.cbegin(), trades.cend(), [this](const LoggedTrade &t) {
               return t.trade.bookId == m_bookId && t.trade.instrumentId == m_instrumentId;
           });
    if (stepsMoved)
        loadSteps();
    if (m_loading.isRunning()) {
        m_arrivedWhileLoading += trades;
        return;
    }
    m_model->addTrades(trades);
}

QString TradesTab::stepsText() const
{
    return m_stepsLabel->text();
}

QString TradesTab::headlineText() const
{
    return m_headline->text();
}

void TradesTab::updateHeadline()
{
    if (m_bookId.isEmpty()) {
        m_headline->setText(tr("No book selected"));
        return;
    }
    const int count = m_model->rowCount();
    // A book with more trades than the blotter reads: the count is of the
    // trades listed, not the book's (it said "100,005 trades" of 100,080).
    QString text = !m_instrumentId.isEmpty()
        ? tr("%1: the trades in %2, newest first", nullptr).arg(m_bookId, m_instrumentId)
        : m_truncated ? tr("%1: the newest %Ln trade(s), newest first; older ones are not listed", nullptr, count).arg(m_bookId)
                      : tr("%1: %Ln trade(s), newest first", nullptr, count).arg(m_bookId);
    if (m_truncated && !m_instrumentId.isEmpty())
        text += u' ' + tr("(the newest %1 only)").arg(QLocale().toString(BlotterLimit));
    // A book's trades are read when the tab is first shown: not "0 trades".
    if (count == 0 && m_loading.isRunning())
        text = tr("%1: reading the trades…").arg(m_bookId);
    m_headline->setText(text);

    const auto &steps = m_steps->rows();
    if (steps.isEmpty()) {
        m_stepsLabel->setText(tr("How the position in %1 came about: reading its trades…").arg(m_instrumentId));
        return;
    }
    const PositionStep &last = steps.constLast();
    const auto &instrument = m_steps->context().instrument;
    const QString currency = instrument ? instrument->currency : QString();
    const double realized = instrument ? instrument->toMoney(last.after.realizedPnl) : last.after.realizedPnl;
    m_stepsLabel->setText(
        tr("How the position in %1 came about, trade by trade (average-cost method): after %Ln trade(s), quantity %2 "
           "at average price %3; realized P&L %4 %5",
           nullptr, int(steps.size()))
            .arg(m_instrumentId, TableModel::display(QVariant::fromValue(last.after.quantity), ColumnKind::Quantity),
                 TableModel::display(last.after.averagePrice, ColumnKind::Price), TableModel::money(realized, currency),
                 currency));
}
