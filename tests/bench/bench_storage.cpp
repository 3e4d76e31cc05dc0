// Storage against DESIGN.md §5, on SQLite, with bare libsqlite3 as the
// yardstick:
//   store a 100,000-position snapshot      ≤ 1.5 × a bare prepared insert
//   store it again, nothing changed        ≤ 20 ms
//   import 1,000,000 trades                 ≤ 2 × a bare insert of the rows
//   load one EOD (2,000 rows) of 10,000,000 ≤ 5 ms
// Usage: bench_storage [--quick] [--big-db PATH] [--postgresql-only]  (the 10M-row database is
// built once at PATH and reused; --quick uses a tenth of every size).
// With FINDESK_BENCH_PG_URL=postgresql://… (a scratch database: FinDesk's
// schema is created in it, book BIG's snapshots are replaced and tables
// bench_copy and bench_copy_fk are made and dropped), also the
// 100,000-position snapshot on
// PostgreSQL, with a bare libpq COPY … FROM STDIN of the same rows as the
// yardstick.

#include "benchutil.h"
#include "bigdatabase.h"
#include "domain/desktime.h"
#include "services/tradeimport.h"
#include "storage/connection.h"
#include "storage/snapshotstore.h"
#include "storage/tradestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QTemporaryDir>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace {

bool quick = false;

int scaled(int n)
{
    return quick ? n / 10 : n;
}

QString instrument(int i)
{
    return BigDatabase::instrument(i);
}

PositionSnapshot bigSnapshot(int count, const QDateTime &at, double bump = 0.0)
{
    PositionSnapshot s;
    s.bookId = QStringLiteral("BIG");
    s.instant = at;
    s.businessDate = at.date();
    s.positions.reserve(count);
    QRandomGenerator random(7);
    for (int i = 0; i < count; ++i)
        s.positions.append({s.bookId, instrument(i), Quantity::units(1000 + random.bounded(100000)), 50.0 + random.generateDouble() * 100 + bump,
                            random.generateDouble() * 1000});
    return s;
}

// The database as Connection opens it: the same pragmas.
sqlite3 *openBare(const QString &path)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536",
                 nullptr, nullptr, nullptr);
    return db;
}

// The yardstick: libsqlite3 straight, same schema and pragmas, one
// transaction, one prepared statement reused.
double bareInsertPositions(const QString &path, const PositionSnapshot &s)
{
    sqlite3 *db = openBare(path);
    QElapsedTimer t;
    t.start();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash)"
                     " VALUES ('BIG', '2026-07-24', 0, 0, '')", nullptr, nullptr, nullptr);
    const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO snapshot_positions (snapshot_id, instrument_id, quantity, average_price, realized_pnl)"
                           " VALUES (?, ?, ?, ?, ?)", -1, &stmt, nullptr);
    for (const Position &p : s.positions) {
        const QByteArray iid = p.instrumentId.toUtf8();
        sqlite3_bind_int64(stmt, 1, id);
        sqlite3_bind_text(stmt, 2, iid.constData(), int(iid.size()), SQLITE_TRANSIENT);
        const QByteArray quantity = p.quantity.toString().toUtf8(); // stored as exact decimal text
        sqlite3_bind_text(stmt, 3, quantity.constData(), int(quantity.size()), SQLITE_TRANSIENT);
        sqlite3_bind_double(stmt, 4, p.averagePrice);
        sqlite3_bind_double(stmt, 5, p.realizedPnl);
        sqlite3_step(stmt);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double elapsed = Bench::seconds(t);
    sqlite3_close(db);
    return elapsed;
}

double bareInsertTrades(const QString &path, const TradeList &trades)
{
    sqlite3 *db = openBare(path);
    QElapsedTimer t;
    t.start();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "INSERT INTO books (book_id) VALUES ('B00'), ('B01'), ('B02'), ('B03'), ('B04'), ('B05'), ('B06'), ('B07'), ('B08'), ('B09')",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO trades (trade_id, book_id, instrument_id, quantity, price, trade_time) VALUES (?, ?, ?, ?, ?, ?)",
                       -1, &stmt, nullptr);
    for (const Trade &tr : trades) {
        const QByteArray id = tr.tradeId.toUtf8(), book = tr.bookId.toUtf8(), iid = tr.instrumentId.toUtf8();
        sqlite3_bind_text(stmt, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, book.constData(), int(book.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, iid.constData(), int(iid.size()), SQLITE_TRANSIENT);
        const QByteArray quantity = tr.quantity.toString().toUtf8();
        sqlite3_bind_text(stmt, 4, quantity.constData(), int(quantity.size()), SQLITE_TRANSIENT);
        sqlite3_bind_double(stmt, 5, tr.price);
        sqlite3_bind_int64(stmt, 6, tr.tradeTime.toMSecsSinceEpoch());
        sqlite3_step(stmt);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double elapsed = Bench::seconds(t);
    sqlite3_close(db);
    return elapsed;
}

QString freshDatabase(const QTemporaryDir &dir, const QString &name)
{
    DatabaseLocation location;
    location.path = dir.filePath(name);
    Connection c(location); // creates the schema
    c.exec(QStringLiteral("INSERT INTO books (book_id) VALUES ('BIG')"));
    return location.path;
}

void snapshots(const QTemporaryDir &dir)
{
    const int count = scaled(100000);
    const QDateTime at(QDate(2026, 7, 24), QTime(17, 0), Qt::UTC);
    const PositionSnapshot snapshot = bigSnapshot(count, at);

    // Alternate runs so the disk cache favours neither; keep the best of 3.
    double bare = 1e300, ours = 1e300, again = 1e300, replaced = 1e300;
    for (int run = 0; run < 3; ++run) {
        bare = std::min(bare, bareInsertPositions(freshDatabase(dir, QStringLiteral("bare%1.sqlite").arg(run)), snapshot));
        DatabaseLocation location;
        location.path = freshDatabase(dir, QStringLiteral("ours%1.sqlite").arg(run));
        Connection c(location);
        SnapshotStore store(c);
        QElapsedTimer t;
        t.start();
        store.store(snapshot);
        ours = std::min(ours, Bench::seconds(t));

        PositionSnapshot later = snapshot;
        later.instant = at.addSecs(600);
        t.restart();
        const auto outcome = store.store(later);
        again = std::min(again, Bench::seconds(t));
        Q_ASSERT(outcome.outcome == SnapshotStore::Outcome::InstantMoved);

        const PositionSnapshot changed = bigSnapshot(count, at.addSecs(1200), 0.5);
        t.restart();
        store.store(changed);
        replaced = std::min(replaced, Bench::seconds(t));
    }
    std::printf("\n%d-position snapshot, SQLite (best of 3)\n", count);
    Bench::report("bare libsqlite3 prepared insert", bare, "s");
    Bench::report("SnapshotStore::store, first of the day", ours, "s");
    Bench::report("  ratio to bare", ours / bare, "x", "target <= 1.5");
    Bench::report("SnapshotStore::store again, nothing changed", again * 1000, "ms", "target <= 20");
    Bench::report("SnapshotStore::store, every row changed (replace)", replaced, "s");
}

void import(const QTemporaryDir &dir)
{
    const int count = scaled(1000000);
    QRandomGenerator random(11);
    TradeList trades;
    trades.reserve(count);
    QByteArray csv = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";
    csv.reserve(qsizetype(count) * 72);
    const QDateTime start(QDate(2026, 1, 2), QTime(8, 0), Qt::UTC);
    for (int i = 0; i < count; ++i) {
        Trade t;
        t.tradeId = QStringLiteral("T%1").arg(i, 9, 10, QChar(u'0'));
        t.bookId = QStringLiteral("B%1").arg(i % 10, 2, 10, QChar(u'0'));
        t.instrumentId = instrument(random.bounded(2000));
        t.quantity = Quantity::units(random.bounded(1, 1000) * (random.bounded(3) == 0 ? -1 : 1));
        t.price = double(random.bounded(1000, 20000)) / 100.0;
        t.tradeTime = start.addSecs(i * 17);
        csv += t.tradeId.toUtf8() + ',' + t.bookId.toUtf8() + ',' + t.instrumentId.toUtf8() + ','
               + t.quantity.toString().toUtf8() + ',' + QByteArray::number(t.price) + ','
               + DeskTime::formatInstant(t.tradeTime).toUtf8() + '\n';
        trades.append(t);
    }

    const double bare = bareInsertTrades(freshDatabase(dir, QStringLiteral("trades-bare.sqlite")), trades);
    DatabaseLocation location;
    location.path = freshDatabase(dir, QStringLiteral("trades-ours.sqlite"));
    Connection c(location);
    QElapsedTimer t;
    t.start();
    const auto result = TradeImport::importCsv(c, QStringLiteral("trades.csv"), csv);
    const double ours = Bench::seconds(t);
    Q_ASSERT(!result.error && result.inserted == count);
    t.restart();
    const auto again = TradeImport::importCsv(c, QStringLiteral("trades.csv"), csv);
    const double reimport = Bench::seconds(t);
    Q_ASSERT(again.skipped == count);
    t.restart();
    const auto books = TradeStore(c).positionsAsOf(start.addYears(1));
    const double fold = Bench::seconds(t);

    std::printf("\n%d trades, SQLite\n", count);
    Bench::report("bare libsqlite3 prepared insert of the rows", bare, "s");
    Bench::report("import-trades (parse, validate, insert)", ours, "s");
    Bench::report("  ratio to bare", ours / bare, "x", "target <= 2");
    Bench::report("re-import, every trade already stored", reimport, "s");
    Bench::report("fold the whole log into positions", fold, "s");
    Q_UNUSED(books);
}

void loadOneDay(const QString &bigPath)
{
    const int days = scaled(250), books = 20, perBook = 2000;
    if (!QFile::exists(bigPath)) {
        std::printf("\nbuilding %s: %d days x %d books x %d positions (once)...\n", qPrintable(bigPath), days, books, perBook);
        QElapsedTimer t;
        t.start();
        BigDatabase::build(bigPath, days, books, perBook, 0);
        Bench::report("  built in", Bench::seconds(t), "s");
    }
    DatabaseLocation location;
    location.path = bigPath;
    Connection c(location);
    SnapshotStore store(c);
    const auto all = store.list(QStringLiteral("BOOK-07"), {}, {}, false);
    QRandomGenerator random(5);
    QList<double> times;
    qsizetype rows = 0;
    for (int i = 0; i < 50; ++i) {
        const SnapshotSummary &pick = all.at(random.bounded(int(all.size())));
        QElapsedTimer t;
        t.start();
        const auto snapshot = store.load(pick.bookId, pick.businessDate);
        times.append(Bench::seconds(t));
        rows = snapshot->positions.size();
    }
    std::sort(times.begin(), times.end());
    QElapsedTimer t;
    t.start();
    const auto listed = store.list(QStringLiteral("BOOK-07"), {}, {}, true);
    const double listing = Bench::seconds(t);
    QSqlQuery count = c.exec(QStringLiteral("SELECT COUNT(*) FROM snapshot_positions"));
    count.next();
    std::printf("\nend-of-day history: %lld rows in snapshot_positions\n", count.value(0).toLongLong());
    Bench::report(qPrintable(QStringLiteral("load one EOD (%1 rows), median of 50").arg(rows)), times[times.size() / 2] * 1000, "ms", "target <= 5");
    Bench::report("  worst of 50", times.last() * 1000, "ms");
    Bench::report(qPrintable(QStringLiteral("list one book's %1 EODs with net/gross values").arg(listed.size())), listing * 1000, "ms");
}

// The yardstick on PostgreSQL: the same rows as text, one COPY … FROM
// STDIN into a table shaped as snapshot_positions (its types, checks,
// primary key and, with `table` bench_copy_fk, its foreign key to
// snapshots: row `snapshotId`), in one transaction, on a libpq connection
// of its own.
double bareCopyPositions(PGconn *pg, const char *table, qint64 snapshotId, const PositionSnapshot &s)
{
    const QByteArray id = QByteArray::number(snapshotId);
    PQclear(PQexec(pg, (QByteArray("TRUNCATE ") + table).constData()));
    QElapsedTimer t;
    t.start();
    PQclear(PQexec(pg, "BEGIN"));
    const QByteArray copySql = QByteArray("COPY ") + table
        + " (snapshot_id, instrument_id, quantity, average_price, realized_pnl) FROM STDIN";
    PGresult *copy = PQexec(pg, copySql.constData());
    if (PQresultStatus(copy) != PGRES_COPY_IN)
        qFatal("COPY: %s", PQerrorMessage(pg));
    PQclear(copy);
    QByteArray chunk;
    chunk.reserve(1 << 20);
    for (const Position &p : s.positions) {
        // Ids of the bench need no COPY escaping.
        chunk += id + '\t' + p.instrumentId.toUtf8() + '\t' + p.quantity.toString().toUtf8() + '\t'
                 + QByteArray::number(p.averagePrice, 'g', 17) + '\t' + QByteArray::number(p.realizedPnl, 'g', 17) + '\n';
        if (chunk.size() > (1 << 20) - 256) {
            PQputCopyData(pg, chunk.constData(), int(chunk.size()));
            chunk.clear();
        }
    }
    PQputCopyData(pg, chunk.constData(), int(chunk.size()));
    PQputCopyEnd(pg, nullptr);
    PGresult *done = PQgetResult(pg);
    if (PQresultStatus(done) != PGRES_COMMAND_OK)
        qFatal("COPY: %s", PQerrorMessage(pg));
    PQclear(done);
    while (PGresult *more = PQgetResult(pg))
        PQclear(more);
    PQclear(PQexec(pg, "COMMIT"));
    return Bench::seconds(t);
}

void snapshotsPostgres(const QString &url)
{
    const int count = scaled(100000);
    QString why;
    const auto location = DatabaseLocation::parse(url, &why);
    if (!location || location->kind != DatabaseLocation::Kind::PostgreSQL)
        qFatal("FINDESK_BENCH_PG_URL: %s", qPrintable(why));
    Connection c(*location); // creates the schema
    c.exec(QStringLiteral("INSERT INTO books (book_id) VALUES ('BIG') ON CONFLICT DO NOTHING"));
    c.exec(QStringLiteral("DELETE FROM snapshots WHERE book_id = 'BIG'")); // an earlier run's
    PGconn *pg = PQconnectdb(url.toUtf8().constData());
    if (PQstatus(pg) != CONNECTION_OK)
        qFatal("FINDESK_BENCH_PG_URL: %s", PQerrorMessage(pg));
    PQclear(PQexec(pg, "SET client_min_messages TO WARNING"));
    PQclear(PQexec(pg, "DROP TABLE IF EXISTS bench_copy, bench_copy_fk"));
    PQclear(PQexec(pg, "CREATE TABLE bench_copy (LIKE snapshot_positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                       "INCLUDING INDEXES)"));
    PQclear(PQexec(pg, "CREATE TABLE bench_copy_fk (LIKE bench_copy INCLUDING ALL, "
                       "FOREIGN KEY (snapshot_id) REFERENCES snapshots (snapshot_id) ON DELETE CASCADE)"));
    // A snapshot header for the yardstick's rows (deleted with BIG's).
    PGresult *header = PQexec(pg, "INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash)"
                                  " VALUES ('BIG', '2029-12-31', 0, 0, '') RETURNING snapshot_id");
    if (PQresultStatus(header) != PGRES_TUPLES_OK)
        qFatal("header: %s", PQerrorMessage(pg));
    const qint64 headerId = QByteArray(PQgetvalue(header, 0, 0)).toLongLong();
    PQclear(header);

    // A new business day each run: every run stores 100,000 new rows. Runs
    // alternate so neither side gets a warmer cache; best of 3.
    const QDateTime first(QDate(2030, 1, 7), QTime(17, 0), Qt::UTC);
    SnapshotStore store(c);
    double bare = 1e300, bareForeignKey = 1e300, ours = 1e300;
    for (int run = 0; run < 3; ++run) {
        const PositionSnapshot snapshot = bigSnapshot(count, first.addDays(run));
        bare = std::min(bare, bareCopyPositions(pg, "bench_copy", headerId, snapshot));
        bareForeignKey = std::min(bareForeignKey, bareCopyPositions(pg, "bench_copy_fk", headerId, snapshot));
        QElapsedTimer t;
        t.start();
        store.store(snapshot);
        ours = std::min(ours, Bench::seconds(t));
    }
    PQclear(PQexec(pg, "DROP TABLE bench_copy, bench_copy_fk"));
    PQfinish(pg);
    std::printf("\n%d-position snapshot, PostgreSQL %s (best of 3)\n", count, qPrintable(location->displayName()));
    Bench::report("bare libpq COPY FROM STDIN (no foreign key)", bare, "s");
    Bench::report("bare libpq COPY FROM STDIN, with the foreign key", bareForeignKey, "s");
    Bench::report("SnapshotStore::store, first of the day", ours, "s");
    Bench::report("  ratio to bare COPY (no foreign key)", ours / bare, "x");
    Bench::report("  ratio to bare COPY with the foreign key", ours / bareForeignKey, "x");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    quick = args.contains(QStringLiteral("--quick"));
    const qsizetype big = args.indexOf(QStringLiteral("--big-db"));
    const QString bigPath = big > 0 && big + 1 < args.size() ? args.at(big + 1)
                                                               : QDir::temp().filePath(quick ? QStringLiteral("findesk-bench-1m.sqlite")
                                                                                             : QStringLiteral("findesk-bench-10m.sqlite"));
    QTemporaryDir dir;
    std::printf("bench_storage%s (this machine: %d cores)\n", quick ? " --quick" : "", QThread::idealThreadCount());
    const QString pgUrl = qEnvironmentVariable("FINDESK_BENCH_PG_URL");
    if (!pgUrl.isEmpty())
        snapshotsPostgres(pgUrl);
    if (args.contains(QStringLiteral("--postgresql-only")))
        return 0;
    snapshots(dir);
    import(dir);
    loadOneDay(bigPath);
    return 0;
}
