#pragma once

#include "io/datatable.h"
#include "services/background.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QLocale>
#include <QThreadPool>
#include <QTimeZone>

#include <functional>
#include <memory>

// Lets go of a value the window no longer shows on a worker thread: freeing
// 100,000 rows, or the reference data of 100,000 instruments, took the UI
// thread up to 100 ms. (Values only: implicitly shared Qt containers and
// the structs made of them.)
template<typename T>
void releaseOffThread(T &&value)
{
    auto held = std::make_shared<std::decay_t<T>>(std::move(value));
    Background::pool()->start([held = std::move(held)]() mutable {
        Background::lowerThisThread();
        held.reset();
    });
}

// The result of a finished future, moved out of it: the future keeps an
// empty value, so the rows are freed where the window lets go of them, not
// on the UI thread when the next future replaces this one. (Qt 6.4's
// QFuture::takeResult() crashed now and then on futures made with then().)
template<typename T>
T takeResult(const QFutureWatcher<T> &watcher)
{
    const QFuture<T> future = watcher.future();
    if (future.resultCount() == 0)
        return T();
    return std::move(const_cast<T &>(*future.constBegin()));
}

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
    // raw() over the rows as they are now, for a worker thread to call while
    // this model goes on changing (the rows are shared, not copied).
    using RawReader = std::function<QVariant(int row, int column)>;
    virtual RawReader rawReader() const = 0;

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
        QList<Row> old = std::exchange(m_rows, std::move(rows));
        m_context = std::move(context);
        endResetModel();
        if (old.size() >= 1000)
            releaseOffThread(std::move(old));
    }
    const QList<Row> &rows() const { return m_rows; }
    const Context &context() const { return m_context; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    // Without the base class's virtual rowCount() and columnCount() calls:
    // sorting 100,000 rows asks for 3.4 million indexes.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override
    {
        if (parent.isValid() || row < 0 || column < 0 || row >= m_rows.size() || column >= Traits::columns().size())
            return {};
        return createIndex(row, column);
    }
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
    RawReader rawReader() const override
    {
        return [rows = m_rows, context = m_context](int row, int column) { return Traits::value(rows.at(row), column, context); };
    }
    std::unique_ptr<DataTable> snapshot(const QList<int> &order) const override
    {
        return std::make_unique<ListTable<Traits>>(ListTable<Traits>::ordered(m_rows, m_context, order, title()));
    }

protected:
    QList<Row> m_rows;
    Context m_context;
};
