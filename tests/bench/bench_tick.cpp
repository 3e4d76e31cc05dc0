// A snapshot tick on a 10,000,000-trade log (DESIGN.md §5, issue 12): a tick
// that adds 1,000 trades costs what changed, not the log. The database (50
// books × 2,000 instruments, 10,000,000 trades over 200 business days, and
// the snapshot of every book a running desk leaves) is built once with bare
// libsqlite3 and reused; each run adds 1,000 trades to 5 books and times the
// tick as the command line and the timer run it (every book snapshotted,
// the stored ones ranked), then positions now of every book.
//   bench_tick [--db PATH] [RUNS]
//   bench_tick --window [--db PATH] [RUNS]
// Targets: the tick ≤ 100 ms; positions now ≤ 0.5 s. With --window, the
// desk's window is open on the database, on BOOK-00 and its ranking, while
// another desk adds the 1,000 trades and the window's own timer takes the
// tick: the UI thread's longest stall ≤ 50 ms.
#include "benchutil.h"

#include "stallmonitor.h"

#include "booknavigator.h"
#include "mainwindow.h"
#include "positionsmodel.h"
#include "positionstab.h"
#include "rankingtab.h"
#include "services/background.h"
#include "services/desksession.h"
#include "services/rankingjob.h"
#include "services/snapshotjob.h"
#include "storage/connection.h"
#include "storage/positionstore.h"
#include "storage/tradestore.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtConcurrent>

#include <sqlite3.h>

#include <algorithm>

namespace {

constexpr int Books = 50;
constexpr int Instruments = 2000;
constexpr int Days = 200;
constexpr qint64 Trades = 10'000'000;

QByteArray bookId(int b)
{
    return QStringLiteral("BOOK-%1").arg(b, 2, 10, QChar(u'0')).toUtf8();
}

QDateTime dayStart(int d)
{
    return QDateTime(QDate(2025, 1, 6).addDays(d), QTime(8, 0), Qt::UTC);
}

void build(const DatabaseLocation &location)
{
    {
        const Connection c(location); // the schema
        c.exec("UPDATE desk_settings SET value = 'UTC' WHERE key = 'desk_timezone'");
    }
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(location.path).constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; BEGIN", nullptr,
                 nullptr, nullptr);
    sqlite3_stmt *book = nullptr, *trade = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO books (book_id, name) VALUES (?, 'tick benchmark')", -1, &book, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO trades (trade_id, book_id, instrument_id, quantity, price, trade_time)"
                           " VALUES (?, ?, ?, ?, ?, ?)", -1, &trade, nullptr);
    QList<QByteArray> books, instruments;
    for (int b = 0; b < Books; ++b) {
        books.append(bookId(b));
        sqlite3_bind_text(book, 1, books.last().constData(), -1, SQLITE_STATIC);
        sqlite3_step(book);
        sqlite3_reset(book);
    }
    for (int i = 0; i < Instruments; ++i)
        instruments.append(QStringLiteral("XS%1").arg(i, 10, 10, QChar(u'0')).toUtf8());
    QRandomGenerator random(12);
    const qint64 perDay = Trades / Days;
    for (qint64 t = 0; t < Trades; ++t) {
        const QByteArray id = "T" + QByteArray::number(t);
        const QByteArray quantity = QByteArray::number(int(random.bounded(1, 1000)) * (random.bounded(3) ? 1 : -1));
        const qint64 time = dayStart(int(t / perDay)).toMSecsSinceEpoch() + (t % perDay) * 3;
        sqlite3_bind_text(trade, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(trade, 2, books[int(t % Books)].constData(), -1, SQLITE_STATIC);
        sqlite3_bind_text(trade, 3, instruments[random.bounded(Instruments)].constData(), -1, SQLITE_STATIC);
        sqlite3_bind_text(trade, 4, quantity.constData(), int(quantity.size()), SQLITE_TRANSIENT);
        sqlite3_bind_double(trade, 5, 90.0 + random.generateDouble() * 20);
        sqlite3_bind_int64(trade, 6, time);
        sqlite3_step(trade);
        sqlite3_reset(trade);
    }
    sqlite3_finalize(book);
    sqlite3_finalize(trade);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// 1,000 trades in 5 books, as another desk or an import adds them.
TradeList newTrades(const QDateTime &at, QRandomGenerator &random)
{
    TradeList added;
    const QString tag = QString::number(at.toMSecsSinceEpoch());
    for (int i = 0; i < 1000; ++i) {
        added.append({QStringLiteral("N%1-%2").arg(tag).arg(i), QString::fromLatin1(bookId(i % 5)),
                      QStringLiteral("XS%1").arg(random.bounded(Instruments), 10, 10, QChar(u'0')),
                      Quantity(int(random.bounded(1, 100))), 100.0, at.addSecs(-300 + i / 10)});
    }
    return added;
}

QDateTime afterNewestSnapshot(const Connection &c, const QDateTime &logEnd)
{
    QDateTime at = logEnd.addSecs(600);
    QSqlQuery q = c.exec("SELECT MAX(snapshot_time) FROM snapshots");
    if (q.next())
        at = std::max(at, QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC).addSecs(600));
    return at;
}

// The window open on the database while ticks run: the UI thread's stalls.
void windowTicks(const DatabaseLocation &location, const QDateTime &logEnd, int runs)
{
    Background::setYieldToWindow(true); // as the desk's window does
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    QDateTime at;
    {
        const Connection c(location);
        at = afterNewestSnapshot(c, logEnd);
    }
    DeskSession session(location);
    MainWindow window(session);
    window.resize(1280, 800);
    session.start(600, false);
    session.snapshots().setClock([&at] { return at; });
    window.show();
    window.navigator()->selectBook(QString::fromLatin1(bookId(0)));
    Bench::waitFor([&] { return window.positionsTab()->model()->rowCount() > 0; }, 60000);
    window.showTab(MainWindow::RankingPage);
    Bench::waitFor([&] { return window.rankingTab()->model()->rowCount() > 0; }, 60000);
    std::printf("bench_tick --window: the window on %s, showing %s's ranking; %d ticks\n", bookId(0).constData(),
                bookId(0).constData(), runs);

    QRandomGenerator random(QRandomGenerator::global()->generate());
    QList<double> stalls, shown;
    Bench::StallMonitor monitor;
    for (int run = 0; run < runs; ++run, at = at.addSecs(600)) {
        QSignalSpy built(&session.rankings(), &RankingService::rankingBuilt);
        monitor.start();
        QElapsedTimer t;
        t.start();
        // Another desk's trades, on a thread of their own.
        auto adding = QtConcurrent::run([location, trades = newTrades(at, random)] {
            const Connection other(location);
            TradeStore(other).insert(trades);
        });
        Bench::waitFor([&] { return adding.isFinished(); }, 60000);
        session.snapshots().snapshotNow();
        Bench::waitFor([&] {
            for (const QList<QVariant> &b : std::as_const(built)) {
                if (b.at(0).toString() == QString::fromLatin1(bookId(0)))
                    return true;
            }
            return false;
        }, 60000);
        shown << Bench::seconds(t);
        Bench::waitFor([] { return false; }, 500); // the views refresh
        monitor.stop();
        stalls << monitor.worst();
        std::printf("  tick %d: longest UI-thread stall %.1f ms\n", run + 1, stalls.constLast());
    }
    Bench::report("UI-thread stall during a tick (another desk's 1,000 trades, the tick, the window's refresh)",
                  stalls, "ms", "target <= 50");
    Bench::report("trades added and BOOK-00's ranking rebuilt after", shown, "s");
    window.close();
    session.shutdown();
}

} // namespace

int main(int argc, char **argv)
{
    // A QApplication either way (the window's run needs one): offscreen, so
    // that the plain run works without a display too.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype dbArg = args.indexOf(QStringLiteral("--db"));
    const QString path = dbArg > 0 && dbArg + 1 < args.size() ? args.at(dbArg + 1)
                                                             : QDir::temp().filePath(QStringLiteral("findesk-tick-10m.sqlite"));
    const int runs = std::max(1, args.constLast().toInt());
    DatabaseLocation location;
    location.path = path;
    const QDateTime logEnd = dayStart(Days);

    // Everything on one worker thread, as the snapshot service runs it.
    QtConcurrent::run([&] {
        if (!QFile::exists(path)) {
            std::printf("building %s (once)...\n", qPrintable(path));
            QElapsedTimer t;
            t.start();
            build(location);
            Bench::report("  10,000,000 trades inserted (bare libsqlite3)", Bench::seconds(t), "s");
            t.restart();
            const Connection c(location);
            SnapshotJob::run(c, logEnd);
            Bench::report("  the first snapshot of every book (the whole log folded)", Bench::seconds(t), "s");
        }
        if (args.contains(QStringLiteral("--window")))
            return;
        const Connection c(location);
        std::printf("bench_tick: %s, %lld trades, %d books × %d instruments; %d runs\n", qPrintable(path),
                    TradeStore(c).lastSequence(), Books, Instruments, runs);
        QRandomGenerator random(QRandomGenerator::global()->generate());
        QList<double> ticks, positions, rowsRead;
        // Each run after the newest snapshot stored.
        QDateTime at = afterNewestSnapshot(c, logEnd);
        for (int run = 0; run < runs; ++run, at = at.addSecs(600)) {
            TradeStore(c).insert(newTrades(at, random));
            const qint64 before = c.tradeRowsRead();
            QElapsedTimer t;
            t.start();
            for (const SnapshotReport &r : SnapshotJob::run(c, at)) {
                if (r.stored())
                    RankingJob::refresh(c, r.bookId, r.businessDate);
            }
            ticks << Bench::seconds(t);
            rowsRead << double(c.tradeRowsRead() - before);
            t.restart();
            const auto now = PositionStore(c).positionsAsOf(at.addSecs(60));
            positions << Bench::seconds(t);
            if (now.books.size() + now.asStored.size() != Books)
                qFatal("positions of %lld books, expected %d", qint64(now.books.size() + now.asStored.size()), Books);
        }
        Bench::report("tick adding 1,000 trades to 5 books: best", *std::min_element(ticks.cbegin(), ticks.cend()) * 1000, "ms", "target <= 100");
        Bench::report("  median", median(ticks) * 1000, "ms");
        Bench::report("  trade rows read by the tick (median)", median(rowsRead), "");
        Bench::report("positions now of every book: best", *std::min_element(positions.cbegin(), positions.cend()) * 1000, "ms", "target <= 500");
        Bench::report("  median", median(positions) * 1000, "ms");
    }).waitForFinished();
    if (args.contains(QStringLiteral("--window")))
        windowTicks(location, logEnd, runs);
    return 0;
}
