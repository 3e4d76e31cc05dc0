#include "bulkinsert.h"

#include "connection.h"
#include "storageerror.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <utility>

#include <dlfcn.h>

namespace {

std::atomic<bool> forceQtSql{false};

// Whether the library that `driver`'s plugin calls for sqlite3_libversion
// is the one linked here: both hand out the address of their own copy of
// the version string. A plugin with SQLite compiled in either hides the
// symbol (nothing found) or has its own copy (another address).
bool pluginUsesOurLibrary(const QSqlDriver *driver)
{
    // The driver's vtable lives in the plugin that made it.
    Dl_info info;
    if (!dladdr(*reinterpret_cast<void *const *>(driver), &info) || !info.dli_fname)
        return false;
    void *plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!plugin)
        return false;
    using Version = const char *(*)();
    const auto theirs = reinterpret_cast<Version>(dlsym(plugin, "sqlite3_libversion"));
    const bool same = theirs && theirs() == sqlite3_libversion();
    dlclose(plugin);
    return same;
}

// The check, made once per process on the first connection that asks (the
// plugin is loaded once).
bool handleIsOurs(const Connection &connection)
{
    static const bool ours = [&connection] {
        if (!pluginUsesOurLibrary(connection.database().driver()))
            return false;
        QSqlQuery q(connection.database());
        return q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next()
            && q.value(0).toString() == QString::fromUtf8(sqlite3_sourceid());
    }();
    return ours;
}

} // namespace

void BulkInsert::forceQtSqlForTests(bool force)
{
    forceQtSql = force;
}

sqlite3 *BulkInsert::sqliteHandle(const Connection &connection)
{
    if (forceQtSql || !handleIsOurs(connection))
        return nullptr;
    const QVariant handle = connection.database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

QVariant BulkInsert::toVariant(const Value &value)
{
    return std::visit([](const auto &v) -> QVariant {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
            return QVariant(QMetaType::fromType<double>());
        else if constexpr (std::is_same_v<T, const QString *>)
            return *v;
        else
            return v;
    }, value.v);
}

void BulkInsert::bind(sqlite3_stmt *statement, int i, const Value &value, bool copyText)
{
    std::visit([statement, i, copyText](const auto &v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
            sqlite3_bind_null(statement, i);
        else if constexpr (std::is_same_v<T, qint64>)
            sqlite3_bind_int64(statement, i, v);
        else if constexpr (std::is_same_v<T, double>)
            sqlite3_bind_double(statement, i, v);
        else if (v->startsWith(QChar(0xFEFF)) || v->startsWith(QChar(0xFFFE)))
            // SQLite takes a leading U+FEFF or U+FFFE for a byte order
            // mark and drops it (Connection::exec): a native one in
            // front keeps the text whole.
            sqlite3_bind_text16(statement, i, (QChar(0xFEFF) + *v).constData(), int(v->size() + 1) * 2,
                                SQLITE_TRANSIENT);
        else
            sqlite3_bind_text16(statement, i, v->constData(), int(v->size() * 2), copyText ? SQLITE_TRANSIENT : SQLITE_STATIC);
    }, value.v);
}

BulkInsert::BulkInsert(const Connection &connection, const QString &table, const QStringList &columns,
                       const QString &suffix, int keyColumn)
    : m_connection(connection)
    , m_table(table)
    , m_columns(columns)
    , m_suffix(suffix)
    , m_keyColumn(keyColumn)
{
    if (connection.dialect() == SqlDialect::SQLite) {
        sqlite3 *db = sqliteHandle(connection);
        if (!db) {
            m_row = connection.prepare(insertSql(1));
            return;
        }
        const QByteArray sql = insertSql(1).toUtf8();
        if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_statement, nullptr) != SQLITE_OK)
            throw StorageError(QCoreApplication::translate("BulkInsert", "a database statement failed while %1: %2")
                                   .arg(Connection::describeStatement(QString::fromUtf8(sql)),
                                        QString::fromUtf8(sqlite3_errmsg(db))));
    } else if (m_suffix.isEmpty() && m_keyColumn < 0 && connection.canCopyIn()) {
        // Nothing to learn back from the database: COPY, which PostgreSQL
        // takes several times faster than INSERT … VALUES.
        m_copy = true;
    } else {
        m_fullBatch = connection.prepare(insertSql(BatchRows));
    }
}

BulkInsert::~BulkInsert()
{
    sqlite3_finalize(m_statement);
}

QString BulkInsert::insertSql(int rows) const
{
    const QString one = u'(' + QStringList(m_columns.size(), QStringLiteral("?")).join(u',') + u')';
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(m_table, m_columns.join(QStringLiteral(", ")));
    sql += QStringList(rows, one).join(u',');
    if (!m_suffix.isEmpty())
        sql += u' ' + m_suffix;
    // The inserted keys come back as the hex of their bytes: QPSQL decodes
    // text with QString::fromUtf8, which drops a leading U+FEFF, and a key
    // that comes back other than it went would count as not inserted.
    if (m_connection.dialect() == SqlDialect::PostgreSQL && m_keyColumn >= 0)
        sql += QStringLiteral(" RETURNING encode(convert_to(%1, 'UTF8'), 'hex')").arg(m_columns.at(m_keyColumn));
    return sql;
}

void BulkInsert::add(std::initializer_list<Value> row)
{
    Q_ASSERT(qsizetype(row.size()) == m_columns.size());
    const qsizetype index = m_rows++;
    if (m_statement) {
        int i = 1;
        for (const Value &value : row)
            bind(m_statement, i++, value);
        const int rc = sqlite3_step(m_statement);
        sqlite3 *db = sqlite3_db_handle(m_statement);
        if (rc != SQLITE_DONE) {
            const QString why = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_reset(m_statement);
            throw StorageError(QCoreApplication::translate("BulkInsert", "a database statement failed while %1: %2")
                                   .arg(Connection::describeStatement(QString::fromUtf8(sqlite3_sql(m_statement))), why));
        }
        if (sqlite3_changes(db) == 0)
            m_skipped.append(index);
        sqlite3_reset(m_statement);
        return;
    }
    if (m_connection.dialect() == SqlDialect::SQLite) {
        // Through QtSql: the same row, a step of the same transaction.
        int i = 0;
        for (const Value &value : row)
            m_row.bindValue(i++, toVariant(value));
        m_connection.exec(m_row);
        if (m_row.numRowsAffected() == 0)
            m_skipped.append(index);
        return;
    }
    if (m_copy) {
        bool first = true;
        for (const Value &value : row) {
            if (!std::exchange(first, false))
                m_copyRows += '\t';
            appendCopyValue(value);
        }
        m_copyRows += '\n';
        if (m_copyRows.size() >= CopyBytes)
            flushCopy();
        return;
    }
    for (const Value &value : row)
        m_pending.append(toVariant(value));
    if (m_keyColumn >= 0)
        m_pendingKeys.append(QString::fromLatin1(
            m_pending.at(m_pending.size() - m_columns.size() + m_keyColumn).toString().toUtf8().toHex()));
    if (m_pending.size() == BatchRows * m_columns.size())
        flush();
}

void BulkInsert::finish()
{
    if (m_copy)
        flushCopy();
    else if (m_connection.dialect() == SqlDialect::PostgreSQL && !m_pending.isEmpty())
        flush();
}

void BulkInsert::appendCopyValue(const Value &value)
{
    std::visit([this](const auto &v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
            m_copyRows += "\\N";
        } else if constexpr (std::is_same_v<T, qint64>) {
            m_copyRows += QByteArray::number(v);
        } else if constexpr (std::is_same_v<T, double>) {
            // The shortest digits that read back as the same double, as
            // QtSql sends a bound double.
            if (std::isnan(v)) {
                m_copyRows += "NaN";
            } else if (std::isinf(v)) {
                m_copyRows += v < 0 ? "-Infinity" : "Infinity";
            } else {
                char digits[32];
                const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
                m_copyRows.append(digits, end - digits);
            }
        } else if (v->isNull()) {
            m_copyRows += "\\N"; // as QtSql binds a null QString
        } else {
            // COPY's text format: backslash escapes the separators and itself.
            for (const char c : v->toUtf8()) {
                switch (c) {
                case '\\': m_copyRows += "\\\\"; break;
                case '\t': m_copyRows += "\\t"; break;
                case '\n': m_copyRows += "\\n"; break;
                case '\r': m_copyRows += "\\r"; break;
                default: m_copyRows += c;
                }
            }
        }
    }, value.v);
}

void BulkInsert::flushCopy()
{
    if (m_copyRows.isEmpty())
        return;
    if (!m_connection.copyIn(m_table, m_columns, m_copyRows))
        throw StorageError(QCoreApplication::translate("BulkInsert",
            "cannot write to %1: the connection is still reading another query").arg(m_table));
    m_copyRows.clear();
}

void BulkInsert::flush()
{
    const int rows = int(m_pending.size() / m_columns.size());
    QSqlQuery partial;
    QSqlQuery *query = &m_fullBatch;
    if (rows != BatchRows) {
        partial = m_connection.prepare(insertSql(rows));
        query = &partial;
    }
    for (int i = 0; i < m_pending.size(); ++i)
        query->bindValue(i, m_pending.at(i));
    m_connection.exec(*query);
    if (m_keyColumn >= 0) {
        // A key comes back once per row inserted. Two rows of one batch with
        // the same key are one insert and one conflict (the statement takes
        // its rows in order, as SQLite does row by row): each returned key
        // matches the first pending row that has it, the second is skipped.
        QHash<QString, int> inserted;
        while (m_connection.next(*query))
            ++inserted[query->value(0).toString()];
        const qsizetype first = m_rows - rows;
        for (int r = 0; r < rows; ++r) {
            const auto it = inserted.find(m_pendingKeys.at(r));
            if (it == inserted.end() || *it == 0)
                m_skipped.append(first + r);
            else
                --*it;
        }
    }
    query->finish();
    m_pending.clear();
    m_pendingKeys.clear();
}
