#pragma once

#include "bulkinsert.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QSqlQuery>
#include <QString>

#include <initializer_list>

class Connection;
struct sqlite3_stmt;
struct pg_result;

// Many rows out of one query, as fast as the backend allows: on SQLite one
// libsqlite3 statement on the connection's own handle, its columns read
// straight into QString, qint64 and double, without a QVariant per value
// (the reading side of BulkInsert), when that handle is ours to drive
// (BulkInsert::sqliteHandle(); else a forward-only QSqlQuery); on
// PostgreSQL a forward-only QSqlQuery whose rows are read from libpq's
// result (numbers parsed from its text), not through QVariant.
// Values are read by column index of the current row; text byte for byte
// (textValue()). Counts the rows it read.
class RowReader
{
    Q_DISABLE_COPY_MOVE(RowReader)

public:
    // Throws StorageError when the statement cannot be prepared or run.
    RowReader(const Connection &connection, const QString &sql, std::initializer_list<BulkInsert::Value> binds = {});
    ~RowReader();

    bool next();
    bool isNull(int column) const;
    QString text(int column) const;
    // The same, for a column whose values repeat from row to row (a
    // currency, a rating): equal to the previous row's, the same QString is
    // handed back, without decoding or allocating.
    QString sharedText(int column);
    qint64 integer(int column) const;
    double real(int column) const;
    // A calendar date column ({DATE}: ISO text in SQLite, DATE in PostgreSQL).
    QDate date(int column) const;

    qint64 rows() const { return m_rows; }

private:
    const Connection &m_connection;
    sqlite3_stmt *m_statement = nullptr;
    QSqlQuery m_query;
    const pg_result *m_pgResult = nullptr; // the current row's, in single-row mode
    struct Previous
    {
        bool valid = false;
        bool null = false;
        QByteArray bytes;
        QString text;
    };
    QHash<int, Previous> m_previous; // sharedText(): per column
    qint64 m_rows = 0;

    // PostgreSQL: the column's text in libpq's result; nullptr for NULL or
    // when the driver gives no result handle (then QVariant it is).
    const char *pgValue(int column, int *length = nullptr) const;
};
