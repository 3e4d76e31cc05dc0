#pragma once

#include "io/datatable.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QTimeZone>

#include <memory>

// Roles every desk model answers besides the standard ones.
namespace DeskRole {
enum : int {
    Raw = Qt::UserRole + 1, // the unformatted value: double, int, QString, QDate, QDateTime
};
}

// The base of the desk's tables: columns described by ColumnSpec (the same
// specs the CSV and xlsx exporters use), values given raw by the subclass.
// It formats them for the screen: numbers right-aligned with the user's
// thousands separators, negatives in red, instants in the desk time zone.
class TableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    virtual const QList<ColumnSpec> &columns() const = 0;
    virtual QVariant raw(int row, int column) const = 0;
    // The currency of a Money cell (its minor units on screen).
    virtual QString currency(int row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return {};
    }
    // Text shown instead of the raw value (a note in the window's
    // language); a null QString shows the raw value formatted.
    virtual QString displayText(int row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return {};
    }
    // A copy of the rows in `order` (source rows, in display order) that a
    // worker thread can read while this model goes on changing.
    virtual std::unique_ptr<DataTable> snapshot(const QList<int> &order) const = 0;

    // Used to name exported files and sheets.
    QString title() const { return m_title; }
    void setTitle(const QString &title) { m_title = title; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // How the window shows a raw value of a column kind; money with the
    // minor units of `currency` (JPY without decimals).
    static QString display(const QVariant &raw, ColumnKind kind, const QString &currency = {});
    // An amount in the user's locale with the currency's minor units.
    static QString money(double amount, const QString &currency);
    static bool isNumeric(ColumnKind kind);
    static void setDisplayTimeZone(const QTimeZone &zone);

private:
    QString m_title;
};

// A TableModel over a list of values described by core Traits (io/tables.h).
template<typename Traits>
class ListModel : public TableModel
{
public:
    using Row = typename Traits::Row;
    using Context = typename Traits::Context;

    using TableModel::TableModel;

    void setRows(QList<Row> rows, Context context = {})
    {
        beginResetModel();
        m_rows = std::move(rows);
        m_context = std::move(context);
        endResetModel();
    }
    const QList<Row> &rows() const { return m_rows; }
    const Context &context() const { return m_context; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const QList<ColumnSpec> &columns() const override { return Traits::columns(); }
    QVariant raw(int row, int column) const override { return Traits::value(m_rows.at(row), column, m_context); }
    QString displayText(int row, int column) const override
    {
        if constexpr (requires { Traits::displayText(m_rows.at(row), column, m_context); })
            return Traits::displayText(m_rows.at(row), column, m_context);
        else
            return {};
    }
    QString currency(int row, int column) const override
    {
        if constexpr (requires { Traits::currency(m_rows.at(row), column, m_context); })
            return Traits::currency(m_rows.at(row), column, m_context);
        else
            return {};
    }
    std::unique_ptr<DataTable> snapshot(const QList<int> &order) const override
    {
        return std::make_unique<ListTable<Traits>>(ListTable<Traits>::ordered(m_rows, m_context, order, title()));
    }

protected:
    QList<Row> m_rows;
    Context m_context;
};
