// The timer-driven snapshot service, the ranking service that reacts to it,
// the trade log watcher and the live book.
#include "common/testdatabase.h"
#include "domain/livebook.h"
#include "services/deskreader.h"
#include "services/rankingservice.h"
#include "services/snapshotservice.h"
#include "services/changefeed.h"
#include "storage/agreementstore.h"
#include "storage/connection.h"
#include "storage/rankingstore.h"
#include "storage/referencedatastore.h"
#include "storage/snapshotstore.h"
#include "storage/tradestore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

class TestServices : public QObject
{
    Q_OBJECT

private slots:
    // Every service test on both engines (issue 9).
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init();
    void cleanup() { m_db.reset(); }

    void firstTickIsOnTheWallClockGrid();
    void ticksAreAlignedAndStore();
    void overlappingTickIsSkipped();
    void failedTickIsRetriedLosingNothing();
    void badBookNeverStopsTheOthers();
    void finalSnapshotOnlyWhenChanged();
    void rankingFollowsStoredSnapshots();
    void storedRankingKeepsItsHaircutsUntilRebuilt();
    void agreementRankingsFollowReplacedSnapshots();
    void watcherFollowsTheLog();
    void liveBook();

private:
    SnapshotService::Clock fakeClock(const QDateTime &start);
    void addTrades(const TradeList &trades);

    std::unique_ptr<TestDatabase> m_db;
};

static QDateTime utc(int h, int m, int s = 0, int ms = 0, int day = 24)
{
    return QDateTime(QDate(2026, 7, day), QTime(h, m, s, ms), Qt::UTC);
}

void TestServices::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_db = std::make_unique<TestDatabase>(backend);
    if (!m_db->available())
        QSKIP(qPrintable(m_db->skipReason()));
    Connection c(m_db->location());
    c.exec("UPDATE desk_settings SET value = 'UTC' WHERE key = 'desk_timezone'");
    // X is a USD fund (25% on the schedule) in USD books: no conversion.
    c.exec("INSERT INTO instruments (instrument_id, name, asset_class, issuer_type, rating, currency, maturity_date, main_index) VALUES ('X', 'X fund', 'fund', '', '', 'USD', NULL, 0)");
}

// "Now" starts at `start` and runs at the speed of the real clock.
SnapshotService::Clock TestServices::fakeClock(const QDateTime &start)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [start, timer] { return start.addMSecs(timer->elapsed()); };
}

// In `blocker`'s open transaction: other writers of `table` wait for it
// (SQLite: any write takes the database's one write lock).
static void holdWrites(const Connection &blocker, const char *table)
{
    if (blocker.dialect() == SqlDialect::SQLite)
        blocker.exec("INSERT INTO books (book_id) VALUES ('LOCK')");
    else
        blocker.exec(QStringLiteral("LOCK TABLE %1 IN EXCLUSIVE MODE").arg(QLatin1StringView(table)));
}

// A snapshot write that fails with `message` while `condition` holds.
static void refuseSnapshots(const Connection &c, const char *name, const char *condition, const char *message)
{
    if (c.dialect() == SqlDialect::SQLite) {
        c.exec(QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT ON snapshots WHEN %2 BEGIN SELECT RAISE(ABORT, '%3'); END")
                   .arg(QLatin1StringView(name), QLatin1StringView(condition), QLatin1StringView(message)));
        return;
    }
    c.exec(QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF %2 THEN"
                          " RAISE EXCEPTION '%3'; END IF; RETURN NEW; END $$")
               .arg(QLatin1StringView(name), QLatin1StringView(condition), QLatin1StringView(message)));
    c.exec(QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT ON snapshots FOR EACH ROW EXECUTE FUNCTION %1()")
               .arg(QLatin1StringView(name)));
}

void TestServices::addTrades(const TradeList &trades)
{
    Connection c(m_db->location());
    TradeStore(c).insert(trades);
}

void TestServices::firstTickIsOnTheWallClockGrid()
{
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("Europe/London"));
    service.setClock([] { return utc(9, 3, 12); }); // 10:03:12 BST
    QSignalSpy next(&service, &SnapshotService::nextTickChanged);
    service.start();
    QCOMPARE(service.nextTick(), utc(9, 10));
    QCOMPARE(next.size(), 1);
    QCOMPARE(next.first().first().toDateTime(), utc(9, 10));
    service.setInterval(3600);
    QCOMPARE(service.nextTick(), utc(10, 0));
    service.stop();
}

void TestServices::ticksAreAlignedAndStore()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("UTC"));
    service.setClock(fakeClock(utc(10, 9, 58, 600)));
    service.setInterval(1);
    QSignalSpy stored(&service, &SnapshotService::snapshotStored);
    QSignalSpy finished(&service, &SnapshotService::tickFinished);
    service.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 3, 10000);
    service.stop();

    // Each tick snapshots as of its whole second on the grid.
    for (int i = 0; i < 3; ++i) {
        const auto reports = finished.at(i).first().value<QList<SnapshotReport>>();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.first().instant, utc(10, 9, 59).addSecs(i));
    }
    QVERIFY(stored.size() >= 1);
    QCOMPARE(stored.first().at(0).toString(), QStringLiteral("EQ"));
    QCOMPARE(stored.first().at(1).toDate(), QDate(2026, 7, 24));
    Connection c(m_db->location());
    QVERIFY(SnapshotStore(c).load("EQ", QDate(2026, 7, 24))->instant.time().msec() == 0);
}

void TestServices::overlappingTickIsSkipped()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("UTC"));
    service.setInterval(1);
    QSignalSpy skipped(&service, &SnapshotService::tickSkipped);
    QSignalSpy finished(&service, &SnapshotService::tickFinished);
    QSignalSpy failed(&service, &SnapshotService::snapshotFailed);
    {
        // Another writer holds the database: the first tick waits for it,
        // the ticks that come meanwhile are skipped.
        Connection blocker(m_db->location());
        Transaction tx(blocker);
        holdWrites(blocker, "snapshots");
        service.start();
        // The next tick comes while the first still waits for the lock.
        QVERIFY(skipped.wait(10000));
        QVERIFY(service.isBusy());
        QVERIFY(finished.isEmpty());
        tx.commit();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    service.stop();
    QVERIFY(skipped.size() >= 1);
    QVERIFY(failed.isEmpty());
}

void TestServices::failedTickIsRetriedLosingNothing()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(20, 0)}, {"T2", "EQ", "X", 50, 12, utc(23, 59, 58)}});
    {
        // A disk that refuses the write, until the test mends it.
        Connection c(m_db->location());
        c.exec("CREATE TABLE broken (flag INTEGER)");
        c.exec("INSERT INTO broken VALUES (1)");
        refuseSnapshots(c, "refuse", "EXISTS (SELECT 1 FROM broken)", "disk I/O error (simulated)");
    }
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("UTC"));
    service.setClock(fakeClock(utc(23, 59, 58, 300)));
    service.setInterval(1);
    QSignalSpy failed(&service, &SnapshotService::snapshotFailed);
    QSignalSpy stored(&service, &SnapshotService::snapshotStored);
    connect(&service, &SnapshotService::snapshotFailed, this, [this] {
        Connection c(m_db->location());
        c.exec("DELETE FROM broken");
    });
    service.start();
    // 23:59:59 fails; 00:00:00 the next day takes 23:59:59 again, then itself.
    QTRY_VERIFY_WITH_TIMEOUT(stored.size() >= 2, 10000);
    service.stop();
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains("disk I/O error (simulated)"));
    QCOMPARE(stored.at(0).at(1).toDate(), QDate(2026, 7, 24));
    QCOMPARE(stored.at(0).at(2).toDateTime(), utc(23, 59, 59));
    QCOMPARE(stored.at(1).at(1).toDate(), QDate(2026, 7, 25));

    Connection c(m_db->location());
    const auto eod = SnapshotStore(c).load("EQ", QDate(2026, 7, 24));
    QVERIFY(eod);
    QCOMPARE(eod->instant, utc(23, 59, 59));
    QCOMPARE(eod->positions.constFirst().quantity, Quantity(150)); // T2 at 23:59:58 is in
}

void TestServices::badBookNeverStopsTheOthers()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}, {"T2", "BAD", "X", 50, 12, utc(9, 0)},
               {"T3", "FI", "X", 20, 11, utc(9, 0)}});
    {
        Connection c(m_db->location());
        refuseSnapshots(c, "poison", "NEW.book_id = 'BAD'", "poisoned book");
    }
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("UTC"));
    service.setClock(fakeClock(utc(10, 0, 0, 300)));
    service.setInterval(1);
    QSignalSpy failed(&service, &SnapshotService::snapshotFailed);
    QSignalSpy stored(&service, &SnapshotService::snapshotStored);
    service.start();
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 1, 10000);
    service.stop();
    const QString why = failed.first().first().toString();
    QVERIFY2(why.contains("BAD: ") && why.contains("poisoned book"), qPrintable(why));
    QStringList books;
    for (const QList<QVariant> &s : std::as_const(stored))
        books.append(s.at(0).toString());
    QVERIFY2(books.contains("EQ") && books.contains("FI") && !books.contains("BAD"), qPrintable(books.join(u',')));

    Connection c(m_db->location());
    QVERIFY(SnapshotStore(c).load("EQ", QDate(2026, 7, 24)));
    QVERIFY(SnapshotStore(c).load("FI", QDate(2026, 7, 24)));
    QVERIFY(!SnapshotStore(c).load("BAD", QDate(2026, 7, 24)));
}

void TestServices::finalSnapshotOnlyWhenChanged()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    SnapshotService service(m_db->location());
    service.setDeskTimeZone(QTimeZone("UTC"));
    QDateTime now = utc(10, 0);
    service.setClock([&now] { return now; });
    QSignalSpy stored(&service, &SnapshotService::snapshotStored);
    service.snapshotNow();
    QTRY_COMPARE(stored.size(), 1);

    now = utc(10, 5);
    service.finalSnapshot(); // nothing new since 10:00
    QCOMPARE(stored.size(), 1);

    addTrades({{"T2", "EQ", "X", 5, 11, utc(10, 3)}});
    now = utc(10, 6);
    service.finalSnapshot();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.last().at(2).toDateTime(), utc(10, 6));

    // Quitting during a tick: the tick is published once, not again later.
    addTrades({{"T3", "EQ", "X", 5, 12, utc(10, 7)}});
    now = utc(10, 8);
    service.snapshotNow();
    service.finalSnapshot();
    QCOMPARE(stored.size(), 3);
    // The tick's own finished signal is queued by now: deliver it, and it
    // must not publish the tick again.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(stored.size(), 3);
}

void TestServices::rankingFollowsStoredSnapshots()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    SnapshotService snapshots(m_db->location());
    snapshots.setDeskTimeZone(QTimeZone("UTC"));
    snapshots.setClock([] { return utc(10, 0); });
    RankingService rankings(m_db->location());
    connect(&snapshots, &SnapshotService::snapshotStored, &rankings, &RankingService::onSnapshotStored);
    QSignalSpy built(&rankings, &RankingService::rankingBuilt);
    snapshots.snapshotNow();
    QTRY_COMPARE(built.size(), 1);
    QCOMPARE(built.first().at(0).toString(), QStringLiteral("EQ"));
    QCOMPARE(built.first().at(1).toDate(), QDate(2026, 7, 24));
    Connection c(m_db->location());
    const auto ranking = RankingStore(c).load("EQ", QDate(2026, 7, 24));
    QVERIFY(ranking);
    QCOMPARE(ranking->snapshotTime, utc(10, 0));
    QCOMPARE(*ranking->items.constFirst().collateralValue, 750.0); // 100 × 10 × (1 − 25%)
}

void TestServices::storedRankingKeepsItsHaircutsUntilRebuilt()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    RankingService rankings(m_db->location());
    {
        Connection c(m_db->location());
        SnapshotJob::run(c, utc(10, 0));
    }
    rankings.rebuild("EQ", QDate(2026, 7, 24));
    rankings.waitForDone();
    {
        Connection c(m_db->location());
        ReferenceDataStore(c).upsertHaircutOverrides({{"X", 0.5}});
        c.exec("UPDATE desk_settings SET value = '0.3' WHERE key = 'default_haircut'");
        QCOMPARE(*RankingStore(c).load("EQ", QDate(2026, 7, 24))->items.constFirst().haircut, 0.25);
    }
    QSignalSpy built(&rankings, &RankingService::rankingBuilt);
    QSignalSpy failed(&rankings, &RankingService::rankingFailed);
    {
        // Another writer holds the database, so the first rebuild is still
        // running (waiting to write) while the same book and day is asked
        // for twice more: one of those waits, the other is not queued again.
        Connection blocker(m_db->location());
        Transaction tx(blocker);
        holdWrites(blocker, "rankings");
        rankings.rebuild("EQ", QDate(2026, 7, 24));
        rankings.rebuild("EQ", QDate(2026, 7, 24));
        rankings.rebuild("EQ", QDate(2026, 7, 24));
        QVERIFY(rankings.isBusy());
    } // rolled back
    rankings.waitForDone();
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.constFirst().at(3).toString()));
    QCOMPARE(built.size(), 2);
    Connection c(m_db->location());
    QCOMPARE(*RankingStore(c).load("EQ", QDate(2026, 7, 24))->items.constFirst().haircut, 0.5);
}

// DESIGN.md §2: a ranking under an agreement is built when first asked for
// and rebuilt when the snapshot it came from is replaced by one with other
// positions; agreements nobody asked about for that day are not built.
void TestServices::agreementRankingsFollowReplacedSnapshots()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    {
        Connection c(m_db->location());
        AgreementStore agreements(c);
        agreements.upsertAgreements({{"GMSLA-1", "Atlas", AgreementType::GMSLA, "USD", std::nullopt, std::nullopt, {}},
                                     {"CSA-1", "Thames", AgreementType::CSA, "USD", std::nullopt, std::nullopt, {}}});
        QVERIFY(!agreements.replaceEligibility(
            {{"GMSLA-1", "R1", true, AssetClass::Fund, std::nullopt, {}, std::nullopt, {}, std::nullopt, 0.1},
             {"CSA-1", "R1", true, AssetClass::Cash, std::nullopt, {}, std::nullopt, {}, std::nullopt, 0.0}}));
        SnapshotJob::run(c, utc(10, 0));
    }
    SnapshotService snapshots(m_db->location());
    snapshots.setDeskTimeZone(QTimeZone("UTC"));
    RankingService rankings(m_db->location());
    connect(&snapshots, &SnapshotService::snapshotStored, &rankings, &RankingService::onSnapshotStored);
    QSignalSpy built(&rankings, &RankingService::rankingBuilt);
    rankings.rebuild("EQ", QDate(2026, 7, 24), "GMSLA-1"); // asked for by a user
    rankings.waitForDone();
    QCOMPARE(built.size(), 1);
    QCOMPARE(built.at(0).at(2).toString(), QStringLiteral("GMSLA-1"));

    // Other positions at 11:00 replace the day's snapshot: the desk ranking
    // and the one under GMSLA-1 are rebuilt from it, CSA-1's is not made.
    addTrades({{"T2", "EQ", "X", 50, 12, utc(10, 30)}});
    snapshots.setClock([] { return utc(11, 0); });
    built.clear();
    snapshots.snapshotNow();
    QTRY_COMPARE(built.size(), 2);
    rankings.waitForDone();
    QStringList agreementsBuilt;
    for (const QList<QVariant> &signal : std::as_const(built))
        agreementsBuilt << signal.at(2).toString();
    QCOMPARE(agreementsBuilt, (QStringList{QString(), QStringLiteral("GMSLA-1")}));
    Connection c(m_db->location());
    const auto under = RankingStore(c).load("EQ", QDate(2026, 7, 24), "GMSLA-1");
    QVERIFY(under);
    QCOMPARE(under->snapshotTime, utc(11, 0));
    // 150 at an average of 10.666…: 1,600 × (1 − 10%) = 1,440 (no market price: the average).
    QCOMPARE(std::round(*under->items.constFirst().collateralValue * 100.0) / 100.0, 1440.0);
    QVERIFY(!RankingStore(c).load("EQ", QDate(2026, 7, 24), "CSA-1"));
    QCOMPARE(RankingStore(c).agreementsRanked("EQ", QDate(2026, 7, 24)), QStringList{QStringLiteral("GMSLA-1")});
}

void TestServices::watcherFollowsTheLog()
{
    addTrades({{"T1", "EQ", "X", 100, 10, utc(9, 0)}});
    DeskReader reader(m_db->location());
    ChangeFeed watcher(m_db->location());
    watcher.setPollInterval(60000);
    QSignalSpy arrived(&watcher, &ChangeFeed::tradesArrived);
    QSignalSpy started(&watcher, &ChangeFeed::started);
    watcher.start();
    // Trades added before it knows the log's end would be taken for old.
    QVERIFY(started.wait());
    addTrades({{"T2", "EQ", "X", 5, 11, utc(9, 5)}, {"T3", "FI", "Y", 1, 99, utc(9, 6)}});
    watcher.poke();
    QTRY_COMPARE(arrived.size(), 1);
    const auto trades = arrived.first().first().value<QList<LoggedTrade>>();
    QCOMPARE(trades.size(), 2);
    QCOMPARE(trades[0].trade.tradeId, QStringLiteral("T2"));
    QVERIFY(trades[1].sequence > trades[0].sequence);
}

void TestServices::liveBook()
{
    LiveBook book = LiveBook::fold("EQ", {{"A", "EQ", "X", 100, 10, utc(9, 0)}}, 1);
    QCOMPARE(book.apply({"A", "EQ", "X", 100, 10, utc(9, 0)}, 1), LiveBook::Applied::AlreadyIn);
    QCOMPARE(book.apply({"B", "EQ", "X", -40, 12, utc(9, 5)}, 2), LiveBook::Applied::Applied);
    QCOMPARE(book.book().position("X")->realizedPnl, 80.0);
    // A late trade that belongs before B cannot go on top of it.
    QCOMPARE(book.apply({"C", "EQ", "X", 10, 9, utc(9, 1)}, 3), LiveBook::Applied::OutOfOrder);
    // Another instrument is independent.
    QCOMPARE(book.apply({"D", "EQ", "Y", 10, 9, utc(8, 0)}, 4), LiveBook::Applied::Applied);
    QCOMPARE(book.sequence(), 4);
}

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
