#include "bigdatabase.h"

#include "storage/connection.h"

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QList>
#include <QRandomGenerator>

#include <sqlite3.h>

namespace BigDatabase {

QString instrument(int i)
{
    return QStringLiteral("XS%1").arg(i, 10, 10, QChar(u'0'));
}

void build(const QString &path, int days, int books, int perBook, int trades)
{
    {
        DatabaseLocation location;
        location.path = path;
        Connection c(location); // the schema
    }
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *book = nullptr, *header = nullptr, *row = nullptr, *trade = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO books (book_id, name) VALUES (?, ?)", -1, &book, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash) VALUES (?, ?, ?, ?, '')", -1, &header, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO snapshot_positions (snapshot_id, instrument_id, quantity, average_price, realized_pnl) VALUES (?, ?, ?, ?, ?)", -1, &row, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO trades (trade_id, book_id, instrument_id, quantity, price, trade_time) VALUES (?, ?, ?, ?, ?, ?)", -1, &trade, nullptr);
    QList<QByteArray> bookIds, instruments;
    for (int b = 0; b < books; ++b) {
        bookIds.append(QStringLiteral("BOOK-%1").arg(b, 2, 10, QChar(u'0')).toUtf8());
        sqlite3_bind_text(book, 1, bookIds.last().constData(), -1, SQLITE_STATIC);
        sqlite3_bind_text(book, 2, "benchmark book", -1, SQLITE_STATIC);
        sqlite3_step(book);
        sqlite3_reset(book);
    }
    for (int i = 0; i < perBook; ++i)
        instruments.append(instrument(i).toUtf8());
    QDate day(2025, 8, 1);
    QRandomGenerator random(3);
    for (int d = 0; d < days; ++d) {
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        const QByteArray date = day.toString(Qt::ISODate).toUtf8();
        for (int b = 0; b < books; ++b) {
            sqlite3_bind_text(header, 1, bookIds[b].constData(), -1, SQLITE_STATIC);
            sqlite3_bind_text(header, 2, date.constData(), -1, SQLITE_STATIC);
            sqlite3_bind_int64(header, 3, QDateTime(day, QTime(17, 0), Qt::UTC).toMSecsSinceEpoch());
            sqlite3_bind_int(header, 4, perBook);
            sqlite3_step(header);
            sqlite3_reset(header);
            const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
            for (int i = 0; i < perBook; ++i) {
                sqlite3_bind_int64(row, 1, id);
                sqlite3_bind_text(row, 2, instruments[i].constData(), int(instruments[i].size()), SQLITE_STATIC);
                sqlite3_bind_double(row, 3, 100.0 + random.bounded(10000));
                sqlite3_bind_double(row, 4, 99.0 + random.generateDouble());
                sqlite3_bind_double(row, 5, 0.0);
                sqlite3_step(row);
                sqlite3_reset(row);
            }
        }
        day = day.addDays(1);
    }
    const qint64 start = QDateTime(QDate(2025, 8, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    for (int t = 0; t < trades; ++t) {
        const QByteArray id = "T" + QByteArray::number(t);
        const QByteArray &iid = instruments[random.bounded(perBook)];
        sqlite3_bind_text(trade, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(trade, 2, bookIds[t % books].constData(), -1, SQLITE_STATIC);
        sqlite3_bind_text(trade, 3, iid.constData(), int(iid.size()), SQLITE_STATIC);
        sqlite3_bind_double(trade, 4, double(random.bounded(1, 1000)));
        sqlite3_bind_double(trade, 5, 90.0 + random.generateDouble() * 20);
        sqlite3_bind_int64(trade, 6, start + qint64(t) * 60000);
        sqlite3_step(trade);
        sqlite3_reset(trade);
    }
    for (sqlite3_stmt *s : {book, header, row, trade})
        sqlite3_finalize(s);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

} // namespace BigDatabase
