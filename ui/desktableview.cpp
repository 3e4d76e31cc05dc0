#include "desktableview.h"

#include "io/tableexporter.h"
#include "tablemodel.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QSettings>

DeskTableView::DeskTableView(const QString &settingsKey, QWidget *parent)
    : QTableView(parent)
    , m_settingsKey(settingsKey)
{
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    // One Tab stop: Tab leaves the table, the arrow keys move inside it.
    setTabKeyNavigation(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultSectionSize(110);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &DeskTableView::headerMenu);
    // Restore once the model has given the header its columns.
    connect(horizontalHeader(), &QHeaderView::sectionCountChanged, this, [this](int, int count) {
        if (count > 0 && !m_restored)
            restoreHeader();
    });
}

DeskTableView::~DeskTableView()
{
    if (m_restored && !m_settingsKey.isEmpty())
        QSettings().setValue(QStringLiteral("tables/%1/header").arg(m_settingsKey), horizontalHeader()->saveState());
}

void DeskTableView::restoreHeader()
{
    if (!model())
        return;
    m_restored = true;
    const QByteArray state = QSettings().value(QStringLiteral("tables/%1/header").arg(m_settingsKey)).toByteArray();
    if (state.isEmpty() || !horizontalHeader()->restoreState(state)) {
        // A first look: fit the columns to the first rows that arrive.
        connect(model(), &QAbstractItemModel::modelReset, this, &DeskTableView::fitColumnsOnce);
        connect(model(), &QAbstractItemModel::rowsInserted, this, &DeskTableView::fitColumnsOnce);
        connect(model(), &QAbstractItemModel::layoutChanged, this, &DeskTableView::fitColumnsOnce);
        sortByColumn(-1, Qt::AscendingOrder);
        horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        for (int column : std::as_const(m_defaultHidden))
            setColumnHidden(column, true);
    }
}

void DeskTableView::fitColumnsOnce()
{
    if (m_sized || !model() || model()->rowCount() == 0)
        return;
    m_sized = true;
    horizontalHeader()->setResizeContentsPrecision(200);
    resizeColumnsToContents();
    for (int c = 0; c < model()->columnCount(); ++c)
        setColumnWidth(c, std::min(columnWidth(c) + 12, 420));
}

void DeskTableView::headerMenu(const QPoint &pos)
{
    QMenu menu(this);
    menu.setTitle(tr("Columns"));
    for (int c = 0; c < model()->columnCount(); ++c) {
        QAction *action = menu.addAction(model()->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(c));
        connect(action, &QAction::toggled, this, [this, c](bool shown) { setColumnHidden(c, !shown); });
    }
    menu.exec(horizontalHeader()->mapToGlobal(pos));
}

QString DeskTableView::selectionAsText() const
{
    const QModelIndexList selected = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (selected.isEmpty())
        return {};
    // Visual order, as the user sees it: rows top to bottom, columns as moved.
    QList<int> rows, columns;
    for (const QModelIndex &i : selected) {
        if (!rows.contains(i.row()))
            rows.append(i.row());
        if (!columns.contains(i.column()))
            columns.append(i.column());
    }
    std::sort(rows.begin(), rows.end());
    std::sort(columns.begin(), columns.end(), [this](int a, int b) {
        return horizontalHeader()->visualIndex(a) < horizontalHeader()->visualIndex(b);
    });

    auto clean = [](QString text) {
        text.replace(u'\t', u' ');
        text.replace(u'\n', u' ');
        return text;
    };
    QStringList lines;
    QStringList header;
    for (int c : std::as_const(columns))
        header << clean(model()->headerData(c, Qt::Horizontal).toString());
    lines << header.join(u'\t');

    const auto *table = qobject_cast<const TableModel *>(model());
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    if (!table && proxy)
        table = qobject_cast<const TableModel *>(proxy->sourceModel());
    for (int r : std::as_const(rows)) {
        QStringList cells;
        for (int c : std::as_const(columns)) {
            const QModelIndex index = model()->index(r, c);
            if (!selectionModel()->isSelected(index)) {
                cells << QString();
                continue;
            }
            const QVariant raw = index.data(DeskRole::Raw);
            cells << clean(table ? TableExporter::csvText(raw, table->columns().at(c).kind) : index.data().toString());
        }
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n') + u'\n';
}

void DeskTableView::copySelection()
{
    const QString text = selectionAsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void DeskTableView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void DeskTableView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy"), QKeySequence::Copy, this, &DeskTableView::copySelection);
    copy->setEnabled(selectionModel() && selectionModel()->hasSelection());
    menu.addAction(tr("Select &All"), QKeySequence::SelectAll, this, &QTableView::selectAll);
    menu.addSeparator();
    menu.addAction(tr("&Export…"), this, &DeskTableView::exportRequested);
    menu.exec(event->globalPos());
}
