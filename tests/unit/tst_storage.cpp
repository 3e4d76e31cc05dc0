// The schema and the stores, run on SQLite and on PostgreSQL: migrations,
// the trade log, and the newest-wins end-of-day snapshot rule.
#include "common/testdatabase.h"
#include "services/demodata.h"
#include "services/rankingjob.h"
#include "services/valuationjob.h"
#include "storage/agreementstore.h"
#include "storage/bulkinsert.h"
#include "storage/changestore.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/keptconnection.h"
#include "storage/positionstore.h"
#include "storage/rankingstore.h"
#include "storage/referencedatastore.h"
#include "storage/schema.h"
#include "storage/snapshotstore.h"
#include "storage/storageerror.h"
#include "storage/tradestore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent>

#include <atomic>

#include <sqlite3.h>

class TestStorage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void schemaIsCreatedOnce();
    void pageCacheIsLargeOnlyForWrites();
    void newerSchemaIsRefusedUntouched();
    void deskSettings();
    void tradesInsertSkipAndConflict();
    void idsAreKeptByteForByte();
    void foldFromTheLog();
    void changeDetection();
    void snapshotNewestWins_data();
    void snapshotNewestWins();
    void unchangedSnapshotOnlyMovesTheInstant();
    void emptySnapshot();
    void failedReplacementLeavesTheOldWhole();
    void readersSeeWholeSnapshots();
    void concurrentWritersKeepTheNewest();
    void listWithValuesUsesQuoteConvention();
    void bulkInsertAcrossBatches();
    void duplicateIdsInOneBulkInsert();
    void failedBulkStatementIsNamedNotQuoted();
    void sqliteHandleOnlyWhenItIsOurs();
    void snapshotRowsKeepAwkwardText();
    void referenceDataAndRankingInputs();
    void rankingRoundTrip();
    void rankingNewestWins();
    void changeLogInCommitOrderAndPruned();
    void quantitiesRoundTripExactly();
    void booksFxAndDeskCurrency();
    void demoMoneyIsRightToTheCent();
    void upgradesADatabaseOfRelease1();

private:
    std::unique_ptr<TestDatabase> m_db;
};

static QDateTime at(int h, int m, int day = 24)
{
    return QDateTime(QDate(2026, 7, day), QTime(h, m), Qt::UTC);
}

static PositionSnapshot snapshotOf(const QString &book, const QDateTime &instant, const QList<std::pair<QString, Quantity>> &positions)
{
    PositionSnapshot s;
    s.bookId = book;
    s.instant = instant;
    s.businessDate = instant.date();
    for (const auto &[id, q] : positions)
        s.positions.append(Position{book, id, q, 10.0, 0.0});
    return s;
}

static void addBook(const Connection &c, const QString &book)
{
    TradeStore(c).upsertBooks({{book, book, {}}});
}

// "sqlite-qtsql": SQLite as on a Qt whose plugin carries its own SQLite,
// where BulkInsert and RowReader must not drive QtSql's handle with our
// libsqlite3 and go through QtSql instead: every test passes that way too.
static QString engine(const QString &backend)
{
    return backend == u"sqlite-qtsql" ? QStringLiteral("sqlite") : backend;
}

void TestStorage::initTestCase_data()
{
    TestDatabase::addBackendRows();
    QTest::newRow("sqlite-qtsql") << QStringLiteral("sqlite-qtsql");
}

void TestStorage::cleanup()
{
    m_db.reset();
    BulkInsert::forceQtSqlForTests(false);
}

void TestStorage::init()
{
    QFETCH_GLOBAL(QString, backend);
    BulkInsert::forceQtSqlForTests(backend == u"sqlite-qtsql");
    m_db = std::make_unique<TestDatabase>(engine(backend));
    if (!m_db->available())
        QSKIP(qPrintable(m_db->skipReason()));
}

void TestStorage::schemaIsCreatedOnce()
{
    {
        Connection c(m_db->location());
        QCOMPARE(Schema::version(c), Schema::LatestVersion);
    }
    Connection again(m_db->location());
    QCOMPARE(Schema::version(again), Schema::LatestVersion);
    QSqlQuery q = again.exec(QStringLiteral("SELECT COUNT(*) FROM schema_info"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

// Issue 12: every SQLite connection kept up to 64 MB of pages, 43 MB of the
// window's peak with a 100,000-position book. A reader keeps a few MB; a
// connection that writes keeps more until its task ends (shrinking it after
// each transaction made a tick of 55 transactions 20 % slower).
void TestStorage::pageCacheIsLargeOnlyForWrites()
{
    const auto cacheKiB = [](const Connection &c) {
        QSqlQuery q = c.exec(QStringLiteral("PRAGMA cache_size"));
        return q.next() ? -q.value(0).toInt() : 0;
    };
    {
        Connection c(m_db->location());
        if (c.dialect() != SqlDialect::SQLite)
            QSKIP("SQLite's page cache");
        QCOMPARE(cacheKiB(c), Connection::ReadCacheKiB);
        {
            ReadTransaction view(c);
            QCOMPARE(cacheKiB(c), Connection::ReadCacheKiB);
        }
        {
            Transaction tx(c);
            QCOMPARE(cacheKiB(c), Connection::WriteCacheKiB);
            tx.commit();
        }
        QCOMPARE(cacheKiB(c), Connection::WriteCacheKiB);
        c.releasePageCache();
        QCOMPARE(cacheKiB(c), Connection::ReadCacheKiB);
    }
    // A kept connection idles with the reader's size once its task is done.
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    pool.setExpiryTimeout(-1);
    const DatabaseLocation location = m_db->location();
    const int during = QtConcurrent::run(&pool, [&] {
        const KeptConnection::Lease lease(location);
        Transaction tx(*lease);
        tx.commit();
        return cacheKiB(*lease);
    }).result();
    QCOMPARE(during, Connection::WriteCacheKiB);
    const int after = QtConcurrent::run(&pool, [&] {
        const KeptConnection::Lease lease(location);
        return cacheKiB(*lease);
    }).result();
    QCOMPARE(after, Connection::ReadCacheKiB);
    QtConcurrent::run(&pool, [] {}).waitForFinished();
}

void TestStorage::newerSchemaIsRefusedUntouched()
{
    {
        Connection c(m_db->location());
        c.exec(QStringLiteral("UPDATE schema_info SET version = 99"));
        c.exec(QStringLiteral("UPDATE desk_settings SET value = 'Asia/Tokyo' WHERE key = 'desk_timezone'"));
    }
    QByteArray before;
    if (m_db->location().kind == DatabaseLocation::Kind::SQLite) {
        QFile f(m_db->location().path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        before = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
    }
    try {
        Connection refused(m_db->location());
        QFAIL("a newer schema must be refused");
    } catch (const StorageError &e) {
        QVERIFY2(e.message().contains(u"newer FinDesk"), qPrintable(e.message()));
        QVERIFY(e.message().contains(u"99"));
    }
    if (!before.isEmpty()) {
        QFile f(m_db->location().path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1), before);
    }
}

void TestStorage::deskSettings()
{
    Connection c(m_db->location());
    DeskSettingsStore settings(c);
    QCOMPARE(settings.defaultHaircut(), 0.10);
    settings.setDeskTimeZone(QTimeZone("America/New_York"));
    settings.setDefaultHaircut(0.125);
    QCOMPARE(settings.deskTimeZone().id(), QByteArray("America/New_York"));
    QCOMPARE(settings.defaultHaircut(), 0.125);
}

void TestStorage::tradesInsertSkipAndConflict()
{
    Connection c(m_db->location());
    TradeStore trades(c);
    const TradeList first = {
        {"T1", "EQ", "X", 100, 10, at(9, 0)},
        {"T2", "EQ", "Y", -5, 20.5, at(9, 1)},
    };
    auto result = trades.insert(first);
    QCOMPARE(result.inserted, 2);
    QVERIFY(!result.conflict);
    QCOMPARE(trades.books().size(), 1);

    // Again, plus one new: the two known are skipped and counted.
    TradeList again = first;
    again.append({"T3", "FI", "Z", 1, 99, at(9, 2)});
    result = trades.insert(again);
    QCOMPARE(result.inserted, 1);
    QCOMPARE(result.skipped, 2);
    QCOMPARE(trades.books().size(), 2);

    // T2 with other content: nothing of this batch is written.
    const qint64 sequence = trades.lastSequence();
    const TradeList conflicting = {
        {"T4", "EQ", "X", 1, 10, at(9, 3)},
        {"T2", "EQ", "Y", -6, 20.5, at(9, 1)},
    };
    result = trades.insert(conflicting);
    QVERIFY(result.conflict);
    QCOMPARE(*result.conflict, 1);
    QCOMPARE(result.stored.quantity, Quantity(-5));
    QCOMPARE(trades.lastSequence(), sequence);
    QVERIFY(trades.insertedAfter(sequence).isEmpty());
}

void TestStorage::idsAreKeptByteForByte()
{
    // DESIGN.md §2: a U+FEFF inside an id is part of it, on both engines.
    // SQLite used to drop it at the start of a bound text (and to byte-swap
    // a text starting with U+FFFE), so "\uFEFFBOM1" collided with "BOM1".
    const QString bom = QString(QChar(0xFEFF)) + QStringLiteral("BOM1");
    const QString swapped = QString(QChar(0xFFFE)) + QStringLiteral("AB");
    const QString book = QString(QChar(0xFEFF)) + QStringLiteral("EQ");
    Connection c(m_db->location());
    TradeStore trades(c);
    const auto result = trades.insert({{bom, book, bom, 10, 5, at(9, 0)},
                                       {QStringLiteral("BOM1"), QStringLiteral("EQ"), QStringLiteral("BOM1"), 20, 5, at(9, 0)},
                                       {swapped, book, swapped, 30, 5, at(9, 0)}});
    QCOMPARE(result.inserted, 3);
    QVERIFY(!result.conflict);
    // The bytes stored (U+FFFE is a noncharacter: SQLite hands it back as
    // U+FFFD, so it is checked here and not read back).
    QSqlQuery hex = c.exec(c.sql("SELECT hex(trade_id) FROM trades ORDER BY trade_seq",
                                 "SELECT upper(encode(convert_to(trade_id, 'UTF8'), 'hex')) FROM trades ORDER BY trade_seq"));
    QStringList bytes;
    while (hex.next())
        bytes << hex.value(0).toString();
    QCOMPARE(bytes, (QStringList{"EFBBBF424F4D31", "424F4D31", "EFBFBE4142"}));
    // Read back (QPSQL alone would drop the leading U+FEFF).
    QStringList stored;
    for (const LoggedTrade &t : trades.insertedAfter(0))
        stored << t.trade.tradeId << t.trade.bookId << t.trade.instrumentId;
    QCOMPARE(stored.mid(0, 6), (QStringList{bom, book, bom, QStringLiteral("BOM1"), QStringLiteral("EQ"), QStringLiteral("BOM1")}));
    // A repeat is found by its exact id (a bound parameter, not BulkInsert).
    QCOMPARE(trades.insert({{bom, book, bom, 10, 5, at(9, 0)}}).skipped, 1);
    QCOMPARE(trades.trades(book).size(), 2);
    QCOMPARE(trades.positionsAsOf(at(10, 0), book).size(), 1);

    ReferenceDataStore reference(c);
    QCOMPARE(reference.upsertHaircutOverrides({{bom, 0.1}, {QStringLiteral("BOM1"), 0.2}}).inserted, 2);
    const auto overrides = reference.haircutOverrides();
    QCOMPARE(overrides.size(), 2);
    QCOMPARE(overrides.value(bom), 0.1);
    QCOMPARE(overrides.value(QStringLiteral("BOM1")), 0.2);
}

void TestStorage::foldFromTheLog()
{
    Connection c(m_db->location());
    TradeStore trades(c);
    // Stored out of order; the fold must follow trade time, then trade id.
    trades.insert({
        {"W3", "EQ", "AAPL", -100, 185, at(15, 0)},
        {"W1", "EQ", "AAPL", 100, 180, at(13, 30)},
        {"W2", "EQ", "AAPL", -50, 182, at(14, 0)},
        {"W4", "EQ", "AAPL", 50, 183, at(16, 0)},
        {"B1", "FI", "BUND", 1000000, 99.5, at(10, 0)},
    });
    auto books = trades.positionsAsOf(at(15, 0));
    QCOMPARE(books.size(), 2);
    QCOMPARE(books[0].bookId(), QStringLiteral("EQ"));
    const Position *p = books[0].position("AAPL");
    QCOMPARE(p->quantity, Quantity(-50));
    QCOMPARE(p->averagePrice, 185.0);
    QCOMPARE(p->realizedPnl, 350.0);

    books = trades.positionsAsOf(at(16, 0), "EQ");
    QCOMPARE(books.size(), 1);
    QCOMPARE(books[0].position("AAPL")->realizedPnl, 450.0);
    QVERIFY(books[0].positions().isEmpty());
    QCOMPARE(books[0].positions(true).size(), 1);

    QVERIFY(trades.positionsAsOf(at(9, 59)).isEmpty());
    const auto counts = PositionStore(c).openPositionCounts(at(16, 0));
    QCOMPARE(counts.value("EQ"), 0);
    QCOMPARE(counts.value("FI"), 1);
    QCOMPARE(trades.trades("EQ").first().tradeId, QStringLiteral("W1"));
}

void TestStorage::changeDetection()
{
    Connection c(m_db->location());
    TradeStore trades(c);
    trades.insert({{"A", "EQ", "X", 1, 1, at(10, 0)}, {"B", "EQ", "X", 1, 1, at(12, 0)}});
    const qint64 seq = trades.lastSequence();
    QVERIFY(!trades.changedSince(seq, at(10, 0), at(11, 0)));
    QVERIFY(trades.changedSince(seq, at(10, 0), at(12, 0))); // B becomes visible
    trades.insert({{"C", "EQ", "X", 1, 1, at(9, 0)}});         // late trade
    QVERIFY(trades.changedSince(seq, at(10, 0), at(11, 0)));
    QCOMPARE(trades.insertedAfter(seq).size(), 1);
    QCOMPARE(trades.insertedAfter(seq).constFirst().trade.tradeId, QStringLiteral("C"));
    QCOMPARE(trades.trades("EQ", seq).size(), 2);
}

void TestStorage::snapshotNewestWins_data()
{
    QTest::addColumn<QList<QDateTime>>("instants");
    QTest::addColumn<QList<int>>("outcomes");
    QTest::addColumn<QDateTime>("kept");
    using O = SnapshotStore::Outcome;
    QTest::newRow("in order") << QList<QDateTime>{at(10, 0), at(10, 10), at(10, 20)}
                              << QList<int>{int(O::Inserted), int(O::Replaced), int(O::Replaced)} << at(10, 20);
    QTest::newRow("late one discarded") << QList<QDateTime>{at(10, 20), at(10, 10)}
                                        << QList<int>{int(O::Inserted), int(O::DiscardedOlder)} << at(10, 20);
    QTest::newRow("same instant discarded") << QList<QDateTime>{at(10, 20), at(10, 20)}
                                            << QList<int>{int(O::Inserted), int(O::DiscardedOlder)} << at(10, 20);
}

void TestStorage::snapshotNewestWins()
{
    QFETCH(QList<QDateTime>, instants);
    QFETCH(QList<int>, outcomes);
    QFETCH(QDateTime, kept);
    Connection c(m_db->location());
    addBook(c, "EQ");
    SnapshotStore store(c);
    for (int i = 0; i < instants.size(); ++i) {
        // Each instant has its own content: the minute is the quantity.
        const auto result = store.store(snapshotOf("EQ", instants[i], {{"X", Quantity(instants[i].time().minute() + 1)}}));
        QCOMPARE(int(result.outcome), outcomes[i]);
    }
    const auto loaded = store.load("EQ", kept.date());
    QVERIFY(loaded);
    QCOMPARE(loaded->instant, kept);
    QCOMPARE(loaded->positions.constFirst().quantity, Quantity(kept.time().minute() + 1));
    QCOMPARE(store.list("EQ", {}, {}).size(), 1);
}

void TestStorage::unchangedSnapshotOnlyMovesTheInstant()
{
    Connection c(m_db->location());
    addBook(c, "EQ");
    SnapshotStore store(c);
    const QList<std::pair<QString, Quantity>> positions = {{"A", 1}, {"B", 2}, {"C", 3}};
    QCOMPARE(store.store(snapshotOf("EQ", at(10, 0), positions)).outcome, SnapshotStore::Outcome::Inserted);

    qint64 before = 0;
    if (c.dialect() == SqlDialect::SQLite) {
        QSqlQuery q = c.exec("SELECT total_changes()");
        q.next();
        before = q.value(0).toLongLong();
    }
    QCOMPARE(store.store(snapshotOf("EQ", at(10, 10), positions)).outcome, SnapshotStore::Outcome::InstantMoved);
    if (c.dialect() == SqlDialect::SQLite) {
        QSqlQuery q = c.exec("SELECT total_changes()");
        q.next();
        QCOMPARE(q.value(0).toLongLong() - before, 2); // the header row, and the change log's row saying so
    }
    const auto loaded = store.load("EQ", at(10, 0).date());
    QCOMPARE(loaded->instant, at(10, 10));
    QCOMPARE(loaded->positions.size(), 3);
    // An older one with the same content is still discarded.
    QCOMPARE(store.store(snapshotOf("EQ", at(10, 5), positions)).outcome, SnapshotStore::Outcome::DiscardedOlder);
}

void TestStorage::emptySnapshot()
{
    Connection c(m_db->location());
    addBook(c, "EQ");
    SnapshotStore store(c);
    store.store(snapshotOf("EQ", at(10, 0), {{"A", 1}}));
    QCOMPARE(store.store(snapshotOf("EQ", at(11, 0), {})).outcome, SnapshotStore::Outcome::Replaced);
    const auto loaded = store.load("EQ", at(11, 0).date());
    QVERIFY(loaded);
    QVERIFY(loaded->positions.isEmpty());
    QCOMPARE(store.list("EQ", {}, {}).constFirst().positionCount, 0);
}

void TestStorage::failedReplacementLeavesTheOldWhole()
{
    Connection c(m_db->location());
    addBook(c, "EQ");
    SnapshotStore store(c);
    store.store(snapshotOf("EQ", at(10, 0), {{"A", 1}, {"B", 2}}));
    // The third row breaks a constraint half-way through the write.
    auto bad = snapshotOf("EQ", at(11, 0), {{"A", 5}, {"B", 6}, {"C", 0}});
    QVERIFY_THROWS_EXCEPTION(StorageError, store.store(bad));
    const auto loaded = store.load("EQ", at(10, 0).date());
    QCOMPARE(loaded->instant, at(10, 0));
    QCOMPARE(loaded->positions.size(), 2);
    QCOMPARE(loaded->positions[0].quantity, Quantity(1));
    QCOMPARE(loaded->positions[1].quantity, Quantity(2));
}

void TestStorage::readersSeeWholeSnapshots()
{
    {
        Connection c(m_db->location());
        addBook(c, "EQ");
    }
    // A writer replaces the day's snapshot again and again; every position of
    // version v has quantity v. A reader must never see two versions mixed.
    std::atomic<bool> done = false;
    const DatabaseLocation location = m_db->location();
    auto writer = QtConcurrent::run([location, &done] {
        Connection c(location);
        SnapshotStore store(c);
        for (int v = 1; v <= 40; ++v) {
            QList<std::pair<QString, Quantity>> positions;
            for (int i = 0; i < 200; ++i)
                positions.append({QStringLiteral("I%1").arg(i, 4, 10, QChar(u'0')), Quantity(v)});
            store.store(snapshotOf("EQ", at(10, 0).addSecs(v), positions));
        }
        done = true;
    });
    int mixed = 0, reads = 0;
    {
        Connection c(m_db->location());
        SnapshotStore store(c);
        while (!done) {
            const auto s = store.load("EQ", at(10, 0).date());
            if (!s)
                continue;
            ++reads;
            const Quantity v = s->positions.value(0).quantity;
            for (const Position &p : s->positions)
                mixed += p.quantity != v;
            if (s->positions.size() != 200)
                ++mixed;
        }
    }
    writer.waitForFinished();
    QCOMPARE(mixed, 0);
    QVERIFY(reads > 0);
}

void TestStorage::concurrentWritersKeepTheNewest()
{
    {
        Connection c(m_db->location());
        addBook(c, "EQ");
    }
    const DatabaseLocation location = m_db->location();
    // Two desks store interleaved instants of the same day at once.
    auto desk = [location](int parity) {
        Connection c(location);
        SnapshotStore store(c);
        try {
            for (int i = parity; i < 60; i += 2)
                store.store(snapshotOf("EQ", at(10, 0).addSecs(i), {{"X", Quantity(int(i + 1))}}));
        } catch (const StorageError &e) {
            return e.message();
        }
        return QString();
    };
    auto a = QtConcurrent::run(desk, 0);
    auto b = QtConcurrent::run(desk, 1);
    QCOMPARE(a.result(), QString());
    QCOMPARE(b.result(), QString());
    Connection c(m_db->location());
    const auto kept = SnapshotStore(c).load("EQ", at(10, 0).date());
    QCOMPARE(kept->instant, at(10, 0).addSecs(59));
    QCOMPARE(kept->positions.constFirst().quantity, Quantity(60));
}

void TestStorage::listWithValuesUsesQuoteConvention()
{
    Connection c(m_db->location());
    addBook(c, "FI");
    c.exec("INSERT INTO instruments (instrument_id, name, asset_class, issuer_type, rating, currency, maturity_date, main_index) VALUES ('BUND', 'Bund', 'bond', 'sovereign', 'AAA', 'EUR', '2030-02-15', 0)");
    SnapshotStore store(c);
    PositionSnapshot s = snapshotOf("FI", at(17, 0), {});
    s.positions = {
        Position{"FI", "BUND", 1000000, 99.5, 0},   // 995,000 at 99.5% of nominal
        Position{"FI", "SHORT", -100, 20, 0},       // no reference data: per unit
    };
    store.store(s);
    // The book has no base currency of its own: the desk's, USD. EURUSD
    // 1.1 converts the Bund; SHORT has no reference data and is counted,
    // not added.
    ReferenceDataStore(c).upsertFxRates({{"EURUSD", at(17, 0).date().addDays(-3), 1.1}});
    auto summary = store.list("FI", at(17, 0).date(), at(17, 0).date()).constFirst();
    QCOMPARE(summary.positionCount, 2);
    QCOMPARE(summary.baseCurrency, QStringLiteral("USD"));
    QCOMPARE(qRound64(summary.netValue * 100), Q_INT64_C(109450000));
    QCOMPARE(qRound64(summary.grossValue * 100), Q_INT64_C(109450000));
    QCOMPARE(summary.marketValue, 0.0); // no price for the Bund
    QCOMPARE(summary.unconverted, 1);
    // Priced at 101 on the 23rd: 1,010,000 EUR, 1,111,000 USD.
    ReferenceDataStore(c).upsertPrices({{"BUND", at(17, 0).date().addDays(-1), 101.0}});
    summary = store.list("FI", at(17, 0).date(), at(17, 0).date()).constFirst();
    QCOMPARE(qRound64(summary.marketValue * 100), Q_INT64_C(111100000));
    // Without the rate the Bund is unconverted too.
    TradeStore(c).upsertBooks({{"FI", "Fixed income", "JPY"}});
    summary = store.list("FI", at(17, 0).date(), at(17, 0).date()).constFirst();
    QCOMPARE(summary.baseCurrency, QStringLiteral("JPY"));
    QCOMPARE(summary.unconverted, 2);
    QCOMPARE(summary.netValue, 0.0);
    QVERIFY(store.list("FI", at(17, 0).date().addDays(1), {}).isEmpty());
}

void TestStorage::bulkInsertAcrossBatches()
{
    // 450 trades: more than two PostgreSQL batches, with repeats of stored
    // trades falling in every batch.
    Connection c(m_db->location());
    TradeStore trades(c);
    TradeList first, second;
    for (int i = 0; i < 450; ++i) {
        const Trade t{QStringLiteral("B%1").arg(i), "EQ", QStringLiteral("I%1").arg(i % 7), Quantity(int(i + 1)), 10, at(9, 0).addSecs(i)};
        (i % 3 == 0 ? first : second).append(t);
    }
    QCOMPARE(trades.insert(first).inserted, 150);
    auto all = first + second;
    const auto result = trades.insert(all);
    QCOMPARE(result.inserted, 300);
    QCOMPARE(result.skipped, 150);
    QVERIFY(!result.conflict);
    QCOMPARE(trades.insertedAfter(0).size(), 450);
    // A conflict in the last, partial batch undoes everything.
    all.last().quantity = -1;
    all.append(Trade{"NEW", "EQ", "X", 1, 1, at(10, 0)});
    const auto conflicting = trades.insert(all);
    QVERIFY(conflicting.conflict);
    QCOMPARE(*conflicting.conflict, 449);
    QCOMPARE(trades.insertedAfter(0).size(), 450);
}

void TestStorage::duplicateIdsInOneBulkInsert()
{
    // One id twice in one insert (one PostgreSQL batch): the first row is
    // stored, the second is reported as SQLite reports it, never as a
    // second insert of which one silently vanishes.
    Connection c(m_db->location());
    TradeStore trades(c);
    const Trade t{"D1", "EQ", "X", 100, 10, at(9, 0)};
    auto result = trades.insert({t, Trade{"D0", "EQ", "X", 1, 10, at(9, 1)}, t});
    QCOMPARE(result.inserted, 2);
    QCOMPARE(result.skipped, 1);
    QVERIFY(!result.conflict);
    QCOMPARE(trades.insertedAfter(0).size(), 2);

    // The same id with other content: a conflict, nothing written.
    Trade other = t;
    other.tradeId = "D2";
    Trade changed = other;
    changed.quantity = Quantity(-7);
    result = trades.insert({other, changed});
    QVERIFY(result.conflict);
    QCOMPARE(*result.conflict, 1);
    QCOMPARE(result.stored.quantity, Quantity(100));
    QCOMPARE(trades.insertedAfter(0).size(), 2);
}

void TestStorage::failedBulkStatementIsNamedNotQuoted()
{
    // A batch of 200 rows is a statement of 1,200 placeholders: the message
    // says what failed (the table) and why, in a line, never the statement.
    Connection c(m_db->location());
    addBook(c, "EQ");
    try {
        Transaction tx(c);
        BulkInsert rows(c, QStringLiteral("trades"),
                        {"trade_id", "book_id", "instrument_id", "quantity", "price", "trade_time"});
        for (int i = 0; i < 250; ++i) {
            const QString id = QStringLiteral("T%1").arg(i);
            const QString book = i == 10 ? QStringLiteral("NO-SUCH-BOOK") : QStringLiteral("EQ");
            const QString quantity = QStringLiteral("1");
            rows.add({id, book, QStringLiteral("X"), quantity, 10.0, qint64(i)});
        }
        rows.finish();
        QFAIL("a trade of an unknown book must be refused");
    } catch (const StorageError &e) {
        QVERIFY2(e.message().contains(u"trades"), qPrintable(e.message()));
        QVERIFY2(!e.message().contains(u'?') && !e.message().contains(u"VALUES"), qPrintable(e.message()));
        QVERIFY2(e.message().size() < 400, qPrintable(e.message()));
    }
    // Rows without a conflict clause go by COPY on PostgreSQL: the same.
    try {
        Transaction tx(c);
        BulkInsert rows(c, QStringLiteral("snapshot_positions"),
                        {"snapshot_id", "instrument_id", "quantity", "average_price", "realized_pnl"});
        for (int i = 0; i < 250; ++i) {
            const QString id = QStringLiteral("I%1").arg(i);
            const QString quantity = QStringLiteral("1");
            rows.add({qint64(987654), id, quantity, 10.0, 0.0});
        }
        rows.finish();
        QFAIL("a position of an unknown snapshot must be refused");
    } catch (const StorageError &e) {
        QVERIFY2(e.message().contains(u"inserting into snapshot_positions"), qPrintable(e.message()));
        QVERIFY2(!e.message().contains(u"I0") && !e.message().contains(u"VALUES"), qPrintable(e.message()));
        QVERIFY2(e.message().size() < 400, qPrintable(e.message()));
    }
    QVERIFY(c.isUsable());
}

void TestStorage::sqliteHandleOnlyWhenItIsOurs()
{
    QFETCH_GLOBAL(QString, backend);
    Connection c(m_db->location());
    if (c.dialect() != SqlDialect::SQLite) {
        QVERIFY(!BulkInsert::sqliteHandle(c));
        return;
    }
    if (backend == u"sqlite-qtsql") {
        QVERIFY(!BulkInsert::sqliteHandle(c));
        return;
    }
    // Debian's Qt SQLite plugin links the system libsqlite3, as this
    // program does: the fast path is taken, on the very library QtSql uses.
    sqlite3 *handle = BulkInsert::sqliteHandle(c);
    QVERIFY(handle);
    QSqlQuery q = c.exec(QStringLiteral("SELECT sqlite_source_id()"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString::fromUtf8(sqlite3_sourceid()));
}

void TestStorage::snapshotRowsKeepAwkwardText()
{
    // Snapshot rows go to PostgreSQL by COPY, whose text format gives
    // backslash, tab and newline a meaning and reads \N as NULL: stored
    // ids come back byte for byte, on every path.
    Connection c(m_db->location());
    addBook(c, "EQ");
    const QStringList ids = {QStringLiteral("back\\slash"), QStringLiteral("tab\there"), QStringLiteral("new\nline"),
                             QStringLiteral("cr\rhere"), QStringLiteral("\\N"), QStringLiteral("\\"), QString(QChar(0xFEFF)) + "BOM",
                             QStringLiteral("caf\u00e9 \u20ac")};
    PositionSnapshot s = snapshotOf("EQ", at(17, 0), {});
    for (qsizetype i = 0; i < ids.size(); ++i)
        s.positions.append(Position{"EQ", ids.at(i), Quantity(int(i + 1)), 0.1 + double(i), -1e-300 * double(i)});
    QCOMPARE(SnapshotStore(c).store(s).outcome, SnapshotStore::Outcome::Inserted);
    const auto loaded = SnapshotStore(c).load("EQ", at(17, 0).date());
    QVERIFY(loaded);
    QCOMPARE(loaded->positions.size(), ids.size());
    for (const Position &p : loaded->positions) {
        const qsizetype i = ids.indexOf(p.instrumentId);
        QVERIFY2(i >= 0, qPrintable(p.instrumentId.toUtf8().toHex()));
        QCOMPARE(p.quantity, Quantity(int(i + 1)));
        QCOMPARE(p.averagePrice, 0.1 + double(i));
        QCOMPARE(p.realizedPnl, -1e-300 * double(i));
    }
}

void TestStorage::referenceDataAndRankingInputs()
{
    Connection c(m_db->location());
    addBook(c, "FI");
    ReferenceDataStore reference(c);
    Instrument bund{"BUND", "Bund 2030", AssetClass::Bond, IssuerType::Sovereign, "AAA", "EUR", QDate(2030, 2, 15), false, {}};
    Instrument apple{"AAPL", "Apple", AssetClass::Equity, IssuerType::None, {}, "USD", {}, true, {}};
    auto count = reference.upsertInstruments({bund, apple});
    QCOMPARE(count.inserted, 2);
    bund.rating = "AA+";
    count = reference.upsertInstruments({bund});
    QCOMPARE(count.updated, 1);
    QCOMPARE(reference.instruments().value("BUND").rating, QStringLiteral("AA+"));
    QCOMPARE(reference.instruments().value("AAPL").maturityDate, QDate());

    QList<MarketPrice> prices;
    for (int d = 0; d < 300; ++d)
        prices.append({"BUND", QDate(2026, 1, 1).addDays(d), 90.0 + d * 0.01});
    prices.append({"AAPL", QDate(2026, 7, 20), 200});
    count = reference.upsertPrices(prices);
    QCOMPARE(count.inserted, 301);
    count = reference.upsertPrices({{"AAPL", QDate(2026, 7, 20), 201}, {"AAPL", QDate(2026, 7, 27), 210}});
    QCOMPARE(count.inserted, 1);
    QCOMPARE(count.updated, 1);
    reference.upsertHaircutOverrides({{"AAPL", 0.2}});
    QCOMPARE(reference.haircutOverrides().value("AAPL"), 0.2);

    SnapshotStore(c).store(PositionSnapshot{"FI", QDate(2026, 7, 24), at(17, 0),
                                            {{"FI", "AAPL", 10, 150, 0}, {"FI", "BUND", 1000000, 99, 0}, {"FI", "SHORT", -5, 1, 0},
                                             {"FI", "ZZZ", 3, 7, 0}}});
    const auto in = reference.rankingInputs("FI", QDate(2026, 7, 24));
    QCOMPARE(in.snapshotTime, at(17, 0));
    QCOMPARE(in.inputs.size(), 3); // the short is not an input
    QCOMPARE(*in.inputs[0].marketPrice, 201.0); // the 20th, not the 27th
    QCOMPARE(in.inputs[0].instrument->assetClass, AssetClass::Equity);
    QCOMPARE(*in.inputs[1].marketPrice, 90.0 + QDate(2026, 1, 1).daysTo(QDate(2026, 7, 24)) * 0.01);
    QCOMPARE(in.inputs[1].instrument->maturityDate, QDate(2030, 2, 15));
    QVERIFY(!in.inputs[2].instrument);
    QVERIFY(!in.inputs[2].marketPrice);
    QVERIFY(!reference.rankingInputs("FI", QDate(2026, 7, 25)).snapshotTime.isValid());
}

void TestStorage::rankingRoundTrip()
{
    Connection c(m_db->location());
    addBook(c, "FI");
    CollateralRanking r;
    r.bookId = "FI";
    r.businessDate = QDate(2026, 7, 24);
    r.snapshotTime = at(17, 0);
    r.builtAt = at(17, 1);
    r.defaultHaircut = 0.1;
    SnapshotStore snapshots(c);
    snapshots.store(snapshotOf("FI", at(17, 0), {{"I000", 1}}));
    for (int i = 0; i < 250; ++i) {
        CollateralItem item;
        item.rank = i < 240 ? i + 1 : 0;
        item.instrumentId = QStringLiteral("I%1").arg(i, 3, 10, QChar(u'0'));
        item.quantity = 100 + i;
        item.price = 99.5;
        item.priceSource = i % 2 ? CollateralItem::PriceSource::Market : CollateralItem::PriceSource::Average;
        if (item.rank) {
            item.haircut = 0.02;
            item.collateralValue = 1000.0 - i;
        }
        item.currency = i % 3 ? QStringLiteral("EUR") : QStringLiteral("JPY");
        item.marketValue = 1000.5 + i;
        item.fxRate = i % 3 ? 1.0 : 1.0 / 187.5;
        if (item.rank) {
            item.fxHaircut = i % 3 ? 0.0 : 0.08;
            item.countedValue = item.collateralValue;
        }
        item.note = i < 240 ? Notes::make(Notes::Schedule, {QStringLiteral("sovereign bond") + Note::PartSeparator + QStringLiteral("AAA..AA-")})
                            : Notes::make(Notes::NoFxRate, {QStringLiteral("JPY"), QStringLiteral("EUR"), QStringLiteral("2026-07-24")});
        r.items.append(item);
    }
    RankingStore store(c);
    QVERIFY(store.save(r));
    auto loaded = store.load("FI", QDate(2026, 7, 24));
    QVERIFY(loaded);
    QCOMPARE(loaded->items.size(), 250);
    QCOMPARE(loaded->items, r.items);
    QCOMPARE(loaded->snapshotTime, r.snapshotTime);
    QCOMPARE(*store.builtFrom("FI", QDate(2026, 7, 24)), at(17, 0));
    r.items.resize(2);
    r.snapshotTime = at(17, 30);
    snapshots.store(snapshotOf("FI", at(17, 30), {{"I000", 2}}));
    QVERIFY(store.save(r));
    loaded = store.load("FI", QDate(2026, 7, 24));
    QCOMPARE(loaded->items.size(), 2);
    QCOMPARE(loaded->snapshotTime, at(17, 30));
    QVERIFY(!store.load("FI", QDate(2026, 7, 25)));
}

void TestStorage::rankingNewestWins()
{
    // Issue 9: saving the 17:00 ranking and then the 16:00 one kept 16:00.
    // A ranking is stored only while its snapshot is the day's stored one.
    Connection c(m_db->location());
    addBook(c, "FI");
    SnapshotStore snapshots(c);
    QCOMPARE(snapshots.store(snapshotOf("FI", at(16, 0), {{"A", 1}})).outcome, SnapshotStore::Outcome::Inserted);
    QCOMPARE(snapshots.store(snapshotOf("FI", at(17, 0), {{"A", 2}})).outcome, SnapshotStore::Outcome::Replaced);
    auto rankingAt = [](const QDateTime &instant, const QString &instrument) {
        CollateralRanking r;
        r.bookId = "FI";
        r.businessDate = instant.date();
        r.snapshotTime = instant;
        r.builtAt = instant.addSecs(60);
        CollateralItem item;
        item.rank = 1;
        item.instrumentId = instrument;
        item.quantity = 1;
        item.price = 100;
        r.items.append(item);
        return r;
    };
    RankingStore rankings(c);
    QVERIFY(rankings.save(rankingAt(at(17, 0), "SEVENTEEN")));
    QVERIFY(!rankings.save(rankingAt(at(16, 0), "SIXTEEN"))); // built from the 16:00 snapshot, saved late
    auto loaded = rankings.load("FI", QDate(2026, 7, 24));
    QVERIFY(loaded);
    QCOMPARE(loaded->snapshotTime, at(17, 0));
    QCOMPARE(loaded->items.constFirst().instrumentId, QStringLiteral("SEVENTEEN"));
    // A ranking of a day without a snapshot is not stored either.
    QVERIFY(!rankings.save(rankingAt(at(16, 0, 25), "ORPHAN")));
    QVERIFY(!rankings.load("FI", QDate(2026, 7, 25)));
}

void TestStorage::changeLogInCommitOrderAndPruned()
{
    Connection c(m_db->location());
    ChangeStore changes(c);
    const qint64 start = changes.last();
    addBook(c, "FI"); // books are reference data
    SnapshotStore(c).store(snapshotOf("FI", at(17, 0), {{"A", 1}}));
    SnapshotStore(c).store(snapshotOf("FI", at(17, 10), {{"A", 1}})); // unchanged: its instant moves
    const QList<Change> seen = changes.after(start);
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen[0].kind, Change::Kind::ReferenceData);
    QCOMPARE(seen[1].kind, Change::Kind::Snapshot);
    QCOMPARE(seen[1].bookId, QStringLiteral("FI"));
    QCOMPARE(seen[1].businessDate, QDate(2026, 7, 24));
    QCOMPARE(seen[2].kind, Change::Kind::SnapshotMoved);
    QVERIFY(seen[0].sequence < seen[1].sequence && seen[1].sequence < seen[2].sequence);
    QVERIFY(seen[2].ownProcess);

    // A week old goes, except the newest (the feeds' marks stay meaningful).
    c.exec("UPDATE changes SET recorded_at = 0");
    changes.prune(7);
    const QList<Change> kept = changes.after(0);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.constFirst().sequence, seen[2].sequence);
}

void TestStorage::quantitiesRoundTripExactly()
{
    // 1,000,000,000.000001 is 1000000000.0000009537 as a double: the
    // engines must keep the decimal, in the log and in snapshots.
    Connection c(m_db->location());
    const Quantity big = Quantity::fromStored(QStringLiteral("1000000000.000001"));
    const Quantity huge = Quantity::fromStored(QStringLiteral("-999999999999999.999999"));
    TradeStore trades(c);
    QCOMPARE(trades.insert({{"Q1", "EQ", "BUND", big, 99.5, at(9, 0)}, {"Q2", "EQ", "ZERO", huge, 1, at(9, 1)}}).inserted, 2);
    const TradeList stored = trades.trades("EQ");
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[0].quantity, big);
    QCOMPARE(stored[1].quantity, huge);
    // Re-importing the same text is the same trade, not a conflict.
    QCOMPARE(trades.insert({{"Q1", "EQ", "BUND", big, 99.5, at(9, 0)}}).skipped, 1);
    const auto books = trades.positionsAsOf(at(10, 0));
    QCOMPARE(books.size(), 1);
    QCOMPARE(books[0].position("BUND")->quantity, big);

    SnapshotStore store(c);
    store.store(snapshotOf("EQ", at(17, 0), {{"BUND", big}, {"ZERO", huge}}));
    const auto loaded = store.load("EQ", at(17, 0).date());
    QVERIFY(loaded);
    QCOMPARE(loaded->positions[0].quantity, big);
    QCOMPARE(loaded->positions[1].quantity, huge);
    // The open count is exact too: +0.000001 and −0.000001 is flat.
    trades.insert({{"Q3", "EQ", "BUND", -big, 99.5, at(9, 2)},
                   {"Q4", "EQ", "TINY", Quantity::fromStored(QStringLiteral("0.000001")), 1, at(9, 3)}});
    QCOMPARE(PositionStore(c).openPositionCounts(at(10, 0)).value("EQ"), 2); // ZERO and TINY
}

void TestStorage::booksFxAndDeskCurrency()
{
    Connection c(m_db->location());
    DeskSettingsStore settings(c);
    QCOMPARE(settings.baseCurrency(), QStringLiteral("USD"));
    QCOMPARE(settings.fxHaircut(), 0.08);
    settings.setBaseCurrency("EUR");
    QCOMPARE(settings.baseCurrency(), QStringLiteral("EUR"));

    TradeStore trades(c);
    trades.upsertBooks({{"REPO", "Repo London", "GBP"}, {"EQ", "Equities", ""}});
    trades.upsertBooks({{"REPO", "Repo LDN", "GBP"}});
    QCOMPARE(trades.books(), (QList<BookInfo>{{"EQ", "Equities", ""}, {"REPO", "Repo LDN", "GBP"}}));
    QCOMPARE(trades.baseCurrency("REPO", settings.baseCurrency()), QStringLiteral("GBP"));
    QCOMPARE(trades.baseCurrency("EQ", settings.baseCurrency()), QStringLiteral("EUR"));

    ReferenceDataStore reference(c);
    auto count = reference.upsertFxRates({{"GBPUSD", QDate(2026, 7, 23), 1.25}, {"USDJPY", QDate(2026, 7, 24), 150.0}});
    QCOMPARE(count.inserted, 2);
    count = reference.upsertFxRates({{"GBPUSD", QDate(2026, 7, 23), 1.26}});
    QCOMPARE(count.updated, 1);
    const FxRates fx = reference.fxRates();
    QCOMPARE(*fx.factor("GBP", "USD", QDate(2026, 7, 24)), 1.26);
    QCOMPARE(*fx.factor("JPY", "GBP", QDate(2026, 7, 24)), 1.0 / 150.0 / 1.26);
    QVERIFY(!fx.factor("JPY", "GBP", QDate(2026, 7, 23)));
}

namespace {

// A double's shortest decimal text as an integer and a power of ten.
std::pair<QuantityMicros, int> decimalOf(double value)
{
    QString text = QString::number(value, 'f', QLocale::FloatingPointShortest);
    const qsizetype dot = text.indexOf(u'.');
    const int decimals = dot < 0 ? 0 : int(text.size() - dot - 1);
    text.remove(u'.');
    QuantityMicros n = 0;
    for (const QChar c : std::as_const(text))
        n = n * 10 + (c.unicode() - u'0');
    return {n, decimals};
}

QuantityMicros pow10(int n)
{
    QuantityMicros p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

// numerator / denominator in cents, rounded half away from zero; nullopt
// for an exact half cent, where a double may fairly go either way.
std::optional<qint64> cents(QuantityMicros numerator, QuantityMicros denominator)
{
    const bool negative = (numerator < 0) != (denominator < 0);
    if (numerator < 0)
        numerator = -numerator;
    if (denominator < 0)
        denominator = -denominator;
    QuantityMicros whole = numerator / denominator;
    const QuantityMicros twice = (numerator % denominator) * 2;
    if (twice == denominator)
        return std::nullopt;
    if (twice > denominator)
        ++whole;
    return negative ? -qint64(whole) : qint64(whole);
}

} // namespace

void TestStorage::demoMoneyIsRightToTheCent()
{
    // Prices and money are doubles (README, design notes): every market
    // value and same-currency collateral value of the demo desk must equal
    // the exact decimal product, quantity × price (÷ 100 for a bond) ×
    // (1 − haircut), to the cent.
    QFETCH_GLOBAL(QString, backend);
    if (backend != u"sqlite")
        QSKIP("the demo desk is checked once");
    Connection c(m_db->location());
    const QDate day = DemoData::lastBusinessDay(QDate(2026, 11, 28));
    DemoData::fill(c, day);
    int checked = 0;
    for (const QString book : {"EQ-NY", "EGB-PAR", "REPO-LDN", "SECLEND-LDN"}) {
        const auto snapshot = SnapshotStore(c).load(book, day);
        QVERIFY(snapshot);
        ValuationJob::Market market = ValuationJob::load(c, day);
        for (const ValuedPosition &v : market.value(book, snapshot->positions)) {
            if (!v.marketValue)
                continue;
            const bool bond = market.context.instruments.value(v.position.instrumentId).assetClass == AssetClass::Bond;
            const auto [price, decimals] = decimalOf(*v.marketPrice);
            const auto exact = cents(v.position.quantity.micros() * price * 100,
                                     pow10(Quantity::Decimals + decimals) * (bond ? 100 : 1));
            if (!exact)
                continue;
            QVERIFY2(qRound64(*v.marketValue * 100) == *exact,
                     qPrintable(QStringLiteral("%1 %2: %3 vs %4 cents").arg(book, v.position.instrumentId)
                                    .arg(*v.marketValue, 0, 'f', 6).arg(*exact)));
            ++checked;
        }
        const auto ranking = RankingJob::ensure(c, book, day);
        QVERIFY(ranking);
        for (const CollateralItem &i : ranking->items) {
            if (!i.collateralValue || *i.fxRate != 1.0)
                continue;
            const bool bond = market.context.instruments.value(i.instrumentId).assetClass == AssetClass::Bond;
            const auto [price, decimals] = decimalOf(i.price);
            const auto [keep, keepDecimals] = decimalOf(1.0 - *i.haircut); // 0.98, 0.75, 0.995
            const auto exact = cents(i.quantity.micros() * price * keep * 100,
                                     pow10(Quantity::Decimals + decimals + keepDecimals) * (bond ? 100 : 1));
            if (!exact)
                continue;
            QVERIFY2(qRound64(*i.collateralValue * 100) == *exact,
                     qPrintable(QStringLiteral("%1 %2: %3 vs %4 cents").arg(book, i.instrumentId)
                                    .arg(*i.collateralValue, 0, 'f', 6).arg(*exact)));
            ++checked;
        }
    }
    QVERIFY2(checked > 300, qPrintable(QString::number(checked)));
}

// A database as release 1 (schema version 1) left it, written with that
// release's own SQL (tests/data/release1-*.sql), opened by this release:
// upgraded in place, nothing lost, exact quantities, and what this release
// added (base currencies, agreements, issuers) works on it.
void TestStorage::upgradesADatabaseOfRelease1()
{
    QFETCH_GLOBAL(QString, backend);
    const DatabaseLocation &location = m_db->location();
    {
        QFile file(QStringLiteral(FINDESK_TEST_DATA "/release1-%1.sql").arg(engine(backend)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString script = QString::fromUtf8(file.readAll());
        const QString name = QStringLiteral("release1");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(location.kind == DatabaseLocation::Kind::SQLite ? "QSQLITE" : "QPSQL", name);
            if (location.kind == DatabaseLocation::Kind::SQLite) {
                db.setDatabaseName(location.path);
            } else {
                db.setHostName(location.host);
                db.setPort(location.port);
                db.setUserName(location.user);
                db.setPassword(location.password);
                db.setDatabaseName(location.database);
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            for (const QString &line : script.split(u'\n')) {
                if (line.isEmpty() || line.startsWith(QStringLiteral("--")))
                    continue;
                QSqlQuery q(db);
                QVERIFY2(q.exec(line), qPrintable(q.lastError().text() + QStringLiteral(": ") + line));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    const QDate day(2026, 7, 24);
    {
        Connection c(location, Connection::Mode::MustExist); // only init creates; an old database is upgraded
        QCOMPARE(Schema::version(c), Schema::LatestVersion);
        // 1,234,567.125 − 234,567.125 is exactly 1,000,000: the doubles of
        // release 1 became exact decimals.
        const TradeList trades = TradeStore(c).trades(QStringLiteral("REPO"));
        QCOMPARE(trades.size(), 3);
        QCOMPARE(trades.at(0).quantity.toString(), QStringLiteral("1234567.125"));
        QCOMPARE(trades.at(1).quantity.toString(), QStringLiteral("-234567.125"));
        const QList<TradingBook> books = TradeStore(c).positionsAsOf(at(18, 0));
        QCOMPARE(books.size(), 1);
        for (const Position &p : books.constFirst().positions())
            QCOMPARE(p.quantity, Quantity(1000000));
        const auto snapshot = SnapshotStore(c).load(QStringLiteral("REPO"), day);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->instant, at(17, 0));
        QCOMPARE(snapshot->positions.size(), 2);
        QCOMPARE(snapshot->positions.at(0).quantity, Quantity(1000000));
        // Release 1 added currencies together: its ranking is gone, rebuilt on request.
        QVERIFY(!RankingStore(c).load(QStringLiteral("REPO"), day));
    }

    Connection c(location, Connection::Mode::MustExist);
    QCOMPARE(Schema::version(c), Schema::LatestVersion); // opened again: nothing left to migrate
    TradeStore(c).upsertBooks({{"REPO", "Repo London", "EUR"}});
    InstrumentMap instruments = ReferenceDataStore(c).instruments();
    QCOMPARE(instruments.size(), 2);
    instruments["BUND"].issuer = QStringLiteral("Germany");
    ReferenceDataStore(c).upsertInstruments(instruments.values());
    AgreementStore agreements(c);
    agreements.upsertAgreements({{"GMRA-1", "Nordbank AG", AgreementType::GMRA, "EUR", std::nullopt, 0.6, "Nordbank"}});
    QVERIFY(!agreements.replaceEligibility(
        {{"GMRA-1", "R1", true, AssetClass::Bond, IssuerType::Sovereign, "AA-", 30.0, {}, std::nullopt, 0.02},
         {"GMRA-1", "R2", true, AssetClass::Cash, std::nullopt, {}, std::nullopt, {"EUR"}, std::nullopt, 0.0}}));
    const auto cents = [](double v) { return std::round(v * 100.0) / 100.0; };
    // Desk schedule, in the book's EUR: the Bund (3.6 years, AAA sovereign)
    // at 2%: 1,000,000 × 99% × 0.98 = 970,200; cash at 0%.
    const auto desk = RankingJob::ensure(c, QStringLiteral("REPO"), day);
    QVERIFY(desk);
    QCOMPARE(desk->currency, QStringLiteral("EUR"));
    QCOMPARE(cents(desk->totalValue()), 1970200.0);
    // Under the agreement: the same haircuts by rule; the 60% issuer limit
    // caps Germany at 60% × 1,970,200 = 1,182,120, above its 970,200.
    const auto under = RankingJob::ensure(c, QStringLiteral("REPO"), day, QStringLiteral("GMRA-1"));
    QVERIFY(under);
    QCOMPARE(under->agreementId, QStringLiteral("GMRA-1"));
    QCOMPARE(cents(under->totalValue()), 1970200.0);
    QCOMPARE(under->items.at(0).instrumentId, QStringLiteral("CASHE"));
    QCOMPARE(under->items.at(1).note.text(), QStringLiteral("rule R1 of GMRA-1: haircut 2%"));
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
