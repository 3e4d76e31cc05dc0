#pragma once

#include "io/datatable.h"
#include "tablemodel.h"

#include <QFutureWatcher>
#include <QSortFilterProxyModel>

#include <functional>
#include <optional>

class TableModel;

// One per view: sorts on the raw values (numbers as numbers, empty cells
// last) and filters on the text columns with the filter box's words.
class TableProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TableProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    // Every word must appear in one of the row's text columns.
    void setFilterWords(const QString &text);
    // Hides rows whose raw value in `column` is zero (flat positions); -1: none.
    void setHideZeroColumn(int column);

    // A tab's own condition on source rows (one instrument, changes only);
    // an empty function accepts every row.
    void setRowCondition(std::function<bool(int sourceRow)> accepts);

    // Source rows in display order: what an export of this view writes.
    QList<int> sourceOrder() const;

    // Ranks every row once by its raw value, so the sort itself compares
    // two integers. Text sorts naturally ("I2" before "I10"); ties keep the
    // order of the column sorted before (the second key). From
    // AsyncSortRows rows on, the ranking is made on a worker thread and the
    // rows take their order when it is ready (the UI thread only reorders).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static constexpr int AsyncSortRows = 20000;
    // A sort whose ranking is still being made on a worker.
    bool sortPending() const { return m_pending.has_value(); }

    // Natural order: digit runs compared as numbers, the rest case-blind.
    static int naturalCompare(QStringView a, QStringView b);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    // -1 when `left` shows first by `column` in `order`, 1 when `right` does.
    int displayOrder(const QModelIndex &left, const QModelIndex &right, int column, Qt::SortOrder order) const;

    struct SortKey
    {
        int column = -1;
        Qt::SortOrder order = Qt::AscendingOrder;
    };
    // Source row -> position of `rows` ranked by `first`.
    struct Ranking
    {
        QList<int> rank;
        quint64 version = 0; // of the source rows it ranks
        SortKey first;
    };
    // Source row -> position in display order of `rows` rows by `first`,
    // then `then` (column -1: none).
    static QList<int> rankRows(const TableModel::RawReader &raw, int rows, const QList<ColumnSpec> &columns,
                               SortKey first, SortKey then);
    void startRanking(SortKey first, SortKey then);
    void applyRanking();
    // The second key of the sort as it is applied.
    SortKey appliedSecondKey() const;
    void keepRank(QList<int> rank, SortKey first) const;

    TableModel *m_table = nullptr;
    // Source row -> position of the sort shown, kept while the rows stay
    // as they are: sort() hands it to the base class's comparisons, and a
    // filter change re-sorts 100,000 rows with it (with QVariant
    // comparisons it took 5 s). Made again on the UI thread when a re-sort
    // of changed rows needs many comparisons; a few changed rows compare
    // values.
    mutable Ranking m_kept;
    mutable quint64 m_slowVersion = 0; // the source version m_slowCompares counts for
    mutable int m_slowCompares = 0;
    QFutureWatcher<Ranking> m_ranking;
    std::optional<SortKey> m_pending, m_pendingThen; // the sort the worker ranks for
    QList<QMetaObject::Connection> m_sourceWatch;
    quint64 m_sourceVersion = 0; // counts the source's changes: a ranking of older rows is made again
    QStringList m_words;
    int m_hideZeroColumn = -1;
    int m_secondColumn = -1;
    Qt::SortOrder m_secondOrder = Qt::AscendingOrder;
    std::function<bool(int)> m_condition;
};
