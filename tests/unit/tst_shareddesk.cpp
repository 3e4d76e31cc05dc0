// Several desks on one database (issue 9), on SQLite and PostgreSQL: the
// change feed in commit order, another desk's writes shown within two
// seconds, one snapshot taker, kept connections.

#include "common/testdatabase.h"
#include "services/changefeed.h"
#include "services/deskreader.h"
#include "services/snapshotservice.h"
#include "storage/bulkinsert.h"
#include "storage/connection.h"
#include "storage/referencedatastore.h"
#include "storage/snapshottaker.h"
#include "storage/tradestore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <sqlite3.h>

class TestSharedDesk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init();
    void cleanup() { m_db.reset(); }

    void feedMissesNoTradeCommittedLate();
    void anotherDeskShowsWithinTwoSeconds();
    void oneSnapshotTakerAndHandOver();
    void idleDeskOpensNoConnection();
    void instrumentsReadOnceUntilTheyChange();
    void readOnlyDeskWritesNothing();
    void deskReconnectsByItself();

private:
    int findesk(const QStringList &args, QString *err = nullptr, const QString &db = {});
    QString write(const QString &name, const QByteArray &content);

    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_dir;
};

static QDateTime at(int h, int m, int day = 24)
{
    return QDateTime(QDate(2026, 7, day), QTime(h, m), Qt::UTC);
}

void TestSharedDesk::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_db = std::make_unique<TestDatabase>(backend);
    if (!m_db->available())
        QSKIP(qPrintable(m_db->skipReason()));
    Connection c(m_db->location());
    c.exec("UPDATE desk_settings SET value = 'UTC' WHERE key = 'desk_timezone'");
}

int TestSharedDesk::findesk(const QStringList &args, QString *err, const QString &db)
{
    QProcess p;
    p.start(QStringLiteral(FINDESK_BINARY), QStringList{"--db", db.isEmpty() ? m_db->locationArgument() : db} + args);
    if (!p.waitForFinished(120000))
        qFatal("findesk %s did not finish", qPrintable(args.join(u' ')));
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString TestSharedDesk::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

static void sleepFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    QThread::msleep(sqlite3_value_int(argv[0]));
    sqlite3_result_null(context);
}

// Issue 9: desk 1 holds an open transaction with trade SLOW while desk 2
// commits FAST. A feed that read "after the last number seen" took FAST's
// number for the end of the log and never applied SLOW. Numbers are now
// drawn in commit order, so the feed sees both, SLOW first.
void TestSharedDesk::feedMissesNoTradeCommittedLate()
{
    {
        Connection c(m_db->location());
        TradeStore(c).upsertBooks({{"EQ", "EQ", {}}});
        if (c.dialect() == SqlDialect::PostgreSQL) {
            c.exec("CREATE FUNCTION slow_trade() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "IF NEW.trade_id = 'SLOW' THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$");
            c.exec("CREATE TRIGGER slow_trade BEFORE INSERT ON trades FOR EACH ROW EXECUTE FUNCTION slow_trade()");
        }
    }
    ChangeFeed feed(m_db->location());
    feed.setPollInterval(50);
    QSignalSpy started(&feed, &ChangeFeed::started);
    QSignalSpy arrived(&feed, &ChangeFeed::tradesArrived);
    feed.start();
    QVERIFY(started.wait());

    QFuture<void> slow = QtConcurrent::run([location = m_db->location()] {
        Connection c(location);
        if (c.dialect() == SqlDialect::SQLite) {
            // This connection's own trigger: SLOW takes 1.5 s inside its transaction.
            sqlite3_create_function(BulkInsert::sqliteHandle(c), "sleep_ms", 1, SQLITE_UTF8, nullptr, &sleepFunction,
                                    nullptr, nullptr);
            c.exec("CREATE TEMP TRIGGER slow_trade BEFORE INSERT ON main.trades WHEN NEW.trade_id = 'SLOW' "
                   "BEGIN SELECT sleep_ms(1500); END");
        }
        TradeStore(c).insert({{"SLOW", "EQ", "X", 1, 10, at(9, 0)}});
    });
    QThread::msleep(400); // SLOW is in its transaction now
    QFuture<void> fast = QtConcurrent::run([location = m_db->location()] {
        Connection c(location);
        TradeStore(c).insert({{"FAST", "EQ", "X", 2, 10, at(9, 1)}});
    });
    slow.waitForFinished();
    fast.waitForFinished();

    QStringList seen;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
        seen.clear();
        for (const auto &signal : std::as_const(arrived)) {
            for (const LoggedTrade &t : signal.constFirst().value<QList<LoggedTrade>>())
                seen << t.trade.tradeId;
        }
        return seen.size() >= 2;
    }()), 5000);
    QCOMPARE(seen, (QStringList{"SLOW", "FAST"}));
}

// Issue 9: another desk's booked trade, stored snapshot, rebuilt ranking,
// imported reference data and settings show within two seconds. Desk A is
// another process (the command line); desk B is a feed here.
void TestSharedDesk::anotherDeskShowsWithinTwoSeconds()
{
    ChangeFeed feed(m_db->location());
    QSignalSpy started(&feed, &ChangeFeed::started);
    QSignalSpy trades(&feed, &ChangeFeed::tradesArrived);
    QSignalSpy snapshots(&feed, &ChangeFeed::snapshotStored);
    QSignalSpy rankings(&feed, &ChangeFeed::rankingStored);
    QSignalSpy reference(&feed, &ChangeFeed::referenceDataChanged);
    QSignalSpy agreements(&feed, &ChangeFeed::agreementsChanged);
    QSignalSpy settings(&feed, &ChangeFeed::settingsChanged);
    feed.start();
    QVERIFY(started.wait());

    QElapsedTimer clock;
    auto within2s = [&](QSignalSpy &spy) {
        return QTest::qWaitFor([&] { return !spy.isEmpty(); }, 2000) && clock.elapsed() < 2000;
    };
    QString err;
    QCOMPARE(findesk({"import-trades", write("t.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                                      "A1,NEWBOOK,X,100,10,2026-07-24T09:00:00Z\n")}, &err), 0);
    clock.start();
    QVERIFY2(within2s(trades), qPrintable(err));
    QCOMPARE(trades.constFirst().constFirst().value<QList<LoggedTrade>>().constFirst().trade.bookId, QStringLiteral("NEWBOOK"));

    QCOMPARE(findesk({"snapshot", "--at", "2026-07-24T17:00:00Z"}, &err), 0);
    clock.start();
    QVERIFY2(within2s(snapshots), qPrintable(err));
    QCOMPARE(snapshots.constFirst().at(0).toString(), QStringLiteral("NEWBOOK"));
    QCOMPARE(snapshots.constFirst().at(1).toDate(), QDate(2026, 7, 24));
    QVERIFY(within2s(rankings)); // the command rebuilds the day's ranking
    QCOMPARE(rankings.constFirst().at(2).toString(), QString());

    QCOMPARE(findesk({"import-fx", write("fx.csv", "currency_pair,business_date,rate\nEURUSD,2026-07-24,1.1\n")}, &err), 0);
    clock.start();
    QVERIFY2(within2s(reference), qPrintable(err));
    QCOMPARE(findesk({"import-agreements", write("a.csv", "agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer\n"
                                                          "G1,Bank,GMRA,EUR,,,\n")}, &err), 0);
    clock.start();
    QVERIFY2(within2s(agreements), qPrintable(err));
    QCOMPARE(findesk({"init", "--base-currency", "EUR"}, &err), 0);
    clock.start();
    QVERIFY2(within2s(settings), qPrintable(err));
    // Each change once, however many rows it wrote.
    QCOMPARE(reference.size(), 1);
}

// Issue 9: several windows on one database do not all run the tick: one
// takes it, the others follow, and one of them takes over within one
// interval when the taker goes away.
void TestSharedDesk::oneSnapshotTakerAndHandOver()
{
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}});
    }
    // A desk of another database on the same PostgreSQL server holds its
    // own role: not this database's (advisory locks are per database, and
    // pg_locks lists the whole cluster's).
    std::unique_ptr<Connection> otherDesk;
    if (m_db->location().kind == DatabaseLocation::Kind::PostgreSQL) {
        DatabaseLocation other = m_db->location();
        other.database = QStringLiteral("findesk_other_desk");
        {
            Connection c(m_db->location());
            QSqlQuery exists = c.exec("SELECT COUNT(*) FROM pg_database WHERE datname = 'findesk_other_desk'");
            exists.next();
            if (exists.value(0).toInt() == 0)
                c.exec("CREATE DATABASE findesk_other_desk");
        }
        otherDesk = std::make_unique<Connection>(other);
        SnapshotTaker taker(other);
        QVERIFY(taker.claim(*otherDesk));
    }
    auto a = std::make_unique<SnapshotService>(m_db->location());
    SnapshotService b(m_db->location());
    for (SnapshotService *s : {a.get(), &b}) {
        s->setDeskTimeZone(QTimeZone("UTC"));
        s->setInterval(1);
    }
    QSignalSpy aRole(a.get(), &SnapshotService::takerChanged);
    QSignalSpy bRole(&b, &SnapshotService::takerChanged);
    QSignalSpy aStored(a.get(), &SnapshotService::tickFinished);
    QSignalSpy bTicks(&b, &SnapshotService::tickFinished);
    a->start();
    QVERIFY(aRole.wait());
    QCOMPARE(aRole.constLast().at(0).toBool(), true);
    b.start();
    QVERIFY(bRole.wait());
    QCOMPARE(bRole.constLast().at(0).toBool(), false);
    QVERIFY2(bRole.constLast().at(1).toString().contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(bRole.constLast().at(1).toString()));
    // Ticks every second: A takes them, B takes none.
    QTRY_VERIFY_WITH_TIMEOUT(aStored.size() >= 2, 5000);
    QCOMPARE(bTicks.size(), 0);
    QCOMPARE(b.takesSnapshots(), std::optional<bool>(false));

    a.reset(); // the window closes (or its process dies): its lock goes with it
    QElapsedTimer handOver;
    handOver.start();
    QTRY_VERIFY_WITH_TIMEOUT(bRole.size() == 2, 3000);
    QCOMPARE(bRole.constLast().at(0).toBool(), true);
    QVERIFY(handOver.elapsed() <= 2000); // within one interval (1 s) and the tick that follows
    QTRY_VERIFY_WITH_TIMEOUT(!bTicks.isEmpty(), 3000);
}

// Issue 9: every read, poll and tick opened a connection (and checked the
// schema again); a desk now keeps one per worker and opens none while idle.
void TestSharedDesk::idleDeskOpensNoConnection()
{
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}});
    }
    const quint64 before = Connection::openedCount();
    DeskReader reader(m_db->location());
    ChangeFeed feed(m_db->location());
    feed.setPollInterval(100);
    QSignalSpy started(&feed, &ChangeFeed::started);
    feed.start();
    QVERIFY(started.wait());
    // Thirty reads, waited for as the window does (not with
    // waitForFinished(), which may run a task on this thread itself): one
    // connection per read thread (two), not one per read.
    auto settled = [](const auto &future) { return QTest::qWaitFor([&] { return future.isFinished(); }, 10000); };
    for (int i = 0; i < 10; ++i) {
        QVERIFY(settled(reader.books()));
        QVERIFY(settled(reader.blotter("EQ", 100)));
        const auto counts = reader.openPositionCounts();
        QVERIFY(settled(counts));
        QVERIFY(counts.result().ok());
    }
    QVERIFY2(Connection::openedCount() - before <= 3, qPrintable(QString::number(Connection::openedCount() - before)));

    // Idle: the feed looks for changes every 100 ms on the connection it keeps.
    const quint64 idle = Connection::openedCount();
    QTest::qWait(1500);
    QCOMPARE(Connection::openedCount(), idle);
}

// Issue 12: the positions, end-of-day and trades tabs each read the
// instruments for one book (100,000 instruments are about 40 MB a copy).
// The reader keeps one map and shares it until reference data changes, on
// this desk or another.
void TestSharedDesk::instrumentsReadOnceUntilTheyChange()
{
    auto instrument = [](const QString &id, const QString &name) {
        Instrument in;
        in.instrumentId = id;
        in.name = name;
        in.currency = "EUR";
        in.assetClass = AssetClass::Bond;
        return in;
    };
    {
        Connection c(m_db->location());
        ReferenceDataStore(c).upsertInstruments({instrument("A", "Alpha"), instrument("B", "Beta")});
        TradeStore(c).insert({{"T1", "EQ", "A", 100, 10, at(9, 0)}});
    }
    DeskReader reader(m_db->location());
    auto settled = [](const auto &future) {
        return QTest::qWaitFor([&] { return future.isFinished(); }, 10000) && future.result().ok();
    };
    const auto first = reader.instruments();
    const auto blotter = reader.blotter("EQ", 10);
    QVERIFY(settled(first));
    QVERIFY(settled(blotter));
    QCOMPARE(first.result().value.size(), 2);
    QVERIFY(first.result().value.isSharedWith(blotter.result().value.instruments));

    // Another desk renames one and adds one: the next read has them.
    {
        Connection other(m_db->location());
        ReferenceDataStore(other).upsertInstruments({instrument("B", "Beta 2"), instrument("C", "Gamma")});
    }
    const auto second = reader.instruments();
    QVERIFY(settled(second));
    QCOMPARE(second.result().value.size(), 3);
    QCOMPARE(second.result().value.value("B").name, QStringLiteral("Beta 2"));
    QVERIFY(!second.result().value.isSharedWith(first.result().value));
    const auto third = reader.instruments();
    QVERIFY(settled(third));
    QVERIFY(third.result().value.isSharedWith(second.result().value));
}

// Issue 9: a role without write grants gets a desk that says so: the batch
// commands that write exit 3 with the reason and change nothing; reading
// works, and a ranking not stored yet is built for it, not stored.
void TestSharedDesk::readOnlyDeskWritesNothing()
{
    if (m_db->location().kind != DatabaseLocation::Kind::PostgreSQL)
        QSKIP("a role without write grants is PostgreSQL's (file modes do not stop root's SQLite writes)");
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}});
    }
    QCOMPARE(findesk({"snapshot", "--at", "2026-07-24T17:00:00Z"}), 0);
    {
        Connection c(m_db->location());
        c.exec("DELETE FROM rankings");
    }
    const QString reader = m_db->readOnlyLocation().toString();
    auto count = [this](const char *table) {
        Connection c(m_db->location());
        QSqlQuery q = c.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1StringView(table)));
        q.next();
        return q.value(0).toInt();
    };

    QString err;
    const QString trades = write("r.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                          "R1,EQ,X,5,10,2026-07-24T10:00:00Z\n");
    QCOMPARE(findesk({"import-trades", trades}, &err, reader), 3);
    QVERIFY2(err.contains("import-trades writes to the database") && err.contains("\"findesk_reader\" may only read")
                 && err.contains("nothing was changed"), qPrintable(err));
    QCOMPARE(count("trades"), 1);
    QCOMPARE(findesk({"snapshot"}, &err, reader), 3);
    QVERIFY2(err.contains("may only read"), qPrintable(err));
    QCOMPARE(findesk({"positions", "--format", "csv"}, &err, reader), 0);
    QCOMPARE(findesk({"ranking", "--book", "EQ", "--date", "2026-07-24"}, &err, reader), 0);
    QVERIFY2(err.contains("built now and not stored"), qPrintable(err));
    QCOMPARE(count("rankings"), 0);

    // The window's session: no snapshot timer, the reason known.
    DatabaseLocation location = m_db->readOnlyLocation();
    DeskReader deskReader(location);
    auto settings = deskReader.settings();
    QVERIFY(QTest::qWaitFor([&] { return settings.isFinished(); }, 10000));
    QVERIFY(settings.result().ok());
    QVERIFY2(settings.result().value.readOnlyReason.contains("findesk_reader"),
             qPrintable(settings.result().value.readOnlyReason));
    // A writer's desk is not read-only.
    DeskReader writer(m_db->location());
    auto own = writer.settings();
    QVERIFY(QTest::qWaitFor([&] { return own.isFinished(); }, 10000));
    QCOMPARE(own.result().value.readOnlyReason, QString());
}

// Issue 9: the server drops every connection (a restart, a failover, an
// administrator): the desk's reads go on without showing an error, the feed
// says it lost the database, follows again by itself, and misses nothing.
void TestSharedDesk::deskReconnectsByItself()
{
    if (m_db->location().kind != DatabaseLocation::Kind::PostgreSQL)
        QSKIP("a server that drops connections: PostgreSQL");
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}});
    }
    DeskReader reader(m_db->location());
    ChangeFeed feed(m_db->location());
    feed.setPollInterval(200);
    QSignalSpy started(&feed, &ChangeFeed::started);
    QSignalSpy failed(&feed, &ChangeFeed::failed);
    QSignalSpy resumed(&feed, &ChangeFeed::resumed);
    QSignalSpy arrived(&feed, &ChangeFeed::tradesArrived);
    feed.start();
    QVERIFY(started.wait());
    auto settled = [](const auto &future) { return QTest::qWaitFor([&] { return future.isFinished(); }, 10000); };
    for (int i = 0; i < 4; ++i) { // both read threads hold a connection
        auto books = reader.books();
        QVERIFY(settled(books));
        QVERIFY(books.result().ok());
    }

    {
        Connection admin(m_db->location());
        admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                   " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
    // Reads: as if nothing happened.
    for (int i = 0; i < 4; ++i) {
        auto books = reader.books();
        QVERIFY(settled(books));
        QVERIFY2(books.result().ok(), qPrintable(books.result().error));
        QCOMPARE(books.result().value.size(), 1);
    }
    // The feed: lost, then back, and what was written meanwhile arrives.
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T2", "EQ", "X", 5, 11, at(9, 5)}});
    }
    QTRY_VERIFY_WITH_TIMEOUT(!resumed.isEmpty(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 5000);
    QCOMPARE(arrived.constLast().constFirst().value<QList<LoggedTrade>>().constLast().trade.tradeId, QStringLiteral("T2"));
}

QTEST_GUILESS_MAIN(TestSharedDesk)
#include "tst_shareddesk.moc"
