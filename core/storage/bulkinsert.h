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
// row without QVariant; on PostgreSQL COPY … FROM STDIN, or, where the
// database must say which rows it took (a `suffix`), multi-row INSERT …
// VALUES statements of up to BatchRows rows, so 100,000 rows are 500 round
// trips, not 100,000.
// The SQLite handle is used only when QtSql's SQLite is the libsqlite3 this
// program links (sqliteHandle()); otherwise one prepared QtSql statement,
// executed per row in the same transaction.
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

    // Shared with RowReader: the connection's libsqlite3 handle, or nullptr
    // when it must not be driven with our libsqlite3 (see below), binding a
    // value to a libsqlite3 statement (1-based; with `copyText` SQLite keeps
    // its own copy of a text, else the text must live until the statement
    // is stepped), and a value as QtSql binds it.
    //
    // The handle is QtSql's: calling our libsqlite3 on it is defined only
    // when the Qt SQLite plugin uses that same library (Debian's links
    // libsqlite3.so; Qt's own builds compile SQLite into the plugin). It is
    // checked once per process: the plugin resolves sqlite3_libversion to
    // our library's, and SQLite reports our sqlite_source_id() through QtSql.
    static sqlite3 *sqliteHandle(const Connection &connection);
    // Test hook: true makes sqliteHandle() answer nullptr, as on a Qt whose
    // plugin carries its own SQLite.
    static void forceQtSqlForTests(bool force);
    static void bind(sqlite3_stmt *statement, int index, const Value &value, bool copyText = false);
    static QVariant toVariant(const Value &value);

private:
    void flush();
    void flushCopy();
    // COPY sends the rows in pieces of about this size.
    static constexpr qsizetype CopyBytes = 4 << 20;
    QString insertSql(int rows) const;

    const Connection &m_connection;
    QString m_table;
    QStringList m_columns;
    QString m_suffix;
    int m_keyColumn;
    qsizetype m_rows = 0;
    QList<qsizetype> m_skipped;

    // SQLite: our libsqlite3's statement, or QtSql's when the handle is
    // not ours to drive.
    sqlite3_stmt *m_statement = nullptr;
    QSqlQuery m_row;

    // PostgreSQL without a suffix: the rows not yet sent, as COPY text.
    bool m_copy = false;
    QByteArray m_copyRows;
    void appendCopyValue(const Value &value);

    // PostgreSQL: values of the rows not yet sent, and their keys.
    QVariantList m_pending;
    QStringList m_pendingKeys;
    QSqlQuery m_fullBatch;
};
