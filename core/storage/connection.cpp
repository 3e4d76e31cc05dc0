#include "connection.h"

#include "schema.h"
#include "storageerror.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlResult>
#include <QStringDecoder>

#include <libpq-fe.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Connection", text);
}

// SQLite reads a UTF-16 text that starts with a byte order mark (U+FEFF, or
// U+FFFE: the other byte order) as that mark, drops it and decodes the rest
// in the order it names; QtSql hands it every text as UTF-16. An id that
// begins with U+FEFF would lose it (PostgreSQL keeps it), and one that begins
// with U+FFFE would come out byte-swapped. A native mark in front is the one
// SQLite consumes, so the text itself reaches the database byte for byte.
bool startsWithByteOrderMark(QStringView text)
{
    return !text.isEmpty() && (text.front() == QChar(0xFEFF) || text.front() == QChar(0xFFFE));
}

QString describe(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    return text;
}

// Connections opened by this process: names them, and tests count them.
QAtomicInteger<quint64> openCounter;

} // namespace

quint64 Connection::openedCount()
{
    return openCounter.loadRelaxed();
}

QString textValue(const QSqlQuery &query, int column)
{
    if (query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL && query.result()) {
        const QVariant handle = query.result()->handle();
        // The driver registers libpq's PGresult* under its struct's name.
        const bool pgResult = qstrcmp(handle.typeName(), "pg_result*") == 0 || qstrcmp(handle.typeName(), "PGresult*") == 0;
        if (handle.isValid() && pgResult) {
            const PGresult *result = *static_cast<PGresult *const *>(handle.constData());
            // Where QPSQLResult::data() reads the row (single-row mode when
            // forward-only).
            const int row = query.isForwardOnly() ? 0 : query.at();
            if (result && row >= 0 && row < PQntuples(result) && column >= 0 && column < PQnfields(result)) {
                if (PQgetisnull(result, row, column))
                    return {};
                QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
                return decoder.decode(QByteArrayView(PQgetvalue(result, row, column), PQgetlength(result, row, column)));
            }
        }
    }
    return query.value(column).toString();
}

Connection::Connection(const DatabaseLocation &location, Mode mode)
    : m_location(location)
    , m_dialect(location.kind == DatabaseLocation::Kind::SQLite ? SqlDialect::SQLite : SqlDialect::PostgreSQL)
    , m_thread(QThread::currentThread())
{
    m_name = QStringLiteral("findesk-%1").arg(openCounter.fetchAndAddRelaxed(1));

    {
        QSqlDatabase db;
        if (m_dialect == SqlDialect::SQLite) {
            const QFileInfo file(location.path);
            if (mode == Mode::MustExist && !file.exists())
                throw StorageError(tr("no database at %1 (create one with: findesk --db %1 init)").arg(location.displayName()));
            if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
                throw StorageError(tr("the Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite)"));
            if (file.exists())
                inspectSqlite(location, mode, m_name + QStringLiteral("-look"));
            else if (!QDir().mkpath(file.absolutePath()))
                throw StorageError(tr("cannot create the folder %1").arg(file.absolutePath()));
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            db.setDatabaseName(location.path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        } else {
            if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
                throw StorageError(tr("the Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql)"));
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            db.setHostName(location.host);
            db.setPort(location.port);
            db.setUserName(location.user);
            db.setPassword(location.password);
            db.setDatabaseName(location.database);
            db.setConnectOptions(QStringLiteral("connect_timeout=10"));
            // NUMERIC (exact quantities) as text, never through a double.
            db.setNumericalPrecisionPolicy(QSql::HighPrecision);
        }
        if (!db.open()) {
            const QString why = describe(db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_name);
            throw StorageError(tr("cannot open the database %1: %2").arg(location.displayName(), why));
        }
    }

    try {
        Schema::open(*this, mode == Mode::CreateIfMissing);
    } catch (...) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
        throw;
    }
}

void Connection::inspectSqlite(const DatabaseLocation &location, Mode mode, const QString &name)
{
    // A read-only look first: a file that is not a FinDesk database (an
    // empty one, another application's, a newer FinDesk's, a damaged
    // schema_info) is refused exactly as it was. Opening it read-write and
    // setting the pragmas would already switch it to WAL.
    const QFileInfo file(location.path);
    if (!file.isFile())
        throw StorageError(tr("cannot open the database %1: it is not a file").arg(location.displayName()));
    if (file.size() == 0) {
        // SQLite takes an empty file for an empty database; only a command
        // that creates one may make it FinDesk's.
        if (mode == Mode::MustExist)
            throw StorageError(tr("the file %1 is empty: it holds no FinDesk database (create one with: findesk --db %1 "
                                  "init); it was not changed").arg(location.displayName()));
        return;
    }
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            error = tr("cannot open the database %1: %2").arg(location.displayName(), describe(db.lastError()));
        } else {
            try {
                Schema::check(db, true, location.displayName(), mode == Mode::CreateIfMissing);
            } catch (const StorageError &e) {
                error = e.message();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        throw StorageError(error);
}

void Connection::checkExisting(const DatabaseLocation &location)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("findesk-check-%1").arg(counter.fetchAndAddRelaxed(1));
    if (location.kind == DatabaseLocation::Kind::SQLite) {
        if (!QFileInfo::exists(location.path))
            throw StorageError(tr("no database at %1 (create one with: findesk --db %1 init)").arg(location.displayName()));
        inspectSqlite(location, Mode::MustExist, name);
        return;
    }
    // PostgreSQL: a MustExist connection refuses before the first change
    // (it migrates an older FinDesk schema, as every open does).
    const Connection connection(location, Mode::MustExist);
}

Connection::~Connection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

void Connection::assertThread() const
{
    Q_ASSERT_X(QThread::currentThread() == m_thread, "Connection",
               "a database connection is used only by the thread that opened it");
}

QSqlDatabase Connection::database() const
{
    assertThread();
    return QSqlDatabase::database(m_name, false);
}

void Connection::fail(const QString &why, const QString &sql) const
{
    // PostgreSQL refuses every statement after an error until the rollback,
    // even the deallocation of the prepared statements being unwound: roll
    // back now, not when the Transaction goes out of scope.
    if (m_inTransaction && m_dialect == SqlDialect::PostgreSQL) {
        QSqlQuery rollback(database());
        rollback.exec(QStringLiteral("ROLLBACK"));
        m_inTransaction = false;
    }
    throw StorageError(tr("a database statement failed: %1\n%2").arg(why, sql.simplified()));
}

QSqlQuery Connection::prepare(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(describe(query.lastError()), sql);
    return query;
}

void Connection::exec(QSqlQuery &query) const
{
    if (m_dialect == SqlDialect::SQLite) {
        const QVariantList values = query.boundValues();
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QVariant &v = values.at(i);
            if (v.typeId() == QMetaType::QString && startsWithByteOrderMark(v.toString()))
                query.bindValue(int(i), QString(QChar(0xFEFF)) + v.toString());
        }
    }
    if (!query.exec())
        fail(describe(query.lastError()), query.lastQuery());
}

QSqlQuery Connection::exec(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        fail(describe(query.lastError()), sql);
    return query;
}

Transaction::Transaction(const Connection &connection)
    : m_connection(connection)
{
    Q_ASSERT_X(!connection.m_inTransaction, "Transaction", "transactions do not nest");
    m_connection.exec(m_connection.sql("BEGIN IMMEDIATE", "BEGIN"));
    m_connection.m_inTransaction = true;
}

Transaction::~Transaction()
{
    if (m_connection.m_inTransaction) {
        QSqlQuery rollback(m_connection.database());
        rollback.exec(QStringLiteral("ROLLBACK"));
        m_connection.m_inTransaction = false;
    }
}

void Transaction::commit()
{
    m_connection.exec(QStringLiteral("COMMIT"));
    m_connection.m_inTransaction = false;
}

ReadTransaction::ReadTransaction(const Connection &connection)
    : m_connection(connection)
{
    Q_ASSERT_X(!connection.m_inTransaction, "ReadTransaction", "transactions do not nest");
    m_connection.exec(m_connection.sql("BEGIN DEFERRED", "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    m_connection.m_inTransaction = true;
}

ReadTransaction::~ReadTransaction()
{
    if (m_connection.m_inTransaction) {
        QSqlQuery end(m_connection.database());
        end.exec(QStringLiteral("ROLLBACK"));
        m_connection.m_inTransaction = false;
    }
}
