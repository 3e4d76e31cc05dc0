#include "rowreader.h"

#include "connection.h"
#include "storageerror.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlResult>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>

RowReader::RowReader(const Connection &connection, const QString &sql, std::initializer_list<BulkInsert::Value> binds)
    : m_connection(connection)
{
    sqlite3 *db = connection.dialect() == SqlDialect::SQLite ? BulkInsert::sqliteHandle(connection) : nullptr;
    if (db) {
        const QByteArray text = sql.toUtf8();
        if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &m_statement, nullptr) != SQLITE_OK)
            throw StorageError(QCoreApplication::translate("BulkInsert", "a database statement failed while %1: %2")
                                   .arg(Connection::describeStatement(sql), QString::fromUtf8(sqlite3_errmsg(db))));
        int i = 1;
        for (const BulkInsert::Value &value : binds)
            BulkInsert::bind(m_statement, i++, value, true);
        return;
    }
    // PostgreSQL, or SQLite whose handle is not ours to drive: QtSql.
    m_query = connection.prepare(sql);
    int i = 0;
    for (const BulkInsert::Value &value : binds)
        m_query.bindValue(i++, BulkInsert::toVariant(value));
    connection.exec(m_query);
}

RowReader::~RowReader()
{
    sqlite3_finalize(m_statement);
}

bool RowReader::next()
{
    if (!m_statement) {
        m_pgResult = nullptr;
        // Through the connection: the fetch waits on the server (single-row
        // mode), under the statement deadline, and a lost connection
        // throws instead of ending the rows early.
        if (!m_connection.next(m_query))
            return false;
        ++m_rows;
        // The driver registers libpq's PGresult* under its struct's name
        // (as textValue() reads it).
        const QVariant handle = m_query.result() ? m_query.result()->handle() : QVariant();
        if (handle.isValid()
            && (qstrcmp(handle.typeName(), "pg_result*") == 0 || qstrcmp(handle.typeName(), "PGresult*") == 0)) {
            const PGresult *result = *static_cast<PGresult *const *>(handle.constData());
            if (result && PQntuples(result) == 1)
                m_pgResult = result;
        }
        return true;
    }
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        ++m_rows;
        return true;
    }
    if (rc != SQLITE_DONE) {
        throw StorageError(QCoreApplication::translate("BulkInsert", "a database statement failed while %1: %2")
                               .arg(Connection::describeStatement(QString::fromUtf8(sqlite3_sql(m_statement))),
                                    QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)))));
    }
    return false;
}

bool RowReader::isNull(int column) const
{
    if (m_statement)
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    if (m_pgResult && column >= 0 && column < PQnfields(m_pgResult))
        return PQgetisnull(m_pgResult, 0, column);
    return m_query.isNull(column);
}

QString RowReader::text(int column) const
{
    if (m_statement) {
        // The stored UTF-8, decoded by Qt (many times faster than SQLite's
        // own conversion to UTF-16), unless it starts with a U+FEFF, which
        // part of Qt's decoding takes for a byte order mark: then as QSQLITE
        // reads it, through SQLite's UTF-16.
        const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        if (!utf8)
            return QString();
        const int size = sqlite3_column_bytes(m_statement, column);
        if (size < 3 || qstrncmp(utf8, "\xEF\xBB\xBF", 3) != 0)
            return QString::fromUtf8(utf8, size);
        const void *data = sqlite3_column_text16(m_statement, column);
        const int bytes = sqlite3_column_bytes16(m_statement, column);
        return data ? QString(static_cast<const QChar *>(data), bytes / int(sizeof(QChar))) : QString();
    }
    return textValue(m_query, column);
}

QString RowReader::sharedText(int column)
{
    Previous &previous = m_previous[column];
    if (m_statement) {
        // Compared as the stored UTF-8, which SQLite hands out as it is.
        const bool null = sqlite3_column_type(m_statement, column) == SQLITE_NULL;
        const auto *data = null ? nullptr : reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        const QByteArrayView stored(data, null ? 0 : sqlite3_column_bytes(m_statement, column));
        if (previous.valid && previous.null == null && stored == previous.bytes)
            return previous.text;
        previous = {true, null, stored.toByteArray(), null ? QString() : text(column)};
        return previous.text;
    }
    return text(column);
}

const char *RowReader::pgValue(int column, int *length) const
{
    if (!m_pgResult || column < 0 || column >= PQnfields(m_pgResult) || PQgetisnull(m_pgResult, 0, column))
        return nullptr;
    if (length)
        *length = PQgetlength(m_pgResult, 0, column);
    return PQgetvalue(m_pgResult, 0, column);
}

qint64 RowReader::integer(int column) const
{
    if (m_statement)
        return sqlite3_column_int64(m_statement, column);
    int length = 0;
    if (const char *text = pgValue(column, &length)) {
        qint64 value = 0;
        if (std::from_chars(text, text + length, value).ec == std::errc())
            return value;
    }
    return m_query.value(column).toLongLong();
}

double RowReader::real(int column) const
{
    if (m_statement)
        return sqlite3_column_double(m_statement, column);
    // PostgreSQL writes a double's shortest exact digits (or Infinity,
    // NaN), which from_chars reads back to the same double.
    int length = 0;
    if (const char *text = pgValue(column, &length)) {
        double value = 0;
        if (std::from_chars(text, text + length, value).ec == std::errc())
            return value;
    }
    return m_query.value(column).toDouble();
}

QDate RowReader::date(int column) const
{
    if (m_statement)
        return isNull(column) ? QDate() : QDate::fromString(text(column), Qt::ISODate);
    return m_query.value(column).toDate();
}
