#include "allocationpanel.h"

#include "domain/desktime.h"
#include "numberinput.h"
#include "services/background.h"
#include "tablepanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <QtConcurrent>

AllocationPanel::AllocationPanel(QWidget *parent)
    : QWidget(parent)
    , m_amount(new QLineEdit(this))
    , m_currency(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_model(new AllocationModel(this))
    , m_panel(new TablePanel(QStringLiteral("allocation"), this))
{
    m_panel->setModel(m_model, {AllocationTraits::BookId, AllocationTraits::BusinessDate, AllocationTraits::AgreementId});
    m_amount->setObjectName(QStringLiteral("allocationAmount"));
    m_amount->setPlaceholderText(tr("e.g. 250m"));
    m_amount->setToolTip(tr("The amount to cover, in the agreement's currency: 250000000, 250m, 1.5bn"));
    m_amount->setClearButtonEnabled(true);
    m_amount->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0")) * 22);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *label = new QLabel(tr("Amount to &cover:"), this);
    label->setBuddy(m_amount);
    auto *top = new QHBoxLayout;
    top->addWidget(label);
    top->addWidget(m_amount);
    top->addWidget(m_currency);
    top->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_panel, 1);

    m_pending.setSingleShot(true);
    m_pending.setInterval(150);
    connect(&m_pending, &QTimer::timeout, this, &AllocationPanel::start);
    connect(m_amount, &QLineEdit::textChanged, this, &AllocationPanel::schedule);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result result = m_watcher.result();
        if (result.generation == m_generation) // else the amount, ranking or rates changed since
            showResult(result);
    });
    showNothing(tr("Choose an agreement to see what to deliver under it."));
}

QString AllocationPanel::summaryText() const
{
    return m_summary->text();
}

void AllocationPanel::setRanking(const std::optional<CollateralRanking> &ranking)
{
    if (m_ranking)
        releaseOffThread(std::exchange(m_ranking, std::nullopt));
    m_ranking = ranking && !ranking->agreementId.isEmpty() ? ranking : std::nullopt;
    m_currency->setText(m_ranking ? m_ranking->currency : QString());
    schedule();
}

void AllocationPanel::setCostRates(const QDate &date, const QHash<QString, double> &rates)
{
    m_costDate = date;
    m_costRates = rates;
    schedule();
}

void AllocationPanel::schedule()
{
    m_pending.start();
}

void AllocationPanel::start()
{
    if (!m_ranking) {
        showNothing(tr("Choose an agreement to see what to deliver under it."));
        return;
    }
    if (m_costDate != m_ranking->businessDate) {
        showNothing(tr("Reading the cost rates of %1…").arg(DeskTime::formatDate(m_ranking->businessDate)));
        return;
    }
    if (m_amount->text().trimmed().isEmpty()) {
        showNothing(tr("Type the amount to cover in %1: the cheapest items to deliver come first.").arg(m_ranking->currency));
        return;
    }
    QString why;
    const auto amount = NumberInput::amount(m_amount->text(), &why);
    if (!amount) {
        showNothing(QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(why.toHtmlEscaped()));
        return;
    }
    // A copy of the ranking and rates: the worker reads them while the tab
    // may show another ranking; only the newest computation is shown.
    m_watcher.setFuture(QtConcurrent::run(Background::pool(), [ranking = *m_ranking, rates = m_costRates, x = *amount, g = ++m_generation] {
        Background::lowerThisThread();
        Result result{g, allocate(ranking, rates, x), 0.0};
        for (const CollateralItem &item : ranking.items) {
            if (item.collateralValue && item.countedValue)
                result.heldBack += *item.collateralValue - *item.countedValue;
        }
        return result;
    }));
}

void AllocationPanel::showNothing(const QString &why)
{
    ++m_generation; // a computation still running is no longer wanted
    m_model->setRows({});
    m_summary->setText(why);
    emit allocated();
}

void AllocationPanel::showResult(const Result &result)
{
    const Allocation &a = result.allocation;
    m_model->setTitle(tr("%1 allocation %2 %3").arg(a.bookId, a.agreementId, DeskTime::formatDate(a.businessDate)));
    m_model->setRows(a.lines, {a.bookId, a.businessDate, a.agreementId, a.currency});
    double delivered = 0.0;
    double annualCost = 0.0;
    int uncosted = 0;
    for (const AllocationLine &line : a.lines) {
        delivered += line.collateralValue;
        if (line.annualCost)
            annualCost += *line.annualCost;
        else
            ++uncosted;
    }
    QString text = tr("%Ln line(s) deliver %1 %2 of collateral value for %3 %2 asked; annual cost %4 %2", nullptr,
                      int(a.lines.size()))
                       .arg(TableModel::money(delivered, a.currency), a.currency, TableModel::money(a.amount, a.currency),
                            TableModel::money(annualCost, a.currency));
    if (uncosted > 0)
        text += tr(" (%Ln line(s) without a cost rate)", nullptr, uncosted);
    text = text.toHtmlEscaped();
    if (a.shortfall > 0.0) {
        // Say whether the issuer limit held some eligible value back.
        const QString why = result.heldBack > 0.0
            ? tr("shortfall %1 %2: the eligible items of %3 under %4 run out first (the issuer limit holds back %5 %2 of them)")
                  .arg(TableModel::money(a.shortfall, a.currency), a.currency, a.bookId, a.agreementId,
                       TableModel::money(result.heldBack, a.currency))
            : tr("shortfall %1 %2: the eligible items of %3 under %4 run out first")
                  .arg(TableModel::money(a.shortfall, a.currency), a.currency, a.bookId, a.agreementId);
        text += QStringLiteral(" · <span style=\"color:#c62828\">%1</span>").arg(why.toHtmlEscaped());
    }
    m_summary->setText(text);
    emit allocated();
}
