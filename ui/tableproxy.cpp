#include "tableproxy.h"

#include "services/background.h"
#include "tablemodel.h"

#include <QtConcurrent>

#include <numeric>

namespace {

// A column's sort keys read once: numbers, dates and instants as doubles,
// text as text; empty cells flagged.
struct Keys
{
    bool text = false;
    QList<double> numbers;
    QList<QString> texts;
    QList<bool> empty;
};

double numberOf(const QVariant &v, ColumnKind kind)
{
    if (kind == ColumnKind::Date)
        return double(v.toDate().toJulianDay());
    if (kind == ColumnKind::Instant)
        return double(v.toDateTime().toMSecsSinceEpoch());
    return v.toDouble();
}

Keys keysOf(const TableModel::RawReader &raw, int rows, int column, ColumnKind kind)
{
    Keys keys;
    keys.text = kind == ColumnKind::Text;
    keys.empty.resize(rows);
    if (keys.text)
        keys.texts.resize(rows);
    else
        keys.numbers.resize(rows);
    for (int r = 0; r < rows; ++r) {
        const QVariant v = raw(r, column);
        keys.empty[r] = v.isNull();
        if (keys.text)
            keys.texts[r] = v.toString();
        else
            keys.numbers[r] = numberOf(v, kind);
    }
    return keys;
}

int sign(double a, double b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// -1 when a comes first in display, 1 when b does: empty cells last in
// either direction.
int orderOf(bool emptyA, bool emptyB, int compared, Qt::SortOrder order)
{
    if (emptyA != emptyB)
        return emptyA ? 1 : -1;
    if (emptyA)
        return 0;
    return order == Qt::AscendingOrder ? compared : -compared;
}

} // namespace

int TableProxy::naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            // Digit runs compare as numbers of any length: without leading
            // zeros, the longer is larger, else the first differing digit.
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            qsizetype si = i, sj = j;
            while (si < ei - 1 && a[si] == u'0')
                ++si;
            while (sj < ej - 1 && b[sj] == u'0')
                ++sj;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            const int digits = a.sliced(si, ei - si).compare(b.sliced(sj, ej - sj));
            if (digits != 0)
                return digits < 0 ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        const char32_t ca = a[i].toCaseFolded().unicode();
        const char32_t cb = b[j].toCaseFolded().unicode();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    // Equal but for case or leading zeros: a stable, total order.
    const int exact = a.compare(b);
    return exact < 0 ? -1 : (exact > 0 ? 1 : 0);
}

TableProxy::TableProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    connect(&m_ranking, &QFutureWatcher<Ranking>::finished, this, &TableProxy::applyRanking);
    setSortRole(DeskRole::Raw);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void TableProxy::setSourceModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &c : std::as_const(m_sourceWatch))
        disconnect(c);
    m_sourceWatch.clear();
    m_pending.reset();
    m_kept = {};
    m_table = qobject_cast<TableModel *>(model);
    m_secondColumn = -1;
    // A ranking is of the rows as they were: any change since has it made
    // again. Connected before the base class's own connections, so that a
    // changed row is never placed with the ranking of its old value.
    if (model) {
        const auto changed = [this] { ++m_sourceVersion; };
        m_sourceWatch << connect(model, &QAbstractItemModel::modelReset, this, changed)
                      << connect(model, &QAbstractItemModel::rowsInserted, this, changed)
                      << connect(model, &QAbstractItemModel::rowsRemoved, this, changed)
                      << connect(model, &QAbstractItemModel::rowsMoved, this, changed)
                      << connect(model, &QAbstractItemModel::layoutChanged, this, changed)
                      << connect(model, &QAbstractItemModel::dataChanged, this,
                                 [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                                     // Not a fading highlight: values only.
                                     if (roles.isEmpty() || roles.contains(Qt::DisplayRole) || roles.contains(DeskRole::Raw))
                                         ++m_sourceVersion;
                                 });
    }
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

QList<int> TableProxy::rankRows(const TableModel::RawReader &raw, int rows, const QList<ColumnSpec> &columns,
                               SortKey first, SortKey then)
{
    const Keys keys = keysOf(raw, rows, first.column, columns.at(first.column).kind);
    const bool second = then.column >= 0;
    const Keys thenKeys = second ? keysOf(raw, rows, then.column, columns.at(then.column).kind) : Keys();
    auto compare = [](const Keys &k, int a, int b) {
        return k.text ? naturalCompare(k.texts[a], k.texts[b]) : sign(k.numbers[a], k.numbers[b]);
    };
    QList<int> byKey(rows);
    std::iota(byKey.begin(), byKey.end(), 0);
    // Ranks in display order, then flipped for a descending sort, which the
    // base class reverses again.
    std::stable_sort(byKey.begin(), byKey.end(), [&](int a, int b) {
        int c = orderOf(keys.empty[a], keys.empty[b], compare(keys, a, b), first.order);
        if (c == 0 && second)
            c = orderOf(thenKeys.empty[a], thenKeys.empty[b], compare(thenKeys, a, b), then.order);
        return first.order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    QList<int> rank(rows);
    for (int position = 0; position < rows; ++position)
        rank[byKey[position]] = position;
    return rank;
}

void TableProxy::sort(int column, Qt::SortOrder order)
{
    // What the user asked for last, applied or still being ranked.
    const SortKey current = m_pending ? *m_pending : SortKey{sortColumn(), sortOrder()};
    // A new column keeps the one sorted before as its second key.
    if (column != current.column && current.column >= 0 && column >= 0) {
        m_secondColumn = current.column;
        m_secondOrder = current.order;
    }
    if (column < 0)
        m_secondColumn = -1;
    const bool unchanged = column == current.column && order == current.order;
    if (unchanged && m_pending)
        return;
    m_pending.reset(); // a ranking under way is of no use now
    if (!m_table || unchanged || column < 0 || column >= m_table->columnCount() || m_table->rowCount() < 2) {
        QSortFilterProxyModel::sort(column, order);
        return;
    }
    const bool second = m_secondColumn >= 0 && m_secondColumn < m_table->columnCount() && m_secondColumn != column;
    const SortKey then = second ? SortKey{m_secondColumn, m_secondOrder} : SortKey();
    if (m_table->rowCount() >= AsyncSortRows) {
        startRanking({column, order}, then);
        return;
    }
    keepRank(rankRows(m_table->rawReader(), m_table->rowCount(), m_table->columns(), {column, order}, then), {column, order});
    QSortFilterProxyModel::sort(column, order);
}

void TableProxy::startRanking(SortKey first, SortKey then)
{
    m_pending = first;
    m_pendingThen = then;
    m_ranking.setFuture(QtConcurrent::run(Background::pool(), [raw = m_table->rawReader(), rows = m_table->rowCount(), columns = m_table->columns(),
                                           first, then, version = m_sourceVersion] {
        Background::lowerThisThread();
        return Ranking{rankRows(raw, rows, columns, first, then), version, first};
    }));
}

void TableProxy::applyRanking()
{
    if (!m_pending || m_ranking.future().resultCount() == 0)
        return;
    const Ranking ranking = m_ranking.result();
    if (ranking.first.column != m_pending->column || ranking.first.order != m_pending->order)
        return; // overtaken by another sort
    if (!m_table || ranking.version != m_sourceVersion || ranking.rank.size() != m_table->rowCount()) {
        startRanking(*m_pending, *m_pendingThen); // of rows that have changed since: rank them again
        return;
    }
    m_pending.reset();
    keepRank(ranking.rank, ranking.first);
    QSortFilterProxyModel::sort(ranking.first.column, ranking.first.order);
}

TableProxy::SortKey TableProxy::appliedSecondKey() const
{
    const bool second = m_table && m_secondColumn >= 0 && m_secondColumn < m_table->columnCount()
                        && m_secondColumn != sortColumn();
    return second ? SortKey{m_secondColumn, m_secondOrder} : SortKey();
}

void TableProxy::keepRank(QList<int> rank, SortKey first) const
{
    m_kept = {std::move(rank), m_sourceVersion, first};
}

bool TableProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_table)
        return QSortFilterProxyModel::lessThan(left, right);
    // The ranking of the sort shown (made by sort() just before the base
    // class sorts with it, or kept since): two integers per comparison.
    if (m_kept.version == m_sourceVersion && m_kept.first.column == left.column() && m_kept.first.order == sortOrder()
        && left.row() < m_kept.rank.size() && right.row() < m_kept.rank.size())
        return m_kept.rank[left.row()] < m_kept.rank[right.row()];
    // A whole re-sort of changed rows (a reset): rank them once.
    if (m_slowVersion != m_sourceVersion) {
        m_slowVersion = m_sourceVersion;
        m_slowCompares = 0;
    }
    if (++m_slowCompares > 4096) {
        const SortKey first{left.column(), sortOrder()};
        keepRank(rankRows(m_table->rawReader(), m_table->rowCount(), m_table->columns(), first, appliedSecondKey()), first);
        return m_kept.rank[left.row()] < m_kept.rank[right.row()];
    }
    // Rows that change after a sort find their place one by one.
    int c = displayOrder(left, right, left.column(), sortOrder());
    if (c == 0 && m_secondColumn >= 0 && m_secondColumn < m_table->columnCount() && m_secondColumn != left.column())
        c = displayOrder(left, right, m_secondColumn, m_secondOrder);
    return sortOrder() == Qt::AscendingOrder ? c < 0 : c > 0;
}

int TableProxy::displayOrder(const QModelIndex &left, const QModelIndex &right, int column, Qt::SortOrder order) const
{
    const QVariant a = m_table->raw(left.row(), column);
    const QVariant b = m_table->raw(right.row(), column);
    const ColumnKind kind = m_table->columns().at(column).kind;
    int compared = 0;
    if (!a.isNull() && !b.isNull()) {
        compared = kind == ColumnKind::Text ? naturalCompare(a.toString(), b.toString())
                                            : sign(numberOf(a, kind), numberOf(b, kind));
    }
    return orderOf(a.isNull(), b.isNull(), compared, order);
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
