// The longest UI-thread stall while a 100,000-position snapshot and its
// ranking run (DESIGN.md §5: ≤ 50 ms). A 1 ms timer on the UI thread notes
// how late each of its ticks comes; the window is shown, on the book being
// snapshotted, so its refreshes count too.
//   bench_uistall [--quick]
#include "benchutil.h"
#include "booknavigator.h"
#include "endofdaytab.h"
#include "mainwindow.h"
#include "positionsmodel.h"
#include "positionstab.h"
#include "rankingtab.h"
#include "services/snapshotjob.h"
#include "storage/connection.h"
#include "storage/referencedatastore.h"
#include "storage/tradestore.h"
#include "tablepanel.h"
#include "desktableview.h"

#include <QApplication>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QScrollBar>
#include <QTimer>

namespace {

// Records the lateness of a 1 ms timer: the UI thread's stalls.
class StallMonitor : public QObject
{
public:
    StallMonitor()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_gaps.append(double(now - m_last) / 1e6 - 1.0);
            m_last = now;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worst() const { return m_gaps.isEmpty() ? 0 : *std::max_element(m_gaps.cbegin(), m_gaps.cend()); }
    double percentile(double p) const
    {
        if (m_gaps.isEmpty())
            return 0;
        QList<double> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(p * double(sorted.size() - 1)));
    }
    qsizetype over(double ms) const { return std::count_if(m_gaps.cbegin(), m_gaps.cend(), [ms](double g) { return g > ms; }); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_gaps;
};

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

void report(const char *what, const StallMonitor &m)
{
    std::printf("\n%s\n", what);
    Bench::report("  longest UI-thread stall", m.worst(), "ms", "target <= 50");
    Bench::report("  99th percentile of timer lateness", m.percentile(0.99), "ms");
    Bench::report("  ticks later than 16 ms (a dropped frame)", double(m.over(16)), "");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = app.arguments().contains(QStringLiteral("--quick")) ? 10000 : 100000;
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());

    DatabaseLocation location;
    location.path = dir.filePath(QStringLiteral("stall.sqlite"));
    const QDateTime start(QDate(2026, 7, 24), QTime(8, 0), Qt::UTC);
    {
        Connection c(location);
        c.exec(QStringLiteral("UPDATE desk_settings SET value = 'UTC' WHERE key = 'desk_timezone'"));
        QRandomGenerator random(2);
        TradeList trades;
        QList<Instrument> instruments;
        for (int i = 0; i < count; ++i) {
            const QString id = QStringLiteral("XS%1").arg(i, 10, 10, QChar(u'0'));
            // Half the book traded the day before: the end-of-day tab then
            // compares 100,000 positions with 50,000.
            trades.append({QStringLiteral("T%1").arg(i), QStringLiteral("BIG"), id, Quantity::units(random.bounded(1, 1000000)),
                           90.0 + random.generateDouble() * 20, start.addDays(i % 2 ? 0 : -1).addMSecs(i)});
            Instrument in;
            in.instrumentId = id;
            in.name = id;
            in.currency = QStringLiteral("EUR");
            in.assetClass = i % 2 ? AssetClass::Bond : AssetClass::Equity;
            in.issuerType = i % 2 ? IssuerType::Sovereign : IssuerType::None;
            in.rating = i % 2 ? QStringLiteral("AA") : QString();
            in.maturityDate = i % 2 ? QDate(2030, 1, 1) : QDate();
            instruments.append(in);
        }
        trades.append({QStringLiteral("S1"), QStringLiteral("SMALL"), QStringLiteral("X"), 1, 1, start});
        TradeStore(c).insert(trades);
        ReferenceDataStore(c).upsertInstruments(instruments);
        SnapshotJob::run(c, start.addDays(-1).addSecs(12 * 3600)); // the day before's close, 20:00
    }

    DeskSession session(location);
    MainWindow window(session);
    window.resize(1280, 800);
    session.start(600, false);
    session.snapshots().setClock([start] { return start.addSecs(9 * 3600); });
    window.show();
    window.navigator()->selectBook(QStringLiteral("BIG"));

    std::printf("bench_uistall: one book of %d positions, the window shown on it\n", count);
    StallMonitor monitor;
    monitor.start();
    QElapsedTimer opening;
    opening.start();
    waitFor([&] { return window.positionsTab()->model()->rowCount() == count; }, 60000);
    const double opened = Bench::seconds(opening);
    waitFor([] { return false; }, 300);
    monitor.stop();
    report("opening the book (its live positions load and show)", monitor);
    Bench::report("  positions shown after", opened, "s");

    // The snapshot and its ranking, with the end-of-day and ranking tabs
    // refreshing in reaction.
    window.showTab(MainWindow::RankingPage);
    QSignalSpy built(&session.rankings(), &RankingService::rankingBuilt);
    monitor.start();
    QElapsedTimer t;
    t.start();
    session.snapshots().snapshotNow();
    waitFor([&] {
        return !built.isEmpty() && window.rankingTab()->model()->rowCount() == count
               && window.endOfDayTab()->positionsModel()->rowCount() == count
               && window.endOfDayTab()->comparisonModel()->rowCount() == count;
    }, 120000);
    const double done = Bench::seconds(t);
    waitFor([] { return false; }, 500);
    monitor.stop();
    report("snapshot + ranking + the window's refresh", monitor);
    Bench::report("  snapshot stored, ranked and both views showing it after", done, "s");

    window.showTab(MainWindow::PositionsPage);
    waitFor([] { return false; }, 200);
    DeskTableView *view = window.positionsTab()->panel()->view();
    monitor.start();
    QTimer::singleShot(5, view, [view] { view->sortByColumn(PositionTraits::Quantity, Qt::DescendingOrder); });
    waitFor([] { return false; }, 300);
    monitor.stop();
    report(qPrintable(QStringLiteral("sorting the %1 positions by quantity").arg(count)), monitor);

    // Scrolling from top to bottom in 100 steps, a repaint each.
    monitor.start();
    QScrollBar *bar = view->verticalScrollBar();
    for (int step = 0; step <= 100; ++step) {
        bar->setValue(bar->maximum() * step / 100);
        view->viewport()->repaint();
        QCoreApplication::processEvents();
    }
    monitor.stop();
    report("scrolling them top to bottom in 100 repainted steps", monitor);
    window.close();
    session.shutdown();
    return 0;
}
