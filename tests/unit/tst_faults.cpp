// Hostile input and stored faults through the command line, on both engines
// (issue 10): absurd numbers and odd characters in a trades file are
// refused with file:line:column and change nothing, or import the same way
// on SQLite and PostgreSQL; one book whose snapshot cannot be stored never
// stops the other books' snapshots.
#include "common/testdatabase.h"
#include "storage/connection.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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

private:
    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run findesk(const QStringList &args);
    QString write(const QString &name, const QByteArray &content);
    // Everything the trades table holds, as the command line shows it.
    QString allPositions();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

static const QByteArray Header = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";

TestFaults::Run TestFaults::findesk(const QStringList &args)
{
    QProcess p;
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

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
