#include "tableproxy.h"

#include "tablemodel.h"

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

QList<int> TableProxy::sourceOrder() const
{
    QList<int> order;
    order.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r)
        order.append(mapToSource(index(r, 0)).row());
    return order;
}

bool TableProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_table)
        return QSortFilterProxyModel::lessThan(left, right);
    const QVariant a = m_table->raw(left.row(), left.column());
    const QVariant b = m_table->raw(right.row(), right.column());
    // Empty cells (unranked items, no haircut) go after the others in
    // either direction; the proxy reverses lessThan for descending order.
    if (a.isNull() != b.isNull()) {
        const bool ascending = sortOrder() == Qt::AscendingOrder;
        return a.isNull() ? !ascending : ascending;
    }
    if (a.isNull())
        return false;
    const ColumnKind kind = m_table->columns().at(left.column()).kind;
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
    if (m_words.isEmpty())
        return true;
    const QList<ColumnSpec> &columns = m_table->columns();
    for (const QString &word : m_words) {
        bool found = false;
        for (int c = 0; c < columns.size() && !found; ++c) {
            if (columns[c].kind == ColumnKind::Text || columns[c].kind == ColumnKind::Date)
                found = TableModel::display(m_table->raw(sourceRow, c), columns[c].kind).contains(word, Qt::CaseInsensitive);
        }
        if (!found)
            return false;
    }
    return true;
}
