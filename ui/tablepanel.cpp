#include "tablepanel.h"

#include "desktableview.h"
#include "exportrunner.h"
#include "tablemodel.h"
#include "tableproxy.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <numeric>

TablePanel::TablePanel(const QString &settingsKey, QWidget *parent)
    : QWidget(parent)
    , m_proxy(new TableProxy(this))
    , m_view(new DeskTableView(settingsKey, this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_runner(new ExportRunner(this))
    , m_totals(new QLabel(this))
{
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Show only rows whose text columns contain every word typed here"));
    m_export->setToolTip(tr("Export the rows shown, in the order shown, to Excel or CSV"));
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(QStringLiteral("000,000 of 000,000")));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_bar = new QHBoxLayout;
    m_bar->setContentsMargins(0, 0, 0, 0);
    m_bar->addWidget(m_filter, 1);
    m_bar->addWidget(m_count);
    m_bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setTextFormat(Qt::RichText);
    // Wrapped: a line of many currencies asked its whole width of the window
    // (the ranking's took the book list 60 pixels narrower).
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setVisible(false);
    m_totalsTimer.setSingleShot(true);
    m_totalsTimer.setInterval(30);
    connect(&m_totalsTimer, &QTimer::timeout, this, &TablePanel::updateTotals);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, &m_totalsTimer, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::modelReset, &m_totalsTimer, qOverload<>(&QTimer::start));
    // Sums do not change with the order: a sort does not add 100,000 rows again.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            [this](const QList<QPersistentModelIndex> &, QAbstractItemModel::LayoutChangeHint hint) {
                if (hint != QAbstractItemModel::VerticalSortHint)
                    m_totalsTimer.start();
            });
    connect(m_proxy, &QAbstractItemModel::dataChanged, &m_totalsTimer, qOverload<>(&QTimer::start));

    m_view->setModel(m_proxy);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableProxy::setFilterWords);
    connect(m_export, &QPushButton::clicked, this, &TablePanel::exportShown);
    connect(m_view, &DeskTableView::exportRequested, this, &TablePanel::exportShown);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TablePanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TablePanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TablePanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TablePanel::updateCount);
    connect(m_runner, &ExportRunner::finished, this, [this](const TableExporter::Result &result, const QString &path) {
        if (result.ok)
            emit exported(path, result.rows);
    });
    updateCount();
}

void TablePanel::setModel(TableModel *model, const QList<int> &hiddenByDefault)
{
    m_model = model;
    m_view->setDefaultHiddenColumns(hiddenByDefault);
    m_proxy->setSourceModel(model);
    // The total changes with rows the filter hides too, which the proxy
    // does not report.
    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePanel::updateCount);
    connect(model, &QAbstractItemModel::modelReset, this, &TablePanel::updateCount);
    updateCount();
}

void TablePanel::addControl(QWidget *widget)
{
    m_bar->insertWidget(m_bar->count() - 3, widget);
}

void TablePanel::setTotals(std::function<QString(const QList<int> &)> totals)
{
    m_makeTotals = std::move(totals);
    m_totals->setVisible(bool(m_makeTotals));
    updateTotals();
}

QString TablePanel::totalsText() const
{
    return m_totals->text();
}

void TablePanel::updateTotals()
{
    if (!m_makeTotals)
        return;
    // A tab out of sight does not sum 100,000 rows on every tick.
    if (!isVisible()) {
        m_totalsStale = true;
        return;
    }
    m_totalsStale = false;
    QList<int> rows;
    if (m_model && m_proxy->rowCount() == m_model->rowCount()) {
        rows.resize(m_model->rowCount()); // every row: no need to map them
        std::iota(rows.begin(), rows.end(), 0);
    } else {
        rows = m_proxy->sourceOrder();
    }
    m_totals->setText(m_makeTotals(rows));
}

void TablePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_totalsStale)
        updateTotals();
}

void TablePanel::updateCount()
{
    const int total = m_model ? m_model->rowCount() : 0;
    const int shown = m_proxy->rowCount();
    const QLocale locale;
    m_count->setText(shown == total ? tr("%Ln row(s)", nullptr, total)
                                    : tr("%1 of %2").arg(locale.toString(shown), locale.toString(total)));
    m_export->setEnabled(shown > 0);
}

void TablePanel::exportShown()
{
    if (!m_model || m_runner->isRunning())
        return;
    m_runner->exportWithDialog(m_model->snapshot(m_proxy->sourceOrder()), m_model->title());
}
