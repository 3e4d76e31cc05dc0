#pragma once

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <variant>

class Connection;
struct sqlite3;
struct sqlite3_stmt;

// Many rows into one table, inside the caller's transaction, as fast as the
// backend allows: on SQLite one libsqlite3 prepared statement on the
// connection's own handle (QSqlDriver::handle()), bound and stepped per
// row without QVariant; on PostgreSQL multi-row INSERT … VALUES statements
// of up to BatchRows rows, so 100,000 rows are 500 round trips, not 100,000.
//
// With a `suffix` such as "ON CONFLICT (trade_id) DO NOTHING", rows the
// database did not insert are reported by skipped() (indexes in add() order);
// on PostgreSQL that needs `keyColumn`, returned by the insert.
class BulkInsert
{
    Q_DISABLE_COPY_MOVE(BulkInsert)

public:
    // A value to bind: an integer, a double, text, or NULL.
    struct Value
    {
        Value(std::nullptr_t) : v(std::monostate()) {}
        Value(int i) : v(qint64(i)) {}
        Value(qint64 i) : v(i) {}
        Value(double d) : v(d) {}
        Value(const QString &s) : v(&s) {}
        std::variant<std::monostate, qint64, double, const QString *> v;
    };

    static constexpr int BatchRows = 200;

    BulkInsert(const Connection &connection, const QString &table, const QStringList &columns,
               const QString &suffix = {}, int keyColumn = -1);
    ~BulkInsert();

    // Throws StorageError when the database refuses the row (or its batch).
    void add(std::initializer_list<Value> row);
    // Writes what is still batched; call before the transaction commits.
    void finish();

    const QList<qsizetype> &skipped() const { return m_skipped; }
    qsizetype rows() const { return m_rows; }

    // Shared with RowReader: the connection's libsqlite3 handle (throws
    // StorageError without one), binding a value to a libsqlite3 statement
    // (1-based; with `copyText` SQLite keeps its own copy of a text, else
    // the text must live until the statement is stepped), and a value as
    // QtSql binds it.
    static sqlite3 *sqliteHandle(const Connection &connection);
    static void bind(sqlite3_stmt *statement, int index, const Value &value, bool copyText = false);
    static QVariant toVariant(const Value &value);

private:
    void flush();
    QString insertSql(int rows) const;

    const Connection &m_connection;
    QString m_table;
    QStringList m_columns;
    QString m_suffix;
    int m_keyColumn;
    qsizetype m_rows = 0;
    QList<qsizetype> m_skipped;

    // SQLite
    sqlite3_stmt *m_statement = nullptr;

    // PostgreSQL: values of the rows not yet sent, and their keys.
    QVariantList m_pending;
    QStringList m_pendingKeys;
    QSqlQuery m_fullBatch;
};
