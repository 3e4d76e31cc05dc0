#pragma once

#include "databaselocation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QThread>

#include <chrono>
#include <memory>

class QSqlError;
class StatementWatchdog;

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

    // Prepared statements; both throw StorageError saying what failed (the
    // operation and table, never the whole statement). On PostgreSQL each
    // statement has statementTimeout() to answer.
    QSqlQuery prepare(const QString &sql) const;
    void exec(QSqlQuery &query) const;
    // Runs a statement without parameters.
    QSqlQuery exec(const QString &sql) const;
    // The next row of a forward-only query. PostgreSQL sends such rows as
    // they come (single-row mode), so this waits on the server too: it has
    // the same deadline, and a failed fetch throws instead of looking like
    // the last row.
    bool next(QSqlQuery &query) const;

    // PostgreSQL: `rows` (COPY text format: tab-separated, \N for NULL,
    // escaped, one line per row) into `table` with one COPY … FROM STDIN,
    // under the statement deadline; throws StorageError as exec() does.
    // False, and nothing sent, unless canCopyIn().
    bool copyIn(const QString &table, const QStringList &columns, const QByteArray &rows) const;
    // PostgreSQL inside a transaction, libpq idle (the results of an
    // earlier forward-only query are discarded, as the next QtSql query
    // would do).
    bool canCopyIn() const;

    // False once the connection is lost (the server closed it, or did not
    // answer in time and was cut off): a kept connection is dropped and a
    // new one opened. What was not committed was rolled back by the server.
    bool isUsable() const;

    // How long a PostgreSQL statement may take: FINDESK_STATEMENT_TIMEOUT
    // seconds (default 60; 0: no limit). The server cancels a statement past
    // it (statement_timeout); a server that does not answer at all is cut
    // off by the client a second later.
    static std::chrono::seconds statementTimeout();

    // A statement in a few words for a message: "inserting into trades",
    // "reading snapshots", or its first words (at most ~80 characters).
    static QString describeStatement(const QString &sql);

    // SQLite's page cache, in KiB: a reader keeps a few MB (the operating
    // system caches the file as well); a connection that writes may keep
    // the larger size (dirty pages are not spilled to the WAL mid-way, and
    // the next of its transactions finds its pages) until releasePageCache().
    static constexpr int ReadCacheKiB = 4096;
    static constexpr int WriteCacheKiB = 65536;
    // Back to the reader's size, the pages over it freed: at the end of a
    // task on a kept connection (KeptConnection::Lease does it).
    void releasePageCache() const;

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
    class Deadline;
    void setPageCache(int kib) const;
    static void inspectSqlite(const DatabaseLocation &location, Mode mode, const QString &name);
    void startSession();
    void assertThread() const;
    [[noreturn]] void fail(const QSqlError &error, const QString &sql) const;
    [[noreturn]] void fail(const QString &why, const QString &code, const QString &sql) const;

    DatabaseLocation m_location;
    SqlDialect m_dialect;
    QString m_name;
    QThread *m_thread;
    mutable bool m_inTransaction = false;
    // PostgreSQL: the client-side deadline (none when the timeout is 0),
    // whether it fired, and whether the connection is known lost.
    std::unique_ptr<StatementWatchdog> m_watchdog;
    std::chrono::seconds m_timeout{0};
    mutable bool m_timedOut = false;
    mutable bool m_lost = false;
    mutable qint64 m_tradeRowsRead = 0;
    mutable bool m_cacheRaised = false;
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
