// Hostile input and stored faults through the command line, on both engines
// (issue 10): absurd numbers and odd characters in a trades file are
// refused with file:line:column and change nothing, or import the same way
// on SQLite and PostgreSQL; one book whose snapshot cannot be stored never
// stops the other books' snapshots.
#include "common/testdatabase.h"
#include "storage/connection.h"
#include "storage/storageerror.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void refusedTradesChangeNothing_data();
    void refusedTradesChangeNothing();
    void oddButValidTradesImportTheSame_data() { TestDatabase::addBackendRows(); }
    void oddButValidTradesImportTheSame();
    void badBookNeverStopsTheOthers_data() { TestDatabase::addBackendRows(); }
    void badBookNeverStopsTheOthers();
    void passwordNeverInMessages();
    void frozenServerFailsClearly();
    void passwordsFromTheEnvironment();

private:
    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run findesk(const QStringList &args);
    Run findesk(const QStringList &args, const QProcessEnvironment &environment);
    QString write(const QString &name, const QByteArray &content);
    // Everything the trades table holds, as the command line shows it.
    QString allPositions();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

static const QByteArray Header = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";

TestFaults::Run TestFaults::findesk(const QStringList &args)
{
    return findesk(args, QProcessEnvironment::systemEnvironment());
}

TestFaults::Run TestFaults::findesk(const QStringList &args, const QProcessEnvironment &environment)
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.setWorkingDirectory(m_dir->path());
    p.start(QStringLiteral(FINDESK_BINARY), QStringList{"--db", m_db} + args);
    if (!p.waitForFinished(120000))
        qFatal("findesk %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString TestFaults::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

QString TestFaults::allPositions()
{
    const Run r = findesk({"positions", "--all", "--format", "csv", "--as-of", "9999-12-31T23:59:59Z"});
    if (r.code != 0)
        qFatal("positions failed: %s", qPrintable(r.err));
    return r.out;
}

void TestFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestFaults::refusedTradesChangeNothing_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("where");   // file:line:column: column
    QTest::addColumn<QString>("message");

    struct Case
    {
        const char *name;
        QByteArray file;
        const char *where;
        const char *message;
    };
    const QList<Case> cases = {
        {"quantity 1e308", Header + "T1,B,I,1e308,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", "out of range"},
        {"quantity 1e15", Header + "T1,B,I,1e15,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", "less than 10^15"},
        {"quantity -1e15", Header + "T1,B,I,-1000000000000000,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", "less than 10^15"},
        {"quantity NaN", Header + "T1,B,I,NaN,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", "\"NaN\""},
        {"quantity inf", Header + "T1,B,I,inf,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", "\"inf\""},
        {"quantity 30 digits", Header + "T1,B,I,123456789012345678901234567890,5,2026-07-24T09:00:00Z\n",
         "bad.csv:2:4: quantity", "out of range"},
        {"quantity 7 decimals", Header + "T1,B,I,1.0000001,5,2026-07-24T09:00:00Z\n", "bad.csv:2:4: quantity", ""},
        // DESIGN.md §2 says price > 0; a subnormal is > 0 but no price:
        // below 10^-9 is refused.
        {"price subnormal", Header + "T1,B,I,10,1e-320,2026-07-24T09:00:00Z\n", "bad.csv:2:5: price", "at least 10^-9"},
        {"price 1e-10", Header + "T1,B,I,10,0.0000000001,2026-07-24T09:00:00Z\n", "bad.csv:2:5: price", "at least 10^-9"},
        {"price 1e12", Header + "T1,B,I,10,1e12,2026-07-24T09:00:00Z\n", "bad.csv:2:5: price", "less than 10^12"},
        {"price inf", Header + "T1,B,I,10,inf,2026-07-24T09:00:00Z\n", "bad.csv:2:5: price", "\"inf\""},
        {"year 10000", Header + "T1,B,I,10,5,10000-01-01T00:00:00Z\n", "bad.csv:2:6: trade_time", ""},
        {"year 0000", Header + "T1,B,I,10,5,0000-12-31T00:00:00Z\n", "bad.csv:2:6: trade_time", ""},
        // The reader drops one BOM; a second one is a column name that
        // starts with U+FEFF, and the message says so.
        {"doubled BOM", "\xEF\xBB\xBF\xEF\xBB\xBF" + Header + "T1,B,I,10,5,2026-07-24T09:00:00Z\n",
         "bad.csv:1:1: \xEF\xBB\xBFtrade_id", "second byte order mark (U+FEFF)"},
        // A good row first: nothing of a file with a bad row is stored.
        {"bad second row", Header + "T2,B,I,10,5,2026-07-24T09:00:00Z\nT3,B,I,1e308,5,2026-07-24T09:00:00Z\n",
         "bad.csv:3:4: quantity", "out of range"},
        // SQLite reads U+FFFE and U+FFFF back as U+FFFD: noncharacters
        // are refused in ids, so both engines store the same ones.
        {"noncharacter U+FFFF in an id", Header + "T1,B,I\xEF\xBF\xBF,10,5,2026-07-24T09:00:00Z\n",
         "bad.csv:2:3: instrument_id", "noncharacter U+FFFF at character 2"},
        {"noncharacter U+1FFFE in an id", Header + "T1,B\xF0\x9F\xBF\xBE,I,10,5,2026-07-24T09:00:00Z\n",
         "bad.csv:2:2: book_id", "noncharacter U+1FFFE"},
        {"control character in an id", Header + "T\x1b[2J,B,I,10,5,2026-07-24T09:00:00Z\n", "bad.csv:2:1: trade_id",
         "U+001B"},
    };
    for (const char *backend : {"sqlite", "postgresql"}) {
        for (const Case &c : cases) {
            QTest::addRow("%s: %s", backend, c.name) << QString::fromLatin1(backend) << c.file
                                                   << QString::fromUtf8(c.where) << QString::fromUtf8(c.message);
        }
    }
}

void TestFaults::refusedTradesChangeNothing()
{
    QFETCH(QString, backend);
    QFETCH(QByteArray, file);
    QFETCH(QString, where);
    QFETCH(QString, message);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);
    QCOMPARE(findesk({"import-trades", write("good.csv", Header + "T0,B,I,100,5,2026-07-23T09:00:00Z\n")}).code, 0);
    const QString before = allPositions();

    const Run r = findesk({"import-trades", write("bad.csv", file)});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.startsWith(m_dir->filePath(where)), qPrintable(r.err));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(r.err.contains("nothing was imported") || !r.err.contains("imported"), qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(allPositions(), before);
}

void TestFaults::oddButValidTradesImportTheSame()
{
    QFETCH(QString, backend);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);

    // Years 0001 and 9999 are ISO 8601 years: they import and fold like any
    // other (instants are milliseconds since 1970 on both engines). Ids are
    // byte for byte: U+200B (zero width space), U+202E (right-to-left
    // override) and U+FFFD are neither control characters nor noncharacters.
    const QByteArray zwsp = "\xE2\x80\x8B", rlo = "\xE2\x80\xAE", replacement = "\xEF\xBF\xBD";
    Run r = findesk({"import-trades", write("odd.csv", Header
        + "OLD,B,I,10,5,0001-01-01T00:00:00Z\n"
        + "NEW,B,I,-4,7,9999-12-31T23:59:59Z\n"
        + "Z" + zwsp + "W,B" + rlo + "X,I" + replacement + ",3,2,2026-07-24T09:00:00Z\n"
        + "ZW,B" + rlo + "X,I,1,2,2026-07-24T09:00:00Z\n")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("imported 4 trade(s)"), qPrintable(r.err));

    const QString header = "book_id,instrument_id,currency,quantity,average_price,realized_pnl,market_price,market_value,"
                           "unrealized_pnl,fx_rate,market_value_base\n";
    r = findesk({"positions", "--format", "csv", "--as-of", "0001-01-01T00:00:00Z"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("\nB,I,,10,5,0,"), qPrintable(r.out));
    const QString all = allPositions();
    QVERIFY2(all.contains("\nB,I,,6,5,8,"), qPrintable(all)); // sold 4 at 7 from 10 at 5
    QVERIFY2(all.contains(QString::fromUtf8("\nB" + rlo + "X,I" + replacement + ",,3,2,0,")), qPrintable(all));
    QVERIFY2(all.contains(QString::fromUtf8("\nB" + rlo + "X,I,,1,2,0,")), qPrintable(all));
    QVERIFY(all.startsWith(header));

    // The same file again: every trade is already stored, byte for byte.
    r = findesk({"import-trades", m_dir->filePath("odd.csv")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("imported 0 trade(s); 4 already stored"), qPrintable(r.err));

    r = findesk({"snapshot", "--at", "9999-12-31T23:59:59Z"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("B 9999-12-31: stored the snapshot of 9999-12-31T23:59:59Z (1 position)"), qPrintable(r.err));
    r = findesk({"snapshot", "--at", "0001-01-01T00:00:00Z"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("B 0001-01-01: stored the snapshot"), qPrintable(r.err));
}

void TestFaults::badBookNeverStopsTheOthers()
{
    QFETCH(QString, backend);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);
    QCOMPARE(findesk({"import-trades", write("t.csv", Header
        + "A1,GOOD1,I,10,5,2026-07-24T09:00:00Z\n"
        + "B1,BAD,I,10,5,2026-07-24T09:00:00Z\n"
        + "C1,GOOD2,I,10,5,2026-07-24T09:00:00Z\n")}).code, 0);

    // Whatever the stored data, storing one book's snapshot can fail (a
    // constraint, a trigger, a full disk): here a trigger refuses book BAD.
    {
        Connection c(db.location(), Connection::Mode::MustExist);
        if (c.dialect() == SqlDialect::SQLite) {
            c.exec(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON snapshots WHEN NEW.book_id = 'BAD' "
                                  "BEGIN SELECT RAISE(ABORT, 'poisoned book'); END"));
        } else {
            c.exec(QStringLiteral("CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                  "IF NEW.book_id = 'BAD' THEN RAISE EXCEPTION 'poisoned book'; END IF; "
                                  "RETURN NEW; END $$"));
            c.exec(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON snapshots "
                                  "FOR EACH ROW EXECUTE FUNCTION poison()"));
        }
    }

    Run r = findesk({"snapshot", "--at", "2026-07-24T18:00:00Z"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("GOOD1 2026-07-24: stored the snapshot"), qPrintable(r.err));
    QVERIFY2(r.err.contains("GOOD2 2026-07-24: stored the snapshot"), qPrintable(r.err));
    QVERIFY2(r.err.contains("BAD: the snapshot could not be stored:"), qPrintable(r.err));
    QVERIFY2(r.err.contains("poisoned book"), qPrintable(r.err));
    QVERIFY2(r.err.contains("1 book could not be snapshotted"), qPrintable(r.err));

    r = findesk({"snapshots", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("\nGOOD1,2026-07-24,"), qPrintable(r.out));
    QVERIFY2(r.out.contains("\nGOOD2,2026-07-24,"), qPrintable(r.out));
    QVERIFY2(!r.out.contains("\nBAD,"), qPrintable(r.out));

    // One book asked for, and it is the bad one: exit 3, nothing stored.
    r = findesk({"snapshot", "--book", "BAD", "--at", "2026-07-24T19:00:00Z"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("BAD: the snapshot could not be stored:"), qPrintable(r.err));
}

void TestFaults::passwordNeverInMessages()
{
    // A password given in the URL is never repeated: not when the URL is
    // malformed, not when the server cannot be reached.
    const QString secret = QStringLiteral("Sup3rSecretPw");
    for (const QString &url : {QStringLiteral("postgresql://findesk:%1@/nodb").arg(secret),
                               QStringLiteral("postgresql://findesk:%1@127.0.0.1:1/findesk").arg(secret)}) {
        m_db = url;
        const Run r = findesk({"positions"});
        QVERIFY2(r.code == 2 || r.code == 3, qPrintable(r.err));
        QVERIFY2(!r.err.isEmpty(), qPrintable(url));
        QVERIFY2(!r.err.contains(secret), qPrintable(r.err));
    }
}

// A PostgreSQL cluster of its own (tests/pg_cluster.sh), stopped and removed
// when the test ends, and continued first if it was frozen: never the
// shared test cluster.
class OwnCluster
{
public:
    OwnCluster()
    {
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral(FINDESK_PG_CLUSTER), QStringLiteral("start")});
        if (!p.waitForFinished(120000) || p.exitCode() != 0)
            return;
        const QString out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        m_dir = out.section(u' ', 0, 0);
        m_url = out.section(u' ', 1);
    }
    ~OwnCluster()
    {
        if (m_dir.isEmpty())
            return;
        signal(SIGCONT);
        QProcess::execute(QStringLiteral("bash"), {QStringLiteral(FINDESK_PG_CLUSTER), QStringLiteral("stop"), m_dir});
    }
    bool started() const { return !m_url.isEmpty(); }
    QString url() const { return m_url; }
    QString dir() const { return m_dir; }

    // Every process of the cluster: the postmaster (data/postmaster.pid)
    // and its children.
    QList<pid_t> processes() const
    {
        QFile pidFile(m_dir + QStringLiteral("/data/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return {};
        const pid_t postmaster = pid_t(pidFile.readLine().trimmed().toInt());
        QList<pid_t> pids{postmaster};
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-P"), QString::number(postmaster)});
        pgrep.waitForFinished();
        for (const QByteArray &line : pgrep.readAllStandardOutput().split('\n')) {
            if (!line.trimmed().isEmpty())
                pids.append(pid_t(line.trimmed().toInt()));
        }
        return pids;
    }
    void signal(int sig) const
    {
        for (const pid_t pid : processes())
            ::kill(pid, sig);
    }

private:
    QString m_dir;
    QString m_url;
};

// Whether a trade import is writing: it holds the trade writers' advisory
// lock (TradeStore::insert) from before its first row to its commit.
static bool importWriting(const DatabaseLocation &location)
{
    bool writing = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("look"));
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setDatabaseName(location.database);
        if (db.open()) {
            QSqlQuery q(db);
            writing = q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 7340118"))
                && q.next() && q.value(0).toInt() > 0;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("look"));
    return writing;
}

void TestFaults::frozenServerFailsClearly()
{
    // A PostgreSQL server frozen (SIGSTOP) in the middle of an import: the
    // kernel still ACKs, the server cannot cancel anything, and before the
    // client-side deadline the command waited forever. Now it stops after
    // the statement timeout with a clear message and exit 3, and nothing of
    // the import is stored.
    if (qEnvironmentVariableIsEmpty("FINDESK_TEST_PG_URL"))
        QSKIP("PostgreSQL only: FINDESK_TEST_PG_URL is not set");
    const OwnCluster cluster;
    if (!cluster.started())
        QSKIP("tests/pg_cluster.sh could not start a cluster");
    m_db = cluster.url();
    const DatabaseLocation location = DatabaseLocation::parse(m_db, nullptr).value();
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);

    QByteArray trades = Header;
    for (int i = 0; i < 400000; ++i)
        trades += "F" + QByteArray::number(i) + ",B" + QByteArray::number(i % 50) + ",I" + QByteArray::number(i % 997)
                  + ",10,5,2026-07-24T09:00:00Z\n";
    const QString file = write("big.csv", trades);

    constexpr int Timeout = 3;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FINDESK_STATEMENT_TIMEOUT"), QString::number(Timeout));
    QProcess import;
    import.setProcessEnvironment(environment);
    import.start(QStringLiteral(FINDESK_BINARY), {"--db", m_db, "import-trades", file});
    QVERIFY(import.waitForStarted());

    // Freeze the server once the trades are being written.
    QElapsedTimer waiting;
    waiting.start();
    while (!importWriting(location)) {
        QVERIFY2(import.state() == QProcess::Running, import.readAllStandardError().constData());
        QVERIFY2(waiting.elapsed() < 60000, "the import never started writing");
        QTest::qWait(50);
    }
    QTest::qWait(1000); // well into the trades' batches
    cluster.signal(SIGSTOP);
    QElapsedTimer frozen;
    frozen.start();

    const int margin = 15;
    const bool finished = import.waitForFinished((Timeout + margin) * 1000);
    const qint64 took = frozen.elapsed();
    cluster.signal(SIGCONT);
    if (!finished) {
        import.kill();
        import.waitForFinished();
        QFAIL(qPrintable(QStringLiteral("import-trades still waited %1 s after the server froze").arg(took / 1000.0)));
    }
    const QString err = QString::fromUtf8(import.readAllStandardError());
    QCOMPARE(import.exitCode(), 3);
    QVERIFY2(err.contains(QStringLiteral("the PostgreSQL server at %1:%2 did not answer within %3 s while inserting into trades")
                              .arg(location.host).arg(location.port).arg(Timeout)), qPrintable(err));
    QVERIFY2(!err.contains(u'?'), qPrintable(err));
    qInfo("import-trades stopped %.1f s after the server froze", took / 1000.0);

    // Nothing half-written: the server rolled the import back.
    QVERIFY2(allPositions().count(u'\n') <= 1, "trades of the interrupted import were stored");

    // The same on one Connection: the statement throws, and the connection
    // knows it is lost (a kept one is dropped and opened again).
    qputenv("FINDESK_STATEMENT_TIMEOUT", QByteArray::number(Timeout));
    {
        Connection c(location, Connection::Mode::MustExist);
        QVERIFY(c.isUsable());
        Transaction tx(c);
        c.exec(QStringLiteral("INSERT INTO books (book_id) VALUES ('FROZEN1')"));
        cluster.signal(SIGSTOP);
        QElapsedTimer statement;
        statement.start();
        QString message;
        try {
            c.exec(QStringLiteral("INSERT INTO books (book_id) VALUES ('FROZEN2')"));
        } catch (const StorageError &e) {
            message = e.message();
        }
        const qint64 waited = statement.elapsed();
        cluster.signal(SIGCONT);
        QVERIFY2(message.contains(QStringLiteral("did not answer within %1 s while inserting into books").arg(Timeout)),
                 qPrintable(message));
        QVERIFY2(waited < (Timeout + margin) * 1000, qPrintable(QString::number(waited)));
        QVERIFY(!c.isUsable());
    }
    qunsetenv("FINDESK_STATEMENT_TIMEOUT");
    const Connection after(location, Connection::Mode::MustExist);
    QSqlQuery q = after.exec(QStringLiteral("SELECT COUNT(*) FROM books WHERE book_id LIKE 'FROZEN%'"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestFaults::passwordsFromTheEnvironment()
{
    // A server that asks for a password (SCRAM over TCP): a wrong one is
    // refused without being repeated, and with none in the URL, or an empty
    // one, libpq takes it from PGPASSWORD or a password file.
    if (qEnvironmentVariableIsEmpty("FINDESK_TEST_PG_URL"))
        QSKIP("PostgreSQL only: FINDESK_TEST_PG_URL is not set");
    const OwnCluster cluster;
    if (!cluster.started())
        QSKIP("tests/pg_cluster.sh could not start a cluster");
    const QString password = QStringLiteral("Desk-Pw0rd-42");
    const DatabaseLocation location = DatabaseLocation::parse(cluster.url(), nullptr).value();
    {
        m_db = cluster.url();
        QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);
        const Connection c(location, Connection::Mode::MustExist);
        c.exec(QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(location.user, password));
        QFile hba(cluster.dir() + QStringLiteral("/data/pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadOnly));
        QByteArray rules = hba.readAll();
        hba.close();
        rules.replace("trust", "scram-sha-256"); // the local socket too: only TCP is used here
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(rules);
        hba.close();
        c.exec(QStringLiteral("SELECT pg_reload_conf()"));
    }
    QTest::qWait(500); // the postmaster reloads its rules on the signal

    const QString plain = QStringLiteral("postgresql://%1@%2:%3/%4").arg(location.user, location.host).arg(location.port).arg(location.database);
    const QString empty = QStringLiteral("postgresql://%1:@%2:%3/%4").arg(location.user, location.host).arg(location.port).arg(location.database);
    const QString wrong = QStringLiteral("postgresql://%1:Wr0ngSecret77@%2:%3/%4").arg(location.user, location.host).arg(location.port).arg(location.database);
    QProcessEnvironment none = QProcessEnvironment::systemEnvironment();
    none.remove(QStringLiteral("PGPASSWORD"));
    none.insert(QStringLiteral("PGPASSFILE"), m_dir->filePath("no-such-pgpass"));

    m_db = wrong;
    Run r = findesk({"snapshots"}, none);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("password authentication failed"), qPrintable(r.err));
    QVERIFY2(!r.err.contains("Wr0ngSecret77"), qPrintable(r.err));

    m_db = plain;
    r = findesk({"snapshots"}, none);
    QCOMPARE(r.code, 3);

    QProcessEnvironment withVariable = none;
    withVariable.insert(QStringLiteral("PGPASSWORD"), password);
    for (const QString &url : {plain, empty}) {
        m_db = url;
        r = findesk({"snapshots"}, withVariable);
        QVERIFY2(r.code == 0, qPrintable(url + u' ' + r.err));
    }

    QProcessEnvironment withFile = none;
    const QString passFile = write("pgpass", QStringLiteral("%1:%2:%3:%4:%5\n").arg(location.host).arg(location.port)
                                                 .arg(location.database, location.user, password).toUtf8());
    QFile::setPermissions(passFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner); // libpq ignores a file others can read
    withFile.insert(QStringLiteral("PGPASSFILE"), passFile);
    m_db = plain;
    r = findesk({"snapshots"}, withFile);
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
