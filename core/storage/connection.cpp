#include "connection.h"

#include "schema.h"
#include "statementwatchdog.h"
#include "storageerror.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
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

// libpq's connection under QPSQL's handle, registered under its struct's name.
PGconn *pgConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

// The client's deadline comes this long after the server's own
// statement_timeout: a server that answers cancels the statement itself and
// the connection stays usable; only one that does not answer is cut off.
constexpr std::chrono::seconds ClientGrace{1};

// A failed COPY's message and detail, without its context, which quotes
// the row.
QString copyError(const PGresult *result)
{
    QString why = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
        why += u' ' + QString::fromUtf8(detail);
    return why.trimmed();
}

// PostgreSQL's SQLSTATE for a statement the server cancelled
// (statement_timeout).
const QLatin1StringView QueryCanceled("57014");

} // namespace

quint64 Connection::openedCount()
{
    return openCounter.loadRelaxed();
}

// Arms the connection's watchdog for one statement (or one fetch).
class Connection::Deadline
{
    Q_DISABLE_COPY_MOVE(Deadline)

public:
    explicit Deadline(const Connection &connection)
        : m_connection(connection)
    {
        if (m_connection.m_watchdog)
            m_connection.m_watchdog->arm(m_connection.m_timeout + ClientGrace);
    }
    ~Deadline()
    {
        if (m_connection.m_watchdog && m_connection.m_watchdog->disarm())
            m_connection.m_timedOut = true;
    }

private:
    const Connection &m_connection;
};

std::chrono::seconds Connection::statementTimeout()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("FINDESK_STATEMENT_TIMEOUT", &ok);
    return std::chrono::seconds(ok && seconds >= 0 ? seconds : 60);
}

QString Connection::describeStatement(const QString &sql)
{
    const QString text = sql.simplified();
    // The statements of the storage classes begin with their operation and
    // table; a name may be quoted or schema-qualified.
    static const QRegularExpression known(QStringLiteral(
        R"(^(?:WITH\b.*?\)\s*)?(INSERT INTO|COPY|UPDATE|DELETE FROM|SELECT\b.*?\bFROM|CREATE TABLE|CREATE INDEX\s+\S+\s+ON|DROP TABLE(?: IF EXISTS)?|ALTER TABLE)\s+([\w."]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = known.match(text);
    if (m.hasMatch()) {
        const QString verb = m.captured(1).section(u' ', 0, 0).toUpper();
        const QString table = m.captured(2);
        if (verb == u"INSERT" || verb == u"COPY")
            return tr("inserting into %1").arg(table);
        if (verb == u"UPDATE")
            return tr("updating %1").arg(table);
        if (verb == u"DELETE")
            return tr("deleting from %1").arg(table);
        if (verb == u"SELECT")
            return tr("reading %1").arg(table);
        return tr("changing the schema (%1)").arg(table);
    }
    if (text.startsWith(u"COMMIT", Qt::CaseInsensitive))
        return tr("committing");
    if (text.startsWith(u"BEGIN", Qt::CaseInsensitive))
        return tr("starting a transaction");
    constexpr qsizetype Max = 80;
    return tr("running \"%1\"").arg(text.size() <= Max ? text : text.left(Max - 1) + QChar(0x2026));
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
            // A server that goes away without closing the connection (a
            // crash, a cable, a firewall dropping it) is noticed by TCP
            // keepalives within about a minute, not after the kernel's two
            // hours; a frozen one by the statement deadline (startSession).
            db.setConnectOptions(QStringLiteral(
                "connect_timeout=10;keepalives=1;keepalives_idle=30;keepalives_interval=10;keepalives_count=3"));
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
        startSession();
        Schema::open(*this, mode == Mode::CreateIfMissing);
        releasePageCache(); // what a migration wrote
    } catch (...) {
        m_watchdog.reset(); // before its socket is closed, as in the destructor
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
        throw;
    }
}

void Connection::startSession()
{
    if (m_dialect != SqlDialect::PostgreSQL)
        return;
    m_timeout = statementTimeout();
    if (m_timeout.count() == 0)
        return;
    if (PGconn *pg = pgConnection(database()); pg && PQsocket(pg) >= 0)
        m_watchdog = std::make_unique<StatementWatchdog>(PQsocket(pg));
    exec(QStringLiteral("SET statement_timeout = %1").arg(qint64(m_timeout.count()) * 1000));
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
    // Before the socket is closed: the watchdog must never shut down a
    // number the system may hand to another connection.
    m_watchdog.reset();
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

bool Connection::isUsable() const
{
    if (m_lost)
        return false;
    const QSqlDatabase db = database();
    if (m_dialect == SqlDialect::PostgreSQL) {
        PGconn *pg = pgConnection(db);
        return pg && PQstatus(pg) == CONNECTION_OK;
    }
    return db.isOpen();
}

void Connection::fail(const QSqlError &error, const QString &sql) const
{
    fail(describe(error), error.nativeErrorCode(), sql);
}

void Connection::fail(const QString &why, const QString &code, const QString &sql) const
{
    const QString what = describeStatement(sql);
    if (m_dialect == SqlDialect::PostgreSQL && (m_timedOut || !isUsable())) {
        // The server rolls back the transaction of a closed connection;
        // there is nothing left to roll back here, and nothing to send.
        m_lost = true;
        m_inTransaction = false;
        if (m_timedOut)
            throw StorageError(tr("the PostgreSQL server at %1:%2 did not answer within %3 s while %4")
                                   .arg(m_location.host).arg(m_location.port).arg(m_timeout.count()).arg(what));
        throw StorageError(tr("the connection to the PostgreSQL server at %1:%2 was lost while %3: %4")
                               .arg(m_location.host).arg(m_location.port).arg(what, why));
    }
    // PostgreSQL refuses every statement after an error until the rollback,
    // even the deallocation of the prepared statements being unwound: roll
    // back now, not when the Transaction goes out of scope.
    if (m_inTransaction && m_dialect == SqlDialect::PostgreSQL) {
        QSqlQuery rollback(database());
        const Deadline deadline(*this);
        rollback.exec(QStringLiteral("ROLLBACK"));
        m_inTransaction = false;
    }
    if (m_dialect == SqlDialect::PostgreSQL && code == QueryCanceled)
        throw StorageError(tr("the PostgreSQL server at %1:%2 did not finish within %3 s while %4 (FINDESK_STATEMENT_TIMEOUT)")
                               .arg(m_location.host).arg(m_location.port).arg(m_timeout.count()).arg(what));
    throw StorageError(tr("a database statement failed while %1: %2").arg(what, why));
}

QSqlQuery Connection::prepare(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    bool ok;
    {
        const Deadline deadline(*this);
        ok = query.prepare(sql);
    }
    if (!ok)
        fail(query.lastError(), sql);
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
    bool ok;
    {
        const Deadline deadline(*this);
        ok = query.exec();
    }
    if (!ok)
        fail(query.lastError(), query.lastQuery());
}

QSqlQuery Connection::exec(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    bool ok;
    {
        const Deadline deadline(*this);
        ok = query.exec(sql);
    }
    if (!ok)
        fail(query.lastError(), sql);
    return query;
}

bool Connection::canCopyIn() const
{
    PGconn *pg = m_dialect == SqlDialect::PostgreSQL ? pgConnection(database()) : nullptr;
    if (!pg)
        return false;
    // QPSQL reads the results of a forward-only query lazily (single-row
    // mode), so libpq stays busy after it until the next query, which
    // discards what is left. A statement through QtSql, finished, does
    // just that and leaves libpq idle, as any next INSERT would.
    if (PQtransactionStatus(pg) == PQTRANS_ACTIVE) {
        QSqlQuery settle = exec(QStringLiteral("SELECT 1"));
        settle.finish();
    }
    return PQtransactionStatus(pg) == PQTRANS_INTRANS;
}

bool Connection::copyIn(const QString &table, const QStringList &columns, const QByteArray &rows) const
{
    if (!canCopyIn())
        return false;
    PGconn *pg = pgConnection(database());
    const QString sql = QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, columns.join(QStringLiteral(", ")));
    QString why;
    QString code;
    {
        const Deadline deadline(*this);
        PGresult *start = PQexec(pg, sql.toUtf8().constData());
        const bool copying = PQresultStatus(start) == PGRES_COPY_IN;
        if (!copying) {
            why = copyError(start);
            code = QString::fromLatin1(PQresultErrorField(start, PG_DIAG_SQLSTATE));
        }
        PQclear(start);
        if (copying) {
            // libpq queues what the socket does not take at once; 1 MB at a
            // time keeps that bounded.
            constexpr qsizetype Chunk = 1 << 20;
            bool sent = true;
            for (qsizetype at = 0; sent && at < rows.size(); at += Chunk)
                sent = PQputCopyData(pg, rows.constData() + at, int(qMin(Chunk, rows.size() - at))) == 1;
            PQputCopyEnd(pg, sent ? nullptr : "not sent");
        }
        while (PGresult *result = PQgetResult(pg)) {
            if (PQresultStatus(result) != PGRES_COMMAND_OK && why.isEmpty()) {
                why = copyError(result);
                code = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
            }
            PQclear(result);
        }
        if (!copying && why.isEmpty())
            why = QString::fromUtf8(PQerrorMessage(pg)).trimmed();
    }
    if (!why.isEmpty())
        fail(why, code, sql);
    return true;
}

bool Connection::next(QSqlQuery &query) const
{
    bool ok;
    {
        const Deadline deadline(*this);
        ok = query.next();
    }
    if (!ok && query.lastError().isValid())
        fail(query.lastError(), query.lastQuery());
    return ok;
}

Transaction::Transaction(const Connection &connection)
    : m_connection(connection)
{
    Q_ASSERT_X(!connection.m_inTransaction, "Transaction", "transactions do not nest");
    m_connection.exec(m_connection.sql("BEGIN IMMEDIATE", "BEGIN"));
    m_connection.m_inTransaction = true;
    if (!m_connection.m_cacheRaised) {
        m_connection.setPageCache(Connection::WriteCacheKiB);
        m_connection.m_cacheRaised = true;
    }
}

Transaction::~Transaction()
{
    if (m_connection.m_inTransaction) {
        // A lost connection's transaction was rolled back by the server.
        if (!m_connection.m_lost) {
            QSqlQuery rollback(m_connection.database());
            const Connection::Deadline deadline(m_connection);
            rollback.exec(QStringLiteral("ROLLBACK"));
        }
        m_connection.m_inTransaction = false;
    }
}

void Transaction::commit()
{
    m_connection.exec(QStringLiteral("COMMIT"));
    m_connection.m_inTransaction = false;
}

void Connection::setPageCache(int kib) const
{
    // Lowering it frees the pages over the new size at once. Not worth an
    // error: a connection that cannot take it keeps the size it had.
    if (m_dialect == SqlDialect::SQLite && !m_lost) {
        QSqlQuery pragma(database());
        pragma.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(kib));
    }
}

void Connection::releasePageCache() const
{
    if (std::exchange(m_cacheRaised, false))
        setPageCache(ReadCacheKiB);
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
        // A lost connection's transaction was rolled back by the server.
        if (!m_connection.m_lost) {
            QSqlQuery end(m_connection.database());
            const Connection::Deadline deadline(m_connection);
            end.exec(QStringLiteral("ROLLBACK"));
        }
        m_connection.m_inTransaction = false;
    }
}
