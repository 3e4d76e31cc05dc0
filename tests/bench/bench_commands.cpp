// The commands of issue 12 end to end, as a user runs them: the whole
// `findesk` process on a database of 50 books × 2,000 instruments built from
// 350,000 trades (DESIGN.md §5), against the bare limit measured in the same
// run on the same database.
//
//   bench_commands [FINDESK_BINARY] [RUNS]
//
// FINDESK_BINARY defaults to the one built with this benchmark; give another
// build's to compare (the database is made by the binary measured, through
// init and its importers). Targets:
//   snapshot --at a new day (100,000 positions, rankings)  <= 2.5 × bare insert of its rows
//   snapshot ten minutes later, nothing changed            <= 0.2 s
//   positions --format csv (now, all books)                <= 0.3 s
#include "benchutil.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>

namespace {

constexpr int Books = 50;
constexpr int Instruments = 2000;
constexpr int Trades = 350'000;
constexpr int Days = 30; // the trades are spread over 30 business days

QString g_binary;

// Runs findesk with `arguments`; the wall time of the whole process.
double run(const QString &db, const QStringList &arguments)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(g_binary, QStringList{QStringLiteral("--db"), db} + arguments);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "findesk %s failed (exit %d):\n%s\n", qPrintable(arguments.join(u' ')), p.exitCode(),
                     p.readAllStandardError().constData());
        std::exit(1);
    }
    return Bench::seconds(t);
}

QDate businessDay(int d)
{
    QDate day(2026, 6, 1);
    for (int i = 0; i <= d; ++i) {
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        if (i < d)
            day = day.addDays(1);
    }
    return day;
}

QString instant(const QDate &day, int h, int m)
{
    return QDateTime(day, QTime(h, m), Qt::UTC).toString(Qt::ISODate);
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::exit(1);
}

// Every (book, instrument) traded, 3.5 times on average, over `Days`
// business days between 08:00 and 16:00 UTC.
void writeInputs(const QString &dir)
{
    QByteArray instruments = "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n";
    QByteArray prices = "instrument_id,business_date,price\n";
    for (int i = 0; i < Instruments; ++i) {
        const QByteArray id = "XS" + QByteArray::number(i).rightJustified(10, '0');
        instruments += id + ",Instrument " + QByteArray::number(i) + ",equity,,,USD,," + (i % 3 ? "false" : "true") + '\n';
        prices += id + ',' + businessDay(0).toString(Qt::ISODate).toUtf8() + ',' + QByteArray::number(100 + i % 17) + '\n';
    }
    write(dir + QStringLiteral("/instruments.csv"), instruments);
    write(dir + QStringLiteral("/prices.csv"), prices);

    QRandomGenerator random(12);
    QByteArray trades = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";
    trades.reserve(Trades * 70);
    const int perDay = Trades / Days;
    for (int t = 0; t < Trades; ++t) {
        const int book = t % Books;
        const int instrument = (t / Books) % Instruments;
        const int day = std::min(Days - 1, t / perDay);
        const int second = int(qint64(t % perDay) * 8 * 3600 / perDay);
        const QDateTime when = QDateTime(businessDay(day), QTime(8, 0), Qt::UTC).addSecs(second);
        // Mostly buys, some sells: positions stay open.
        const int quantity = random.bounded(3) == 0 ? -int(random.bounded(1, 50)) : int(random.bounded(1, 500));
        trades += 'T' + QByteArray::number(t) + ",BOOK-" + QByteArray::number(book).rightJustified(2, '0') + ",XS"
                  + QByteArray::number(instrument).rightJustified(10, '0') + ',' + QByteArray::number(quantity) + ','
                  + QByteArray::number(90.0 + random.generateDouble() * 20, 'f', 4) + ','
                  + when.toString(Qt::ISODate).toUtf8() + '\n';
    }
    write(dir + QStringLiteral("/trades.csv"), trades);
}

// libsqlite3 on `path` with the desk's pragmas for a write (its cache
// included), the clock started and a write transaction begun.
sqlite3 *beginBare(const QString &path, QElapsedTimer &t)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536",
                 nullptr, nullptr, nullptr);
    t.start();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    return db;
}

// Commits, and the seconds since beginBare.
double commitBare(sqlite3 *db, std::initializer_list<sqlite3_stmt *> statements, const QElapsedTimer &t)
{
    for (sqlite3_stmt *statement : statements)
        sqlite3_finalize(statement);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double elapsed = Bench::seconds(t);
    sqlite3_close(db);
    return elapsed;
}

// The yardstick: libsqlite3 straight into a copy of the same database, the
// connection's pragmas, one transaction, one prepared statement: the rows of
// a 50 × 2,000-position snapshot and their 50 headers.
double bareInsert(const QString &path, const QDate &day)
{
    QElapsedTimer t;
    sqlite3 *db = beginBare(path, t);
    sqlite3_stmt *header = nullptr, *row = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash)"
                           " VALUES (?, ?, 0, 2000, '')", -1, &header, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO snapshot_positions (snapshot_id, instrument_id, quantity, average_price, realized_pnl)"
                           " VALUES (?, ?, ?, ?, ?)", -1, &row, nullptr);
    const QByteArray date = day.toString(Qt::ISODate).toUtf8();
    for (int b = 0; b < Books; ++b) {
        const QByteArray book = "BOOK-" + QByteArray::number(b).rightJustified(2, '0');
        sqlite3_bind_text(header, 1, book.constData(), int(book.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(header, 2, date.constData(), int(date.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(header) != SQLITE_DONE) {
            std::fprintf(stderr, "bare insert: %s\n", sqlite3_errmsg(db));
            std::exit(1);
        }
        sqlite3_reset(header);
        const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
        for (int i = 0; i < Instruments; ++i) {
            const QByteArray iid = "XS" + QByteArray::number(i).rightJustified(10, '0');
            const QByteArray quantity = QByteArray::number(100 + i);
            sqlite3_bind_int64(row, 1, id);
            sqlite3_bind_text(row, 2, iid.constData(), int(iid.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(row, 3, quantity.constData(), int(quantity.size()), SQLITE_TRANSIENT);
            sqlite3_bind_double(row, 4, 99.5 + i * 1e-4);
            sqlite3_bind_double(row, 5, 12.25 * i);
            sqlite3_step(row);
            sqlite3_reset(row);
        }
    }
    return commitBare(db, {header, row}, t);
}

// The other rows the command must write: its 50 rankings' 100,000 items
// (16 columns, as RankingStore writes an eligible item), libsqlite3 straight,
// as above. With the snapshot rows' bare insert it is the least the new
// day's command can take.
double bareRankingInsert(const QString &path, const QDate &day)
{
    QElapsedTimer t;
    sqlite3 *db = beginBare(path, t);
    sqlite3_stmt *header = nullptr, *row = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO rankings (book_id, business_date, agreement_id, currency, snapshot_time, built_at,"
                           " default_haircut, fx_haircut) VALUES (?, ?, '', 'EUR', 0, 0, 0.5, 0.08)"
                           " ON CONFLICT (book_id, business_date, agreement_id) DO UPDATE SET built_at = 1 RETURNING ranking_id",
                       -1, &header, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO ranking_items (ranking_id, row_number, rank, instrument_id, currency, quantity, price,"
                           " price_source, market_value, fx_rate, haircut, fx_haircut, collateral_value, counted_value,"
                           " note_template, note_args) VALUES (?, ?, ?, ?, 'EUR', ?, ?, 'market', ?, 1, ?, 0, ?, ?, '', '')",
                       -1, &row, nullptr);
    const QByteArray date = day.toString(Qt::ISODate).toUtf8();
    for (int b = 0; b < Books; ++b) {
        const QByteArray book = "BOOK-" + QByteArray::number(b).rightJustified(2, '0');
        sqlite3_bind_text(header, 1, book.constData(), int(book.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(header, 2, date.constData(), int(date.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(header) != SQLITE_ROW) {
            std::fprintf(stderr, "bare ranking insert: %s\n", sqlite3_errmsg(db));
            std::exit(1);
        }
        const sqlite3_int64 id = sqlite3_column_int64(header, 0);
        sqlite3_reset(header);
        for (int i = 0; i < Instruments; ++i) {
            const QByteArray iid = "XS" + QByteArray::number(i).rightJustified(10, '0');
            const QByteArray quantity = QByteArray::number(100 + i);
            const double price = 99.5 + i * 1e-4;
            sqlite3_bind_int64(row, 1, id);
            sqlite3_bind_int(row, 2, i + 1);
            sqlite3_bind_int(row, 3, i + 1);
            sqlite3_bind_text(row, 4, iid.constData(), int(iid.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(row, 5, quantity.constData(), int(quantity.size()), SQLITE_TRANSIENT);
            sqlite3_bind_double(row, 6, price);
            sqlite3_bind_double(row, 7, price * (100 + i));
            sqlite3_bind_double(row, 8, 0.02);
            sqlite3_bind_double(row, 9, price * (100 + i) * 0.98);
            sqlite3_bind_double(row, 10, price * (100 + i) * 0.98);
            if (sqlite3_step(row) != SQLITE_DONE) {
                std::fprintf(stderr, "bare ranking insert: %s\n", sqlite3_errmsg(db));
                std::exit(1);
            }
            sqlite3_reset(row);
        }
    }
    return commitBare(db, {header, row}, t);
}

void copyDatabase(const QString &from, const QString &to)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile::remove(to + suffix);
        if (QFile::exists(from + suffix))
            QFile::copy(from + suffix, to + suffix);
    }
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    g_binary = args.size() > 1 ? args.at(1) : QStringLiteral(FINDESK_BINARY);
    const int runs = args.size() > 2 ? args.at(2).toInt() : 5;
    QTemporaryDir dir;
    // BENCH_KEEP: leave the files there, for a profiler.
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("BENCH_KEEP"));
    const QString base = dir.filePath(QStringLiteral("base.sqlite"));
    std::printf("folder: %s\nfindesk: %s\n%d books × %d instruments, %d trades over %d business days; best and median of %d runs\n\n",
                qPrintable(dir.path()), qPrintable(g_binary), Books, Instruments, Trades, Days, runs);

    writeInputs(dir.path());
    QElapsedTimer setup;
    setup.start();
    run(base, {QStringLiteral("init"), QStringLiteral("--timezone"), QStringLiteral("UTC")});
    run(base, {QStringLiteral("import-instruments"), dir.filePath(QStringLiteral("instruments.csv"))});
    run(base, {QStringLiteral("import-prices"), dir.filePath(QStringLiteral("prices.csv"))});
    const double import = run(base, {QStringLiteral("import-trades"), dir.filePath(QStringLiteral("trades.csv"))});
    const QDate last = businessDay(Days - 1);
    const QDate before = businessDay(Days - 2);
    // The day before's end of day: the history a desk has.
    const double first = run(base, {QStringLiteral("snapshot"), QStringLiteral("--at"), instant(before, 18, 0)});
    Bench::report("import-trades (350,000)", import, "s");
    Bench::report("snapshot --at the day before (history: none resumable)", first, "s");

    QList<double> bare, bareRankings, newDay, unchanged, positions;
    const QString work = dir.filePath(QStringLiteral("work.sqlite"));
    for (int r = 0; r < runs; ++r) {
        copyDatabase(base, work);
        bare.append(bareInsert(work, last));
        bareRankings.append(bareRankingInsert(work, last));
        copyDatabase(base, work);
        newDay.append(run(work, {QStringLiteral("snapshot"), QStringLiteral("--at"), instant(last, 18, 0)}));
        unchanged.append(run(work, {QStringLiteral("snapshot"), QStringLiteral("--at"), instant(last, 18, 10)}));
        positions.append(run(work, {QStringLiteral("positions"), QStringLiteral("--format"), QStringLiteral("csv"),
                                    QStringLiteral("--output"), dir.filePath(QStringLiteral("positions.csv"))}));
    }
    auto line = [](const char *what, const QList<double> &v, const char *target) {
        std::printf("%-58s best %8.3f s   median %8.3f s   %s\n", what, *std::min_element(v.cbegin(), v.cend()),
                    median(v), target);
    };
    std::printf("\n");
    line("bare libsqlite3 insert of the 100,000 snapshot rows", bare, "");
    line("snapshot --at a new day (100,000 positions, rankings)", newDay, "");
    std::printf("%-58s best %8.2f x   median %8.2f x   target <= 2.5\n", "  ratio to bare",
                *std::min_element(newDay.cbegin(), newDay.cend()) / *std::min_element(bare.cbegin(), bare.cend()),
                median(newDay) / median(bare));
    line("bare libsqlite3 insert of its 100,000 ranking items", bareRankings, "");
    std::printf("%-58s best %8.2f x   median %8.2f x\n", "  the two bare inserts alone, ratio to the first",
                (*std::min_element(bare.cbegin(), bare.cend()) + *std::min_element(bareRankings.cbegin(), bareRankings.cend()))
                    / *std::min_element(bare.cbegin(), bare.cend()),
                (median(bare) + median(bareRankings)) / median(bare));
    line("snapshot ten minutes later, nothing changed", unchanged, "target <= 0.2 s");
    line("positions --format csv (now, all books)", positions, "target <= 0.3 s");
    return 0;
}
