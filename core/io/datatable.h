#pragma once

#include <QList>
#include <QString>
#include <QVariant>

// What a column holds; decides CSV text, xlsx cell type and number format,
// and on screen the alignment and locale formatting.
enum class ColumnKind {
    Text,
    Integer,  // counts and ranks
    Quantity, // exact decimal (a Quantity); #,##0 with its decimals
    Price,    // 0.0000
    Rate,     // an FX rate: full precision in files, 0.000000 on screen
    Money,    // values, P&L: the currency's minor units (#,##0.00, JPY #,##0)
    Percent,  // 0.00% (a fraction)
    Date,     // a business date
    Instant,  // UTC instant, ISO 8601 with Z
};

struct ColumnSpec
{
    QString name;       // the CSV header name, fixed by DESIGN.md §3
    const char *title;  // the on-screen header, translated in context "Column"
    ColumnKind kind;
};

// A read-only table of raw values: double, int, QString, QDate, QDateTime,
// or a null QVariant for an empty cell. The one shape that the CSV writer,
// the xlsx writer, the text table of the command line and the window's
// models share.
class DataTable
{
public:
    virtual ~DataTable() = default;
    virtual const QList<ColumnSpec> &columns() const = 0;
    virtual qsizetype rowCount() const = 0;
    virtual QVariant value(qsizetype row, int column) const = 0;
    // The ISO code of a Money cell's currency (its decimals on screen and
    // in xlsx); empty when unknown (two decimals).
    virtual QString currency(qsizetype row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return {};
    }
    // A name for what the table shows (sheet name, file name suggestion).
    virtual QString title() const { return {}; }
};

// A DataTable over a list of values, described by a Traits type:
//   using Row = …; using Context = …;
//   static const QList<ColumnSpec> &columns();
//   static QVariant value(const Row &, int column, const Context &);
//   static QString currency(const Row &, int column, const Context &); // optional
// `order`, when given, picks and orders the rows (a filtered, sorted view).
// Copying the list is cheap (implicit sharing), so a worker thread can read
// a copy while the window goes on changing its own.
template<typename Traits>
class ListTable : public DataTable
{
public:
    using Row = typename Traits::Row;
    using Context = typename Traits::Context;

    explicit ListTable(QList<Row> rows = {}, Context context = {}, QList<int> order = {}, QString title = {})
        : m_rows(std::move(rows))
        , m_context(std::move(context))
        , m_order(std::move(order))
        , m_useOrder(!m_order.isEmpty())
        , m_title(std::move(title))
    {
    }

    // A view of `rows` through `order` even when `order` is empty (nothing shown).
    static ListTable ordered(QList<Row> rows, Context context, QList<int> order, QString title = {})
    {
        ListTable t(std::move(rows), std::move(context), std::move(order), std::move(title));
        t.m_useOrder = true;
        return t;
    }

    const QList<ColumnSpec> &columns() const override { return Traits::columns(); }
    qsizetype rowCount() const override { return m_useOrder ? m_order.size() : m_rows.size(); }
    QVariant value(qsizetype row, int column) const override
    {
        return Traits::value(m_rows.at(m_useOrder ? m_order.at(row) : row), column, m_context);
    }
    QString currency(qsizetype row, int column) const override
    {
        const Row &r = m_rows.at(m_useOrder ? m_order.at(row) : row);
        if constexpr (requires { Traits::currency(r, column, m_context); })
            return Traits::currency(r, column, m_context);
        else
            return {};
    }
    QString title() const override { return m_title; }

    const QList<Row> &rows() const { return m_rows; }

private:
    QList<Row> m_rows;
    Context m_context;
    QList<int> m_order;
    bool m_useOrder;
    QString m_title;
};
