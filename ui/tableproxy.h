#pragma once

#include <QSortFilterProxyModel>

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

    // Source rows in display order: what an export of this view writes.
    QList<int> sourceOrder() const;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    TableModel *m_table = nullptr;
    QStringList m_words;
    int m_hideZeroColumn = -1;
};
