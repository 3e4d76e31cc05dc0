#pragma once

#include "io/datatable.h"

#include <QSortFilterProxyModel>

#include <functional>

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
    // two integers: 100,000 rows sort in a few tens of milliseconds. Text
    // sorts naturally ("I2" before "I10"); ties keep the order of the
    // column sorted before (the second key).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Natural order: digit runs compared as numbers, the rest case-blind.
    static int naturalCompare(QStringView a, QStringView b);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    // -1 when `left` shows first by `column` in `order`, 1 when `right` does.
    int displayOrder(const QModelIndex &left, const QModelIndex &right, int column, Qt::SortOrder order) const;

    TableModel *m_table = nullptr;
    QList<int> m_rank; // source row -> position, valid during sort() only
    QStringList m_words;
    int m_hideZeroColumn = -1;
    int m_secondColumn = -1;
    Qt::SortOrder m_secondOrder = Qt::AscendingOrder;
    std::function<bool(int)> m_condition;
};
