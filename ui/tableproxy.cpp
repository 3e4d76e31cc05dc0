#include "tableproxy.h"

#include "tablemodel.h"

#include <numeric>

TableProxy::TableProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DeskRole::Raw);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void TableProxy::setSourceModel(QAbstractItemModel *model)
{
    m_table = qobject_cast<TableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TableProxy::setFilterWords(const QString &text)
{
    m_words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void TableProxy::setHideZeroColumn(int column)
{
    m_hideZeroColumn = column;
    invalidateRowsFilter();
}

void TableProxy::setRowCondition(std::function<bool(int)> accepts)
{
    m_condition = std::move(accepts);
    invalidateRowsFilter();
}

QList<int> TableProxy::sourceOrder() const
{
    QList<int> order;
    order.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r)
        order.append(mapToSource(index(r, 0)).row());
    return order;
}

void TableProxy::sort(int column, Qt::SortOrder order)
{
    const bool unchanged = column == sortColumn() && order == sortOrder();
    if (!m_table || unchanged || column < 0 || column >= m_table->columnCount() || m_table->rowCount() < 2) {
        QSortFilterProxyModel::sort(column, order);
        return;
    }
    const int rows = m_table->rowCount();
    const ColumnKind kind = m_table->columns().at(column).kind;
    QList<int> byKey(rows);
    std::iota(byKey.begin(), byKey.end(), 0);
    if (TableModel::isNumeric(kind)) {
        // Numbers as doubles: empty cells last in either direction.
        QList<double> keys(rows);
        QList<bool> empty(rows);
        for (int r = 0; r < rows; ++r) {
            const QVariant v = m_table->raw(r, column);
            empty[r] = v.isNull();
            keys[r] = v.toDouble();
        }
        const bool ascending = order == Qt::AscendingOrder;
        std::stable_sort(byKey.begin(), byKey.end(), [&](int a, int b) {
            if (empty[a] != empty[b])
                return empty[a] ? !ascending : ascending;
            return !empty[a] && keys[a] < keys[b];
        });
    } else {
        QList<QVariant> keys(rows);
        for (int r = 0; r < rows; ++r)
            keys[r] = m_table->raw(r, column);
        std::stable_sort(byKey.begin(), byKey.end(), [&](int a, int b) { return rawLess(keys[a], keys[b], kind, order); });
    }
    m_rank.resize(rows);
    for (int position = 0; position < rows; ++position)
        m_rank[byKey[position]] = position;
    QSortFilterProxyModel::sort(column, order);
    m_rank.clear();
}

bool TableProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_table)
        return QSortFilterProxyModel::lessThan(left, right);
    if (!m_rank.isEmpty())
        return m_rank[left.row()] < m_rank[right.row()];
    // Rows that change after a sort find their place one by one.
    return rawLess(m_table->raw(left.row(), left.column()), m_table->raw(right.row(), right.column()),
                   m_table->columns().at(left.column()).kind, sortOrder());
}

bool TableProxy::rawLess(const QVariant &a, const QVariant &b, ColumnKind kind, Qt::SortOrder order) const
{
    // Empty cells (unranked items, no haircut) go after the others in
    // either direction; the proxy reverses lessThan for descending order.
    if (a.isNull() != b.isNull()) {
        const bool ascending = order == Qt::AscendingOrder;
        return a.isNull() ? !ascending : ascending;
    }
    if (a.isNull())
        return false;
    if (TableModel::isNumeric(kind))
        return a.toDouble() < b.toDouble();
    if (kind == ColumnKind::Date)
        return a.toDate() < b.toDate();
    if (kind == ColumnKind::Instant)
        return a.toDateTime() < b.toDateTime();
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
}

bool TableProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_table)
        return true;
    if (m_hideZeroColumn >= 0 && m_table->raw(sourceRow, m_hideZeroColumn).toDouble() == 0.0)
        return false;
    if (m_condition && !m_condition(sourceRow))
        return false;
    if (m_words.isEmpty())
        return true;
    const QList<ColumnSpec> &columns = m_table->columns();
    for (const QString &word : m_words) {
        bool found = false;
        for (int c = 0; c < columns.size() && !found; ++c) {
            if (columns[c].kind != ColumnKind::Text && columns[c].kind != ColumnKind::Date)
                continue;
            // What the user sees: an instrument is found by its name too.
            QString text = m_table->displayText(sourceRow, c);
            if (text.isNull())
                text = TableModel::display(m_table->raw(sourceRow, c), columns[c].kind);
            found = text.contains(word, Qt::CaseInsensitive);
        }
        if (!found)
            return false;
    }
    return true;
}
