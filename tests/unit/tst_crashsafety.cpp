// Crash safety (DESIGN.md §2 and §3, issue 10): `import-trades` and
// `snapshot` on a SQLite database of 100,000 positions, killed with SIGKILL
// at 20 moments spread over their run. After each kill the file passes
// PRAGMA integrity_check, the trades are all or nothing (the count before or
// after the file, never between) and each book's snapshot of the day is
// whole: the old one or the new one, never a mix.
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedAtVariedMoments();

private:
    static constexpr int Books = 20;
    static constexpr int InstrumentsPerBook = 5000; // 100,000 positions
    static constexpr int RoundTrades = 20000;

    // Runs findesk to its end; returns its exit code and how long it took.
    int run(const QStringList &args, qint64 *ms = nullptr);
    // Starts findesk, kills it (SIGKILL) after `delayMs` unless it ended.
    // Returns true when the kill came before the end.
    bool killAfter(const QStringList &args, int delayMs);
    QString tradeFile(const QString &name, const QString &prefix, int count, const QString &time, int quantity);

    struct State
    {
        qint64 trades = 0;
        QHash<QString, qint64> snapshotTime; // book → the day's stored instant (ms)
    };
    // Checks the file after a kill and says what it holds.
    State check();

    QTemporaryDir m_dir;
    QString m_db;
};

int TestCrashSafety::run(const QStringList &args, qint64 *ms)
{
    QElapsedTimer timer;
    timer.start();
    QProcess p;
    p.start(QStringLiteral(FINDESK_BINARY), QStringList{"--db", m_db} + args);
    if (!p.waitForFinished(300000))
        qFatal("findesk %s did not finish", qPrintable(args.join(u' ')));
    if (ms)
        *ms = timer.elapsed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning("%s", p.readAllStandardError().constData());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool TestCrashSafety::killAfter(const QStringList &args, int delayMs)
{
    QProcess p;
    p.start(QStringLiteral(FINDESK_BINARY), QStringList{"--db", m_db} + args);
    if (!p.waitForStarted())
        qFatal("cannot start findesk");
    if (p.waitForFinished(delayMs))
        return false;
    p.kill(); // SIGKILL
    p.waitForFinished();
    return true;
}

QString TestCrashSafety::tradeFile(const QString &name, const QString &prefix, int count, const QString &time,
                                   int quantity)
{
    QByteArray csv = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";
    csv.reserve(count * 48);
    for (int i = 0; i < count; ++i) {
        const int book = i % Books, instrument = (i / Books) % InstrumentsPerBook;
        csv += QStringLiteral("%1%2,BOOK%3,INS%4,%5,%6,%7\n")
                   .arg(prefix).arg(i).arg(book).arg(instrument).arg(quantity).arg(10 + i % 7).arg(time)
                   .toLatin1();
    }
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(csv) != csv.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

TestCrashSafety::State TestCrashSafety::check()
{
    State state;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(m_db);
        if (!db.open())
            qFatal("cannot open %s: %s", qPrintable(m_db), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec("PRAGMA integrity_check") || !q.next())
            qFatal("integrity_check did not run: %s", qPrintable(q.lastError().text()));
        const QString integrity = q.value(0).toString();
        if (integrity != "ok")
            qFatal("integrity_check: %s", qPrintable(integrity));
        q.exec("SELECT count(*) FROM trades");
        q.next();
        state.trades = q.value(0).toLongLong();
        // Each of the day's snapshots is whole: as many rows as it says,
        // every position of its book (no trade ever flattens one here), and
        // its quantities are the fold of the trades up to its instant.
        q.exec("SELECT s.book_id, s.snapshot_time, s.position_count, "
               "  (SELECT count(*) FROM snapshot_positions p WHERE p.snapshot_id = s.snapshot_id), "
               "  (SELECT sum(CAST(p.quantity AS INTEGER)) FROM snapshot_positions p WHERE p.snapshot_id = s.snapshot_id), "
               "  (SELECT sum(CAST(t.quantity AS INTEGER)) FROM trades t "
               "     WHERE t.book_id = s.book_id AND t.trade_time <= s.snapshot_time) "
               "FROM snapshots s WHERE s.business_date = '2026-07-24'");
        while (q.next()) {
            const QString book = q.value(0).toString();
            if (q.value(2).toInt() != InstrumentsPerBook || q.value(3).toInt() != InstrumentsPerBook)
                qFatal("%s: snapshot of %d rows holds %d, not %d", qPrintable(book), q.value(2).toInt(),
                       q.value(3).toInt(), InstrumentsPerBook);
            if (q.value(4).toLongLong() != q.value(5).toLongLong())
                qFatal("%s: snapshot quantities %lld, trades up to its instant %lld", qPrintable(book),
                       q.value(4).toLongLong(), q.value(5).toLongLong());
            state.snapshotTime.insert(book, q.value(1).toLongLong());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return state;
}

void TestCrashSafety::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath("big.sqlite");
}

void TestCrashSafety::killedAtVariedMoments()
{
    QCOMPARE(run({"init", "--timezone", "UTC"}), 0);
    qint64 importMs = 0, snapshotMs = 0;
    QCOMPARE(run({"import-trades", tradeFile("base.csv", "BASE", Books * InstrumentsPerBook,
                                             "2026-07-24T08:00:00Z", 100)}, &importMs), 0);
    qint64 firstSnapshotMs = 0;
    QCOMPARE(run({"snapshot", "--at", "2026-07-24T19:00:00Z"}, &firstSnapshotMs), 0);
    State state = check();
    QCOMPARE(state.trades, qint64(Books * InstrumentsPerBook));
    QCOMPARE(state.snapshotTime.size(), Books);
    // A snapshot resumes from the last one and only moves its instant when
    // nothing changed: so that each round's snapshot has rows to rewrite
    // (and a run long enough to be killed in) whether or not the import
    // before it was killed, each gets trades of its own, dated just at its
    // instant, imported now.
    for (int round = 1; round < 20; round += 2) {
        QCOMPARE(run({"import-trades", tradeFile(QStringLiteral("at%1.csv").arg(round), QStringLiteral("S%1-").arg(round),
                                                 Books, QStringLiteral("2026-07-24T20:00:%1Z").arg(round, 2, 10, QLatin1Char('0')),
                                                 1)}), 0);
    }
    // The rounds' snapshots are timed on one like them: a round of trades,
    // then a snapshot that resumes from the last and rewrites the day.
    QCOMPARE(run({"import-trades", tradeFile("calibrate.csv", "C-", RoundTrades, "2026-07-24T19:30:00Z", 1)}), 0);
    QCOMPARE(run({"snapshot", "--at", "2026-07-24T19:45:00Z"}, &snapshotMs), 0);
    state = check();
    QCOMPARE(state.trades, qint64(Books * InstrumentsPerBook + RoundTrades + 10 * Books));
    qInfo("100,000 trades imported in %lld ms, snapshot of 100,000 positions in %lld ms, resumed after a round in %lld ms",
          importMs, firstSnapshotMs, snapshotMs);

    // A round's file is a fifth of the base one; kills land from the
    // process's start-up to past its end.
    const qint64 roundImportMs = importMs * RoundTrades / (Books * InstrumentsPerBook) + 200;
    int killed = 0;
    for (int round = 0; round < 20; ++round) {
        const double fraction = (round / 2 + 1) / 9.0; // 0.11 … 1.11 of a run
        if (round % 2 == 0) {
            // Trades after every stored snapshot (20:00:round-1 at most) and
            // before the next one (20:00:round+1): they change its content.
            const QString file = tradeFile(QStringLiteral("round%1.csv").arg(round), QStringLiteral("R%1-").arg(round),
                                           RoundTrades, QStringLiteral("2026-07-24T20:00:%1Z").arg(round, 2, 10, QLatin1Char('0')),
                                           1);
            const qint64 before = state.trades;
            killed += killAfter({"import-trades", file}, int(fraction * roundImportMs));
            state = check();
            QVERIFY2(state.trades == before || state.trades == before + RoundTrades,
                     qPrintable(QStringLiteral("round %1: %2 trades, expected %3 or %4")
                                    .arg(round).arg(state.trades).arg(before).arg(before + RoundTrades)));
        } else {
            const QHash<QString, qint64> old = state.snapshotTime;
            const QDateTime at = QDateTime(QDate(2026, 7, 24), QTime(20, 0, round), QTimeZone::utc());
            killed += killAfter({"snapshot", "--at", at.toString(Qt::ISODate)}, int(fraction * snapshotMs));
            state = check();
            QCOMPARE(state.snapshotTime.size(), Books);
            for (auto it = state.snapshotTime.cbegin(); it != state.snapshotTime.cend(); ++it) {
                QVERIFY2(it.value() == old.value(it.key()) || it.value() == at.toMSecsSinceEpoch(),
                         qPrintable(QStringLiteral("round %1: %2's snapshot is of neither instant").arg(round).arg(it.key())));
            }
        }
    }
    qInfo("%d of 20 runs killed before their end", killed);
    QVERIFY2(killed >= 10, "too few kills landed inside a run: the test would prove little");

    // After all that, the commands still work and agree with the trades.
    QCOMPARE(run({"import-trades", m_dir.filePath("round0.csv")}), 0);
    QCOMPARE(run({"snapshot", "--at", "2026-07-24T21:00:00Z"}), 0);
    state = check();
    for (auto it = state.snapshotTime.cbegin(); it != state.snapshotTime.cend(); ++it)
        QCOMPARE(it.value(), QDateTime(QDate(2026, 7, 24), QTime(21, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
