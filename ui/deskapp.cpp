#include "deskapp.h"

#include "allocationpanel.h"
#include "booknavigator.h"
#include "mainwindow.h"
#include "positionsmodel.h"
#include "positionstab.h"
#include "rankingtab.h"
#include "services/background.h"
#include "services/demodata.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/storageerror.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent>

#include <cstdio>

namespace DeskApp {

namespace {

struct Opened
{
    QString error;
    QString demoSummary;
};

// Opens (and migrates) the database in a worker thread; a SQLite file that
// is not there yet is created and filled with the demo desk.
Opened open(const DatabaseLocation &location)
{
    Opened opened;
    try {
        const bool firstStart = location.kind == DatabaseLocation::Kind::SQLite && !QFileInfo::exists(location.path);
        const Connection connection(location);
        if (firstStart) {
            const QTimeZone zone = DeskSettingsStore(connection).deskTimeZone();
            const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
            const auto summary = DemoData::fill(connection, DemoData::lastBusinessDay(today));
            opened.demoSummary = QCoreApplication::translate("DeskApp", "A new desk database with demo data: %1 books, %2 instruments, %3 trades from %4 to %5.")
                                     .arg(summary.books).arg(summary.instruments).arg(summary.trades)
                                     .arg(summary.firstDay.toString(Qt::ISODate), summary.lastDay.toString(Qt::ISODate));
        }
    } catch (const StorageError &e) {
        opened.error = e.message();
    }
    return opened;
}

int screenshot(QApplication &app, MainWindow &window, const QString &file)
{
    // Let the first reads land (books, positions, snapshots, ranking).
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 12000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        const bool positions = window.positionsTab()->model()->rowCount() > 0;
        if (positions && waited.elapsed() > 2500)
            break;
    }
    QCoreApplication::processEvents();
    const bool saved = window.grab().save(file);
    std::fprintf(stderr, "%s\n", qPrintable(saved ? QCoreApplication::translate("DeskApp", "wrote %1").arg(file)
                                                  : QCoreApplication::translate("DeskApp", "cannot write %1").arg(file)));
    window.close();
    app.processEvents();
    return saved ? 0 : 1;
}

} // namespace

QStringList valueOptions()
{
    return {QStringLiteral("screenshot"), QStringLiteral("tab"), QStringLiteral("book"), QStringLiteral("agreement"),
            QStringLiteral("amount"),
            // Qt's own, which QApplication takes out of argv.
            QStringLiteral("platform"), QStringLiteral("style"), QStringLiteral("stylesheet"), QStringLiteral("qwindowgeometry"),
            QStringLiteral("display"), QStringLiteral("geometry")};
}

int run(QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("DeskApp", "FinDesk: the desk window."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QCoreApplication::translate("DeskApp", "Database location."), QStringLiteral("LOCATION")});
    parser.addOption({QStringLiteral("screenshot"), QCoreApplication::translate("DeskApp", "Render the window to a PNG file and quit."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tab"), QCoreApplication::translate("DeskApp", "Tab to show: positions, trades, eod, ranking or history."), QStringLiteral("TAB")});
    parser.addOption({QStringLiteral("book"), QCoreApplication::translate("DeskApp", "Book to show."), QStringLiteral("B")});
    parser.addOption({QStringLiteral("agreement"), QCoreApplication::translate("DeskApp", "Collateral ranking under this agreement."), QStringLiteral("A")});
    parser.addOption({QStringLiteral("amount"), QCoreApplication::translate("DeskApp", "Amount to allocate under the agreement."), QStringLiteral("X")});
    parser.addOption({QStringLiteral("feed"), QCoreApplication::translate("DeskApp", "Start the demo trade feed.")});
    parser.process(app);
    const bool screenshotRun = parser.isSet(QStringLiteral("screenshot"));
    QTemporaryDir screenshotSettings;
    if (screenshotRun) {
        // A picture of the window as a new user sees it: default layout, and
        // nothing written to the database.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, screenshotSettings.path());
    }

    QSettings settings;
    QString locationText = parser.value(QStringLiteral("db"));
    if (locationText.isEmpty())
        locationText = settings.value(QStringLiteral("database/location")).toString();
    DatabaseLocation location = DatabaseLocation::defaultLocation();
    if (!locationText.isEmpty()) {
        QString why;
        const auto parsed = DatabaseLocation::parse(locationText, &why);
        if (!parsed) {
            std::fprintf(stderr, "--db: %s\n", qPrintable(why));
            return 2;
        }
        location = *parsed;
    }

    // Open (and on a first start fill) the database off the UI thread.
    QProgressDialog progress(QCoreApplication::translate("DeskApp", "Opening %1…").arg(location.displayName()), QString(), 0, 0);
    progress.setWindowTitle(QStringLiteral("FinDesk"));
    progress.setMinimumDuration(500);
    QFutureWatcher<Opened> opening;
    QEventLoop wait;
    QObject::connect(&opening, &QFutureWatcher<Opened>::finished, &wait, &QEventLoop::quit);
    opening.setFuture(QtConcurrent::run(open, location));
    wait.exec();
    progress.close();
    const Opened opened = opening.result();
    if (!opened.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error));
        if (!parser.isSet(QStringLiteral("screenshot")))
            QMessageBox::critical(nullptr, QStringLiteral("FinDesk"), opened.error);
        return 3;
    }

    // The workers of this desk let the window's thread go first.
    Background::setYieldToWindow(true);
    DeskSession session(location);
    MainWindow window(session);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &session, &DeskSession::shutdown);
    session.start(settings.value(QStringLiteral("snapshots/intervalMinutes"), 10).toInt() * 60, !screenshotRun);

    const QStringList tabs = {QStringLiteral("positions"), QStringLiteral("trades"), QStringLiteral("eod"), QStringLiteral("ranking"), QStringLiteral("history")};
    if (parser.isSet(QStringLiteral("tab")))
        window.showTab(MainWindow::Tab(std::max<qsizetype>(0, tabs.indexOf(parser.value(QStringLiteral("tab"))))));
    if (parser.isSet(QStringLiteral("book")))
        window.navigator()->selectBook(parser.value(QStringLiteral("book")));
    if (parser.isSet(QStringLiteral("agreement")))
        window.rankingTab()->setAgreement(parser.value(QStringLiteral("agreement")));
    if (parser.isSet(QStringLiteral("amount")))
        window.rankingTab()->allocation()->amountEdit()->setText(parser.value(QStringLiteral("amount")));
    if (!opened.demoSummary.isEmpty())
        window.statusBar()->showMessage(opened.demoSummary, 15000);
    if (parser.isSet(QStringLiteral("feed")))
        session.demoFeed().setRunning(true);

    if (screenshotRun)
        window.resize(1600, 900); // a desk monitor, not a laptop
    window.show();
    if (screenshotRun)
        return screenshot(app, window, parser.value(QStringLiteral("screenshot")));
    return app.exec();
}

} // namespace DeskApp
