// The window on the DESIGN.md §5 database (10,000,000 end-of-day rows,
// 1,000,000 trades): how soon it is shown and each view filled.
// Target: shown ≤ 1 s. The database is built once and reused.
//   bench_window [--quick] [--db PATH]
#include "benchutil.h"
#include "bigdatabase.h"
#include "stallmonitor.h"
#include "booknavigator.h"
#include "endofdaytab.h"
#include "historytab.h"
#include "mainwindow.h"
#include "positionsmodel.h"
#include "positionstab.h"
#include "services/snapshotjob.h"
#include "storage/connection.h"

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QtConcurrent>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const qsizetype dbArg = args.indexOf(QStringLiteral("--db"));
    const QString path = dbArg > 0 && dbArg + 1 < args.size()
                             ? args.at(dbArg + 1)
                             : QDir::temp().filePath(quick ? QStringLiteral("findesk-window-1m.sqlite") : QStringLiteral("findesk-window-10m.sqlite"));
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());

    if (!QFile::exists(path)) {
        std::printf("building %s (once)...\n", qPrintable(path));
        QElapsedTimer t;
        t.start();
        BigDatabase::build(path, quick ? 25 : 250, 20, 2000, quick ? 100000 : 1000000);
        Bench::report("  built in", Bench::seconds(t), "s");
        // As a running desk leaves it: a snapshot of every book from the
        // log (the history's synthetic snapshots are not folds of it).
        t.restart();
        DatabaseLocation built;
        built.path = path;
        QtConcurrent::run([built] {
            const Connection c(built);
            SnapshotJob::run(c, QDateTime::currentDateTimeUtc());
        }).waitForFinished();
        Bench::report("  and a snapshot of every book now", Bench::seconds(t), "s");
    }
    DatabaseLocation location;
    location.path = path;

    QElapsedTimer clock;
    clock.start();
    // As DeskApp does: open (and check the schema of) the database in a worker.
    auto opened = QtConcurrent::run([location] { Connection c(location, Connection::Mode::MustExist); });
    opened.waitForFinished();
    const double open = Bench::seconds(clock);
    DeskSession session(location);
    MainWindow window(session);
    window.resize(1280, 800);
    session.start(600, false);
    window.show();
    QCoreApplication::processEvents();
    const double shown = Bench::seconds(clock);

    double books = 0, positions = 0, endOfDay = 0, counts = 0;
    while (clock.elapsed() < 60000 && (!books || !positions || !endOfDay || !counts)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const double now = Bench::seconds(clock);
        if (!books && window.navigator()->model()->rowCount() > 0)
            books = now;
        if (!positions && window.positionsTab()->model()->rowCount() > 0)
            positions = now;
        if (!endOfDay && window.endOfDayTab()->listModel()->rowCount() > 0)
            endOfDay = now;
        if (!counts && window.navigator()->model()->rowCount() > 0
            && !window.navigator()->model()->index(0, BookTraits::OpenPositions).data(DeskRole::Raw).isNull())
            counts = now;
    }
    // The end-of-day tab reads its day when it is shown.
    QElapsedTimer dayShown;
    dayShown.start();
    window.showTab(MainWindow::EndOfDayPage);
    Bench::waitFor([&] { return window.endOfDayTab()->positionsModel()->rowCount() > 0; }, 60000);
    const double day = Bench::seconds(dayShown);
    std::printf("bench_window: %s\n", qPrintable(path));
    Bench::report("database opened and its schema checked", open * 1000, "ms");
    Bench::report("window shown", shown * 1000, "ms", "target <= 1000");
    Bench::report("books listed", books * 1000, "ms");
    Bench::report(qPrintable(QStringLiteral("live positions of %1 (%2 rows, folded from the log)")
                                 .arg(window.navigator()->currentBook()).arg(window.positionsTab()->model()->rowCount())),
                  positions * 1000, "ms");
    Bench::report(qPrintable(QStringLiteral("end-of-day list (%1 days, with values)")
                                 .arg(window.endOfDayTab()->listModel()->rowCount())),
                  endOfDay * 1000, "ms");
    Bench::report("then the end-of-day tab shown: its latest day after", day * 1000, "ms");
    Bench::report("open-position counts of every book (from the snapshots)", counts * 1000, "ms");
    window.close();
    session.shutdown();
    return 0;
}
