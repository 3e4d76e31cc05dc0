// Positions resumed from the last snapshot (PositionStore), on SQLite and on
// PostgreSQL: always the full fold, and cheaper only in what they read and
// write. The guards count rows, not seconds, so they fail the same way on a
// loaded machine.
#include "common/testdatabase.h"
#include "domain/livebook.h"
#include "services/rankingjob.h"
#include "services/rankingservice.h"
#include "services/snapshotjob.h"
#include "storage/connection.h"
#include "storage/positionstore.h"
#include "storage/rankingstore.h"
#include "storage/schema.h"
#include "storage/snapshotstore.h"
#include "storage/tradestore.h"

#include <QRandomGenerator>
#include <QThread>
#include <QtConcurrent>
#include <QSqlQuery>
#include <QTest>

class TestIncremental : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init();
    void cleanup() { m_db.reset(); }

    void resumedEqualsTheFullFold_data();
    void resumedEqualsTheFullFold();
    void backDatedTradeFallsBackToTheFullFold();
    void tickReadsOnlyTheTradesAfterTheLastSnapshot();
    void unchangedSnapshotWritesOneRowAndNoRankingRows();
    void versionTwoDatabaseUpgrades();
    void openPositionCountsFromWhatIsKnown();
    void liveBookResumesFromTheLastSnapshot();
    void sequenceIsInCommitOrder();

private:
    std::unique_ptr<TestDatabase> m_db;
};

static QDateTime at(int h, int m, int day = 24)
{
    return QDateTime(QDate(2026, 7, day), QTime(h, m), Qt::UTC);
}

void TestIncremental::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_db = std::make_unique<TestDatabase>(backend);
    if (!m_db->available())
        QSKIP(qPrintable(m_db->skipReason()));
    Connection c(m_db->location());
    c.exec("UPDATE desk_settings SET value = 'UTC' WHERE key = 'desk_timezone'");
}

// Every book's positions, flat ones included, by book.
static QMap<QString, PositionList> byBook(const QList<TradingBook> &books)
{
    QMap<QString, PositionList> result;
    for (const TradingBook &b : books)
        result.insert(b.bookId(), b.positions(true));
    return result;
}

static QMap<QString, PositionList> fullFold(const TradeList &log, const QDateTime &asOf)
{
    const auto books = foldTrades(log, asOf);
    QMap<QString, PositionList> result;
    for (auto it = books.cbegin(); it != books.cend(); ++it)
        result.insert(it.key(), it->positions(true));
    return result;
}

static QString describe(const QMap<QString, PositionList> &books)
{
    QStringList lines;
    for (auto it = books.cbegin(); it != books.cend(); ++it) {
        for (const Position &p : *it)
            lines << QStringLiteral("%1 %2 %3 @ %4 R %5").arg(it.key(), p.instrumentId, p.quantity.toString())
                         .arg(p.averagePrice, 0, 'g', 17).arg(p.realizedPnl, 0, 'g', 17);
    }
    return lines.join(u'\n');
}

void TestIncremental::resumedEqualsTheFullFold_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u})
        QTest::addRow("seed %u", seed) << seed;
}

// Random logs arriving in batches, snapshots in between (some late, some of
// an earlier day), batches that reach back before the last snapshot, several
// trades at one instant, fractional quantities, closes and flips, several
// books: at every instant tried, the positions equal the fold of the whole
// log, to the last bit of every double.
void TestIncremental::resumedEqualsTheFullFold()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const QStringList books = {"B1", "B2", "B3"};
    const QStringList instruments = {"I1", "I2", "I3", "I4"};
    const QDateTime start = at(8, 0, 20);
    auto instantAt = [&](int minutes) { return start.addSecs(qint64(minutes) * 60); };
    constexpr int Span = 4 * 24 * 60; // four days, in minutes

    Connection c(m_db->location());
    TradeStore store(c);
    TradeList log;
    QHash<QString, Quantity> held; // per book and instrument, to close and flip
    int tradeNumber = 0;
    int resumedBooks = 0;
    int fullBooks = 0;
    int latest = 0; // minutes: where the log has reached
    for (int batch = 0; batch < 12; ++batch) {
        TradeList trades;
        const int count = 1 + int(random.bounded(25));
        // One batch in three reaches back before what is already stored.
        const bool backDated = batch > 0 && random.bounded(3) == 0;
        int minute = backDated ? int(random.bounded(std::max(1, latest))) : latest;
        for (int i = 0; i < count; ++i) {
            // Several trades at one instant now and then.
            if (random.bounded(3) != 0)
                minute += int(random.bounded(90));
            const QString book = books.at(int(random.bounded(qsizetype(books.size()))));
            const QString instrument = instruments.at(int(random.bounded(qsizetype(instruments.size()))));
            const QString key = book + u'/' + instrument;
            Quantity q;
            const Quantity current = held.value(key);
            switch (random.bounded(5)) {
            case 0: // close exactly
                q = -current;
                break;
            case 1: // flip
                q = -current - Quantity::fromMicros(1 + random.bounded(5'000'000));
                break;
            default: // a fractional quantity, either side
                q = Quantity::fromMicros(QuantityMicros(random.bounded(2'000'000'000)) - 1'000'000'000);
                break;
            }
            if (q.isZero())
                q = Quantity::fromMicros(1 + random.bounded(1000));
            const double price = 50.0 + double(random.bounded(100'000)) / 997.0;
            trades.append({QStringLiteral("T%1").arg(++tradeNumber, 5, 10, QChar(u'0')), book, instrument, q, price,
                           instantAt(minute)});
            // `held` follows insertion, not fold order: it only steers the
            // quantities towards closes and flips.
            held[key] = current + q;
        }
        latest = std::max(latest, minute);
        QCOMPARE(store.insert(trades).inserted, int(trades.size()));
        log += trades;

        // A snapshot or two, at an instant after, or before, what is stored.
        for (int s = int(random.bounded(3)); s > 0; --s) {
            const QDateTime instant = instantAt(int(random.bounded(Span)));
            SnapshotJob::run(c, instant);
        }
        // Positions at a few instants, one of them exactly a snapshot's.
        QList<QDateTime> instants;
        for (int k = 0; k < 4; ++k)
            instants << instantAt(int(random.bounded(Span)));
        for (const auto &r : SnapshotStore(c).list({}, {}, {}, false))
            instants << r.snapshotTime;
        for (const QDateTime &instant : std::as_const(instants)) {
            const PositionStore::Books resumed = PositionStore(c).positionsAsOf(instant);
            resumedBooks += resumed.resumed;
            fullBooks += int(resumed.books.size()) - resumed.resumed;
            const auto expected = fullFold(log, instant);
            const auto actual = byBook(resumed.books);
            if (actual != expected) {
                QFAIL(qPrintable(QStringLiteral("batch %1, as of %2:\nexpected\n%3\nactual\n%4")
                                     .arg(batch).arg(instant.toString(Qt::ISODate), describe(expected), describe(actual))));
            }
            // One book alone: the same.
            const QString book = books.at(int(random.bounded(qsizetype(books.size()))));
            const auto one = byBook(PositionStore(c).positionsAsOf(instant, book).books);
            QCOMPARE(one.value(book), expected.value(book));
            // And as the window loads it.
            QCOMPARE(PositionStore(c).liveBookAsOf(book, instant).book.positions(true), expected.value(book));
        }
    }
    // Both ways were taken, so the comparison above says something.
    QVERIFY2(resumedBooks > 10, qPrintable(QString::number(resumedBooks)));
    QVERIFY2(fullBooks > 0, qPrintable(QString::number(fullBooks)));
}

void TestIncremental::backDatedTradeFallsBackToTheFullFold()
{
    Connection c(m_db->location());
    TradeStore trades(c);
    trades.insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}, {"T2", "FI", "Y", 10, 99, at(9, 0)}});
    SnapshotJob::run(c, at(10, 0));
    // Dated 9:30, inserted after the 10:00 snapshot: it moves the average
    // of what the snapshot holds, so EQ is folded from its first trade.
    trades.insert({{"T3", "EQ", "X", 100, 20, at(9, 30)}, {"T4", "FI", "Y", 10, 101, at(10, 30)}});
    const auto books = PositionStore(c).positionsAsOf(at(11, 0));
    QCOMPARE(books.resumed, 1); // FI only
    const auto positions = byBook(books.books);
    QCOMPARE(positions.value("EQ").constFirst().averagePrice, 15.0);
    QCOMPARE(positions.value("FI").constFirst().averagePrice, 100.0);
}

// A tick after ten new trades reads those ten, not the log.
void TestIncremental::tickReadsOnlyTheTradesAfterTheLastSnapshot()
{
    {
        Connection c(m_db->location());
        TradeList log;
        for (int i = 0; i < 500; ++i) {
            log.append({QStringLiteral("T%1").arg(i, 4, 10, QChar(u'0')), i % 2 ? "EQ" : "FI",
                        QStringLiteral("I%1").arg(i % 37), Quantity(1 + i % 7) , 10.0 + i % 13, at(8, 0).addSecs(i * 60)});
        }
        TradeStore(c).insert(log);
        SnapshotJob::run(c, at(18, 0));
        TradeList more;
        for (int i = 0; i < 10; ++i)
            more.append({QStringLiteral("N%1").arg(i), i % 2 ? "EQ" : "FI", "I1", Quantity(-1), 11.0, at(18, 1 + i)});
        TradeStore(c).insert(more);
    }
    Connection c(m_db->location());
    const auto reports = SnapshotJob::run(c, at(18, 20));
    QCOMPARE(reports.size(), 2);
    QCOMPARE(c.tradeRowsRead(), 10);
    // Positions ten minutes later resume from the 18:20 snapshot: nothing to read.
    QCOMPARE(PositionStore(c).positionsAsOf(at(18, 30)).resumed, 2);
    QCOMPARE(c.tradeRowsRead(), 10);
}

// Issue 12: the navigator's open-position counts were an aggregate over the
// whole trade log (5 s cold on the big database); they come from what is
// known: each book's newest snapshot, plus the trades after it.
void TestIncremental::openPositionCountsFromWhatIsKnown()
{
    {
        Connection c(m_db->location());
        TradeList log;
        for (int i = 0; i < 500; ++i) {
            log.append({QStringLiteral("T%1").arg(i, 4, 10, QChar(u'0')), i % 3 ? "EQ" : "FI",
                        QStringLiteral("I%1").arg(i % 37), Quantity(i % 2 ? 2 : -1), 10.0 + i % 13, at(8, 0).addSecs(i * 60)});
        }
        log.append({"RATES-1", "RATES", "BUND", 5, 99, at(8, 0)});
        log.append({"RATES-2", "RATES", "BUND", -5, 98, at(8, 1)}); // flat
        TradeStore(c).insert(log);
        SnapshotJob::run(c, at(18, 0));
        // After the snapshot: EQ opens one position and closes another.
        TradeStore(c).insert({{"N1", "EQ", "NEW", 3, 1, at(18, 5)}, {"N2", "FI", "NEW", 1, 1, at(18, 6)}});
    }
    Connection c(m_db->location());
    const auto counts = PositionStore(c).openPositionCounts(at(19, 0));
    QCOMPARE(c.tradeRowsRead(), 2); // the two trades after the snapshot, not the 502 before
    QHash<QString, int> full;
    for (const TradingBook &b : TradeStore(c).positionsAsOf(at(19, 0)))
        full.insert(b.bookId(), int(b.positions().size()));
    QCOMPARE(counts, full);
    QCOMPARE(counts.value("RATES"), 0);
}

// Counts the rows each statement writes into the tables named: a trigger
// per table, on both engines, so the count is the database's own.
static void countWrites(const Connection &c, const QStringList &tables)
{
    c.exec("CREATE TABLE test_writes (table_name TEXT NOT NULL, op TEXT NOT NULL)");
    if (c.dialect() == SqlDialect::SQLite) {
        for (const QString &t : tables) {
            for (const char *op : {"INSERT", "UPDATE", "DELETE"}) {
                c.exec(QStringLiteral("CREATE TRIGGER test_%1_%2 AFTER %2 ON %1 BEGIN"
                                      " INSERT INTO test_writes VALUES ('%1', '%2'); END")
                           .arg(t, QLatin1StringView(op)));
            }
        }
        return;
    }
    c.exec("CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS"
           " 'BEGIN INSERT INTO test_writes VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END'");
    for (const QString &t : tables) {
        c.exec(QStringLiteral("CREATE TRIGGER test_%1 AFTER INSERT OR UPDATE OR DELETE ON %1"
                              " FOR EACH ROW EXECUTE FUNCTION test_count_write()").arg(t));
    }
}

static QStringList writes(const Connection &c)
{
    QSqlQuery q = c.exec("SELECT table_name, op, COUNT(*) FROM test_writes GROUP BY table_name, op ORDER BY table_name, op");
    QStringList result;
    while (q.next())
        result << QStringLiteral("%1 %2 %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    c.exec("DELETE FROM test_writes");
    return result;
}

// DESIGN.md §2: an unchanged snapshot only moves its instant; its rankings
// (the desk's, and one under an agreement) keep their rows and follow it.
// Through the same reaction as the window's: RankingService on each stored
// snapshot.
void TestIncremental::unchangedSnapshotWritesOneRowAndNoRankingRows()
{
    {
        Connection c(m_db->location());
        c.exec("INSERT INTO instruments (instrument_id, name, asset_class, issuer_type, rating, currency, maturity_date,"
               " main_index) VALUES ('X', 'X fund', 'fund', '', '', 'USD', NULL, 0)");
        c.exec("INSERT INTO agreements (agreement_id, counterparty, type, base_currency, fx_haircut, issuer_limit,"
               " excluded_issuer) VALUES ('A1', 'Bank', 'GMRA', 'USD', NULL, NULL, '')");
        c.exec("INSERT INTO eligibility_rules (agreement_id, rule_id, include, asset_class, issuer_type, min_rating,"
               " max_maturity_years, currencies, main_index, haircut) VALUES ('A1', 'R1', 1, 'fund', '', '', NULL, '', NULL, 0.2)");
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}, {"T2", "EQ", "Y", 5, 10, at(9, 0)},
                              {"T3", "EQ", "Y", -5, 12, at(9, 5)}});
    }
    RankingService rankings(m_db->location());
    auto tick = [&](const QDateTime &instant) {
        Connection c(m_db->location());
        const auto reports = SnapshotJob::run(c, instant);
        for (const SnapshotReport &r : reports) {
            if (r.stored())
                rankings.onSnapshotStored(r.bookId, r.businessDate, r.instant);
        }
        rankings.waitForDone();
        return reports;
    };
    QCOMPARE(tick(at(10, 0)).constFirst().outcome, SnapshotStore::Outcome::Inserted);
    {
        Connection c(m_db->location());
        QVERIFY(RankingJob::ensure(c, "EQ", QDate(2026, 7, 24), "A1"));
        countWrites(c, {"snapshots", "snapshot_positions", "snapshot_flat_positions", "rankings", "ranking_items"});
    }

    QCOMPARE(tick(at(10, 10)).constFirst().outcome, SnapshotStore::Outcome::InstantMoved);
    Connection c(m_db->location());
    // One snapshot row; the two rankings' headers follow its instant; not
    // one position or ranking item rewritten.
    QCOMPARE(writes(c), (QStringList{"rankings UPDATE 2", "snapshots UPDATE 1"}));
    for (const QString &agreement : {QString(), QStringLiteral("A1")}) {
        QCOMPARE(*RankingStore(c).builtFrom("EQ", QDate(2026, 7, 24), agreement), at(10, 10));
    }
    // Still current: asking for them builds nothing.
    QVERIFY(RankingJob::ensure(c, "EQ", QDate(2026, 7, 24), "A1"));
    QVERIFY(!RankingJob::refresh(c, "EQ", QDate(2026, 7, 24)));
    QCOMPARE(writes(c), QStringList());

    // Other positions: the snapshot's rows and the desk ranking are rewritten.
    TradeStore(c).insert({{"T4", "EQ", "X", 1, 10, at(10, 15)}});
    QCOMPARE(tick(at(10, 20)).constFirst().outcome, SnapshotStore::Outcome::Replaced);
    // Both rankings were of the replaced snapshot: both are built again.
    const QStringList replaced = writes(c);
    QVERIFY2(replaced.contains("ranking_items INSERT 2"), qPrintable(replaced.join(u'\n')));
    QVERIFY2(replaced.contains("snapshot_positions INSERT 1"), qPrintable(replaced.join(u'\n')));
    for (const QString &agreement : {QString(), QStringLiteral("A1")}) {
        QCOMPARE(*RankingStore(c).builtFrom("EQ", QDate(2026, 7, 24), agreement), at(10, 20));
    }
}

// A database of schema version 2 opens as version 3: its snapshots are
// kept, without a trade mark, so the first fold after starts from the log.
void TestIncremental::versionTwoDatabaseUpgrades()
{
    {
        Connection c(m_db->location());
        TradeStore(c).insert({{"T1", "EQ", "X", 100, 10, at(9, 0)}, {"T2", "EQ", "X", -100, 12, at(9, 30)},
                              {"T3", "EQ", "Y", 7, 3, at(9, 40)}});
        SnapshotJob::run(c, at(10, 0));
        // Back to what version 2 had: no flat positions, no mark, and a
        // digest of the open positions alone.
        PositionSnapshot v2;
        v2.positions = SnapshotStore(c).load("EQ", QDate(2026, 7, 24))->positions;
        QSqlQuery hash = c.prepare("UPDATE snapshots SET content_hash = ?");
        hash.bindValue(0, QString::fromLatin1(v2.contentHash()));
        c.exec(hash);
        c.exec("DROP TABLE changes");
        c.exec("DROP TABLE snapshot_flat_positions");
        c.exec("DROP INDEX trades_time");
        c.exec("ALTER TABLE snapshots DROP COLUMN trade_mark");
        c.exec("UPDATE schema_info SET version = 2");
    }
    Connection c(m_db->location());
    QCOMPARE(Schema::version(c), Schema::LatestVersion);
    QSqlQuery q = c.exec("SELECT COUNT(*), COUNT(trade_mark) FROM snapshots");
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toInt(), 0);
    q.finish();
    const auto books = PositionStore(c).positionsAsOf(at(11, 0));
    QCOMPARE(books.resumed, 0);
    const auto positions = byBook(books.books).value("EQ");
    QCOMPARE(positions.size(), 2);
    QCOMPARE(positions.at(0).realizedPnl, 200.0); // X, flat: kept from the log
    QCOMPARE(SnapshotStore(c).load("EQ", QDate(2026, 7, 24))->positions.size(), 1);
    // The next snapshot keeps the flat one and a mark: the fold after resumes.
    QCOMPARE(SnapshotJob::run(c, at(11, 0)).constFirst().outcome, SnapshotStore::Outcome::Replaced);
    const auto resumed = PositionStore(c).positionsAsOf(at(12, 0));
    QCOMPARE(resumed.resumed, 1);
    QCOMPARE(byBook(resumed.books).value("EQ"), positions);
}

// The window's live positions load as a snapshot does (the trades since the
// book's last snapshot), and still know which later trades go on top.
void TestIncremental::liveBookResumesFromTheLastSnapshot()
{
    const TradeList before = {{"T1", "EQ", "X", 100, 10, at(9, 0)},  {"T2", "EQ", "Y", 50, 20, at(9, 10)},
                              {"T3", "EQ", "Z", 5, 1, at(9, 20)},    {"T4", "EQ", "Z", -5, 2, at(9, 30)}};
    const TradeList after = {{"T5", "EQ", "X", 10, 11, at(10, 30)}, {"T6", "EQ", "X", -20, 12, at(10, 40)}};
    {
        Connection c(m_db->location());
        TradeStore(c).insert(before);
        SnapshotJob::run(c, at(10, 0));
        TradeStore(c).insert(after);
    }
    Connection c(m_db->location());
    PositionStore::Live live = PositionStore(c).liveBookAsOf("EQ", at(11, 0));
    QCOMPARE(c.tradeRowsRead(), 2);
    QCOMPARE(live.resumedFrom, at(10, 0));
    LiveBook book = LiveBook::resume(std::move(live.book), live.tradeMark, live.resumedFrom, std::move(live.lastApplied));
    const LiveBook full = LiveBook::fold("EQ", before + after, TradeStore(c).lastSequence());
    QCOMPARE(book.book().positions(true), full.book().positions(true));
    QCOMPARE(book.sequence(), full.sequence());

    qint64 sequence = book.sequence();
    // X's last trade read is T6 at 10:40: exact, as from the first trade.
    QCOMPARE(book.apply({"L1", "EQ", "X", 1, 10, at(10, 35)}, ++sequence), LiveBook::Applied::OutOfOrder);
    QCOMPARE(book.apply({"L2", "EQ", "X", 1, 10, at(10, 45)}, ++sequence), LiveBook::Applied::Applied);
    // Y was last moved before the snapshot: a trade after it goes on top,
    // one before it cannot be placed among the trades it summed.
    QCOMPARE(book.apply({"L3", "EQ", "Y", 1, 10, at(9, 50)}, ++sequence), LiveBook::Applied::OutOfOrder);
    QCOMPARE(book.apply({"L4", "EQ", "Y", 1, 10, at(10, 5)}, ++sequence), LiveBook::Applied::Applied);
    // Z is flat, but the snapshot holds it too.
    QCOMPARE(book.apply({"L5", "EQ", "Z", 1, 10, at(9, 25)}, ++sequence), LiveBook::Applied::OutOfOrder);
    // An instrument the book never traded has nothing to be out of order with.
    QCOMPARE(book.apply({"L6", "EQ", "W", 1, 10, at(8, 0)}, ++sequence), LiveBook::Applied::Applied);
}

// The high-water mark is only one if no trade numbered at or below it
// commits after it was read. Two importers at once, and a reader noting
// each mark it sees and how many trades lie at or below it: at the end,
// each of those counts must still hold. (PostgreSQL numbers rows at insert:
// without the writers' lock, a batch numbered below another commits after
// it, and a count grows.)
void TestIncremental::sequenceIsInCommitOrder()
{
    {
        Connection c(m_db->location());
        TradeStore(c).upsertBooks({{"EQ", "EQ", {}}, {"FI", "FI", {}}});
    }
    std::atomic<int> running = 2;
    auto writer = [location = m_db->location(), &running](const QString &book) {
        Connection c(location);
        for (int batch = 0; batch < 6; ++batch) {
            TradeList trades;
            for (int i = 0; i < 1500; ++i) {
                trades.append({QStringLiteral("%1-%2-%3").arg(book).arg(batch).arg(i), book, "X", 1, 10,
                               at(9, 0).addSecs(i)});
            }
            TradeStore(c).insert(trades);
        }
        --running;
    };
    QFuture<void> eq = QtConcurrent::run(writer, QStringLiteral("EQ"));
    QFuture<void> fi = QtConcurrent::run(writer, QStringLiteral("FI"));
    Connection c(m_db->location());
    auto countUpTo = [&](qint64 mark) {
        QSqlQuery q = c.prepare("SELECT COUNT(*) FROM trades WHERE trade_seq <= ?");
        q.bindValue(0, mark);
        c.exec(q);
        q.next();
        return q.value(0).toLongLong();
    };
    QList<std::pair<qint64, qint64>> seen;
    while (running > 0) {
        const qint64 mark = TradeStore(c).lastSequence();
        if (seen.isEmpty() || seen.constLast().first != mark)
            seen.append({mark, countUpTo(mark)});
        QThread::msleep(1);
    }
    eq.waitForFinished();
    fi.waitForFinished();
    QVERIFY2(seen.size() > 3, qPrintable(QString::number(seen.size())));
    for (const auto &[mark, count] : std::as_const(seen))
        QCOMPARE(countUpTo(mark), count);
}

QTEST_GUILESS_MAIN(TestIncremental)
#include "tst_incremental.moc"
