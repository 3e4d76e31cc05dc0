#pragma once

#include "databaselocation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QThread>

enum class SqlDialect { SQLite, PostgreSQL };

// QtSql binds a null QString as SQL NULL; text columns that hold '' for
// "none" get this instead.
inline QString sqlText(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// A text column of the query's current row, byte for byte. QPSQL decodes
// text with QString::fromUtf8, which drops a leading U+FEFF (an id's first
// character, DESIGN.md §2); on PostgreSQL the bytes come from libpq instead.
QString textValue(const QSqlQuery &query, int column);

// One open database connection, owned by the thread that opened it (Qt's
// rule for QtSql). Each Connection gets its own connection name, opens and
// migrates the schema in its constructor and removes the connection in its
// destructor, after the queries made from it are gone. Make one per unit of
// work or per worker thread; never share one between threads.
class Connection
{
    Q_DISABLE_COPY_MOVE(Connection)

public:
    // CreateIfMissing (init, the window's first start) may create the file
    // and the schema; MustExist opens only an existing FinDesk database.
    // Neither changes a file that is not a FinDesk database.
    enum class Mode { CreateIfMissing, MustExist };

    // Throws StorageError when the database cannot be opened, is not a
    // FinDesk database, is from a newer program, or cannot be migrated.
    explicit Connection(const DatabaseLocation &location, Mode mode = Mode::CreateIfMissing);
    ~Connection();

    // Throws StorageError unless `location` holds a FinDesk database this
    // program can open; creates and changes nothing (a SQLite file is
    // looked at read-only). The command line calls it before every command
    // but init.
    static void checkExisting(const DatabaseLocation &location);

    // How many connections this process opened (or tried to): a window
    // that keeps its connections opens none while it idles (tests).
    static quint64 openedCount();

    QSqlDatabase database() const;
    SqlDialect dialect() const { return m_dialect; }
    bool inTransaction() const { return m_inTransaction; }
    const DatabaseLocation &location() const { return m_location; }

    // Prepared statements; both throw StorageError naming the statement.
    QSqlQuery prepare(const QString &sql) const;
    void exec(QSqlQuery &query) const;
    // Runs a statement without parameters.
    QSqlQuery exec(const QString &sql) const;

    // The SQL of this dialect for the few places where they differ.
    QString sql(const char *sqlite, const char *postgres) const
    {
        return QString::fromUtf8(m_dialect == SqlDialect::SQLite ? sqlite : postgres);
    }

    // Rows of the trade log the fold read through this connection: tests
    // count them to guard that a snapshot reads what changed since the
    // last one, not the whole log.
    qint64 tradeRowsRead() const { return m_tradeRowsRead; }
    void countTradeRowsRead(qint64 rows) const { m_tradeRowsRead += rows; }

private:
    friend class Transaction;
    friend class ReadTransaction;
    static void inspectSqlite(const DatabaseLocation &location, Mode mode, const QString &name);
    void assertThread() const;
    [[noreturn]] void fail(const QString &why, const QString &sql) const;

    DatabaseLocation m_location;
    SqlDialect m_dialect;
    QString m_name;
    QThread *m_thread;
    mutable bool m_inTransaction = false;
    mutable qint64 m_tradeRowsRead = 0;
};

// One unit of work. SQLite takes the write lock up front (BEGIN IMMEDIATE)
// so two writers queue instead of failing half-way; the destructor rolls
// back whatever was not committed.
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    explicit Transaction(const Connection &connection);
    ~Transaction();
    void commit();

private:
    const Connection &m_connection;
};

// Several reads that must see one state of the database, whatever commits
// meanwhile: SQLite's deferred transaction reads one WAL snapshot, and
// PostgreSQL's REPEATABLE READ one snapshot for every statement (READ
// COMMITTED would take a new one per statement). Writes nothing; ends when
// it goes out of scope.
class ReadTransaction
{
    Q_DISABLE_COPY_MOVE(ReadTransaction)

public:
    explicit ReadTransaction(const Connection &connection);
    ~ReadTransaction();

private:
    const Connection &m_connection;
};
