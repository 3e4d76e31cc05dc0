// The batch command line end to end, through QProcess on a temporary
// database: DESIGN.md §3's commands, outputs and exit codes.
#include "common/testdatabase.h"
#include "common/xlsxreader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void initAndTimeZone();
    void importAndPositions();
    void badImportChangesNothing_data();
    void badImportChangesNothing();
    void lateSnapshotIsDiscarded();
    void businessDateAcrossDaylightSaving();
    void snapshotPositionsAndRanking();
    void referenceDataAndRebuild();
    void usageAndDatabaseErrors_data();
    void usageAndDatabaseErrors();
    void newerDatabaseIsRefused();
    void demo();
    void agreementsEndToEnd_data() { TestDatabase::addBackendRows(); }
    void agreementsEndToEnd();
    void idsByteForByte_data() { TestDatabase::addBackendRows(); }
    void idsByteForByte();
    void foreignSqliteFileIsLeftAlone();
    void emptyFileIsRefusedUnchanged();
    void badSchemaVersionIsNamed_data();
    void badSchemaVersionIsNamed();
    void onlyInitCreates_data() { TestDatabase::addBackendRows(); }
    void onlyInitCreates();
    void outputThroughLinksKeepsModes();
    void outputNeverReplacesWhatItMayNot();
    void outputWriteErrors();
    void endlessInputEndsCleanly();
    void helpSaysColumnsAndFormat_data();
    void helpSaysColumnsAndFormat();

private:
    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    // `inChild` runs in the child before exec (umask, limits, descriptors).
    Run findesk(const QStringList &args, const std::function<void()> &inChild = {});
    QString write(const QString &name, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

TestCli::Run TestCli::findesk(const QStringList &args, const std::function<void()> &inChild)
{
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    if (inChild)
        p.setChildProcessModifier(inChild);
    p.start(QStringLiteral(FINDESK_BINARY), QStringList{"--db", m_db} + args);
    if (!p.waitForFinished(120000))
        qFatal("findesk %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString TestCli::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

static QByteArray workedTrades()
{
    QFile f(QStringLiteral(FINDESK_TEST_DATA "/worked_trades.csv"));
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath("desk.sqlite");
}

void TestCli::initAndTimeZone()
{
    Run r = findesk({"init", "--timezone", "America/New_York"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("America/New_York"), qPrintable(r.err));
    r = findesk({"init"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.contains("America/New_York")); // kept
    r = findesk({"init", "--timezone", "Mars/Olympus"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("Mars/Olympus"));
    // Valid for QTimeZone (POSIX rules at offset 0), but not IANA zones.
    for (const char *invented : {"Paris", "London", "EST5EDT,M3.2.0,M11.1.0"}) {
        r = findesk({"init", "--timezone", QString::fromLatin1(invented)});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is not an IANA time zone"), qPrintable(r.err));
    }
    r = findesk({"init"});
    QVERIFY(r.err.contains("America/New_York")); // still
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);
}

void TestCli::importAndPositions()
{
    QCOMPARE(findesk({"init", "--timezone", "Europe/London"}).code, 0);
    const QString file = write("worked.csv", workedTrades());
    Run r = findesk({"import-trades", file});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("imported 7 trade(s)"), qPrintable(r.err));

    r = findesk({"positions", "--format", "csv"});
    QCOMPARE(r.code, 0);
    // No reference data: no currency, amounts per unit, nothing converted.
    QCOMPARE(r.out, QStringLiteral("book_id,instrument_id,currency,quantity,average_price,realized_pnl,market_price,"
                                   "market_value,unrealized_pnl,fx_rate,market_value_base\n"
                                   "DEMO-EQ,US5949181045,,180,312,960,,,,,\n"));
    r = findesk({"positions", "--format", "csv", "--all", "--book", "DEMO-EQ"});
    QVERIFY(r.out.contains("DEMO-EQ,US0378331005,,0,0,450,,,,,\n"));
    // As of 15:00Z: after W3 (the flip) only.
    r = findesk({"positions", "--format", "csv", "--as-of", "2026-07-24T15:00:00Z"});
    QVERIFY2(r.out.contains("DEMO-EQ,US0378331005,,-50,185,350,,,,,\n"), qPrintable(r.out));
    QVERIFY(r.out.contains("DEMO-EQ,US5949181045,,300,312,0,,,,,\n"));
    // The same instant with an offset, and in desk-local time (BST = UTC+1).
    QCOMPARE(findesk({"positions", "--format", "csv", "--as-of", "2026-07-24T17:00:00+02:00"}).out, r.out);
    QCOMPARE(findesk({"positions", "--format", "csv", "--as-of", "2026-07-24T16:00:00"}).out, r.out);
    // The table format is for people: aligned, same numbers.
    r = findesk({"positions"});
    QVERIFY(r.out.startsWith("book_id"));
    QVERIFY(r.out.contains("960.00"));

    // Again: a counted no-op.
    r = findesk({"import-trades", file});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("imported 0 trade(s); 7 already stored"), qPrintable(r.err));
}

void TestCli::badImportChangesNothing_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("where");
    const QByteArray header = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";
    const QByteArray good = "N1,NEW-BOOK,X,10,5,2026-07-25T10:00:00Z\n";
    QTest::newRow("bad number") << header + good + "N2,NEW-BOOK,X,ten,5,2026-07-25T10:00:00Z\n" << "bad.csv:3:4: quantity";
    QTest::newRow("zero quantity") << header + good + "N2,NEW-BOOK,X,0,5,2026-07-25T10:00:00Z\n" << "bad.csv:3:4: quantity";
    QTest::newRow("price <= 0") << header + good + "N2,NEW-BOOK,X,1,-5,2026-07-25T10:00:00Z\n" << "bad.csv:3:5: price";
    QTest::newRow("bad time") << header + good + "N2,NEW-BOOK,X,1,5,25/07/2026\n" << "bad.csv:3:6: trade_time";
    QTest::newRow("broken quoting") << header + good + "N2,\"NEW-BOOK,X,1,5,2026-07-25T10:00:00Z\n" << "bad.csv:3:2";
    QTest::newRow("wrong header") << QByteArray("id,book,instrument,qty,price,time\n") + good << "bad.csv:1:1";
    QTest::newRow("conflicting trade id") << header + good + "W1,DEMO-EQ,US0378331005,100,181,2026-07-24T13:30:00Z\n"
                                          << "bad.csv:3:1: trade_id: trade W1 is already stored with other content";
}

void TestCli::badImportChangesNothing()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, where);
    QCOMPARE(findesk({"init"}).code, 0);
    QCOMPARE(findesk({"import-trades", write("worked.csv", workedTrades())}).code, 0);
    const QString before = findesk({"positions", "--format", "csv", "--all"}).out;

    const Run r = findesk({"import-trades", write("bad.csv", content)});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(m_dir->filePath("bad.csv").section(u'/', 0, -2) + "/" + where) || r.err.contains(where),
             qPrintable(r.err));
    QCOMPARE(findesk({"positions", "--format", "csv", "--all"}).out, before);
    QCOMPARE(findesk({"positions", "--book", "NEW-BOOK"}).code, 1); // not even the book
}

void TestCli::lateSnapshotIsDiscarded()
{
    findesk({"init", "--timezone", "Europe/London"});
    findesk({"import-trades", write("worked.csv", workedTrades())});
    Run r = findesk({"snapshot", "--at", "2026-07-24T19:30:00Z"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("stored the snapshot"), qPrintable(r.err));
    r = findesk({"snapshot", "--at", "2026-07-24T18:00:00Z"});
    QCOMPARE(r.code, 0); // late is not an error
    QVERIFY2(r.err.contains("older than the stored one of 2026-07-24T19:30:00Z; discarded"), qPrintable(r.err));
    r = findesk({"snapshot", "--at", "2026-07-24T20:00:00Z"});
    QVERIFY2(r.err.contains("unchanged"), qPrintable(r.err));

    r = findesk({"snapshots", "--format", "csv"});
    // Without reference data the position is counted, never added as money.
    QCOMPARE(r.out, QStringLiteral("book_id,business_date,snapshot_time,positions,base_currency,net_value,gross_value,market_value,unconverted\n"
                                   "DEMO-EQ,2026-07-24,2026-07-24T20:00:00Z,1,USD,0,0,0,1\n"));
    // With it: 180 × 312 = 56,160 USD at cost, marked at 320: 57,600.
    findesk({"import-instruments", write("i.csv", "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n"
                                                  "US5949181045,Microsoft,equity,,,USD,,true\n")});
    findesk({"import-prices", write("p.csv", "instrument_id,business_date,price\nUS5949181045,2026-07-24,320\n")});
    r = findesk({"snapshots", "--format", "csv"});
    QCOMPARE(r.out.section(u'\n', 1, 1), QStringLiteral("DEMO-EQ,2026-07-24,2026-07-24T20:00:00Z,1,USD,56160,56160,57600,0"));
}

void TestCli::businessDateAcrossDaylightSaving()
{
    findesk({"init", "--timezone", "America/New_York"});
    // Desk-local trade times on the spring-forward day (8 March 2026).
    findesk({"import-trades", write("t.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                             "D1,NY,X,100,10,2026-03-08T09:00:00\n"
                                             "D2,NY,X,100,12,2026-03-08T23:30:00\n")});
    // 23:59 EDT on the 8th is 03:59Z on the 9th: still the 8th.
    QCOMPARE(findesk({"snapshot", "--at", "2026-03-09T03:59:00Z"}).code, 0);
    // 00:01 EDT on the 9th.
    QCOMPARE(findesk({"snapshot", "--at", "2026-03-09T04:01:00Z"}).code, 0);
    // Fall-back day: 23:59 EST on 1 November is 04:59Z on the 2nd.
    QCOMPARE(findesk({"snapshot", "--at", "2026-11-02T04:59:00Z"}).code, 0);
    const Run r = findesk({"snapshots", "--format", "csv", "--book", "NY"});
    QCOMPARE(r.out, QStringLiteral("book_id,business_date,snapshot_time,positions,base_currency,net_value,gross_value,market_value,unconverted\n"
                                   "NY,2026-03-08,2026-03-09T03:59:00Z,1,USD,0,0,0,1\n"
                                   "NY,2026-03-09,2026-03-09T04:01:00Z,1,USD,0,0,0,1\n"
                                   "NY,2026-11-01,2026-11-02T04:59:00Z,1,USD,0,0,0,1\n"));
    const Run gap = findesk({"import-trades", write("gap.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                                              "G1,NY,X,1,10,2026-03-08T02:30:00\n")});
    QCOMPARE(gap.code, 1);
    QVERIFY2(gap.err.contains("gap.csv:2:6: trade_time") && gap.err.contains("does not exist"), qPrintable(gap.err));
}

void TestCli::snapshotPositionsAndRanking()
{
    findesk({"init", "--timezone", "Europe/London"});
    findesk({"import-trades", write("worked.csv", workedTrades())});
    findesk({"snapshot", "--at", "2026-07-24T19:30:00Z"});
    Run r = findesk({"snapshot-positions", "--book", "DEMO-EQ", "--date", "2026-07-24", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("book_id,business_date,instrument_id,currency,quantity,average_price,realized_pnl,"
                                   "market_price,market_value,unrealized_pnl,fx_rate,market_value_base\n"
                                   "DEMO-EQ,2026-07-24,US5949181045,,180,312,960,,,,,\n"));
    // No reference data: never collateral, whatever the default haircut.
    r = findesk({"ranking", "--book", "DEMO-EQ", "--date", "2026-07-24", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.section(u'\n', 0, 1),
             QStringLiteral("rank,book_id,business_date,agreement_id,instrument_id,currency,quantity,price,price_source,"
                            "market_value,fx_rate,haircut,fx_haircut,collateral_value,counted_value,note\n"
                            ",DEMO-EQ,2026-07-24,,US5949181045,,180,312,average,,,,,,,no reference data"));

    const QString xlsx = m_dir->filePath("r.xlsx");
    r = findesk({"ranking", "--book", "DEMO-EQ", "--date", "2026-07-24", "--format", "xlsx", "--output", xlsx});
    QCOMPARE(r.code, 0);
    const auto cells = XlsxReader::cells(XlsxReader::zipEntry(xlsx, "xl/worksheets/sheet1.xml"));
    QCOMPARE(cells.value("G2").value.toDouble(), 180.0);
    QVERIFY(cells.value("G2").type.isEmpty() || cells.value("G2").type == "n");
    QVERIFY(!cells.contains("N2")); // no collateral value

    QCOMPARE(findesk({"ranking", "--book", "DEMO-EQ", "--date", "2026-07-24", "--format", "xlsx"}).code, 2);
    QCOMPARE(findesk({"ranking", "--book", "DEMO-EQ", "--date", "2026-07-23"}).code, 1);
    QCOMPARE(findesk({"ranking", "--book", "NOPE", "--date", "2026-07-24"}).code, 1);
    QCOMPARE(findesk({"ranking", "--book", "DEMO-EQ"}).code, 2);
    QCOMPARE(findesk({"snapshot-positions", "--book", "DEMO-EQ", "--date", "24/07/2026"}).code, 2);
}

void TestCli::referenceDataAndRebuild()
{
    findesk({"init", "--timezone", "Europe/London"});
    findesk({"import-trades", write("t.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                             "R1,REPO,BUND,10000000,98,2026-07-24T09:00:00Z\n"
                                             "R2,REPO,JUNK,1000000,90,2026-07-24T09:00:00Z\n"
                                             "R3,REPO,AAPL,100,180,2026-07-24T09:00:00Z\n")});
    Run r = findesk({"import-instruments", write("i.csv",
        "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n"
        "BUND,\"Bund 2.5% 2030\",bond,sovereign,AAA,EUR,2030-02-15,false\n"
        "JUNK,Junk 2029,bond,other,B,EUR,2029-01-01,false\n"
        "AAPL,Apple,equity,,,USD,,true\n")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("3 new instrument(s)"), qPrintable(r.err));
    // A EUR book: the Bund needs no conversion, Apple (USD) does, with the
    // 8% currency-mismatch haircut.
    r = findesk({"import-books", write("b.csv", "book_id,name,base_currency\nREPO,Repo London,EUR\n")});
    QCOMPARE(r.code, 0);
    QCOMPARE(findesk({"import-fx", write("fx.csv", "currency_pair,business_date,rate\nEURUSD,2026-07-24,1.25\n")}).code, 0);
    QCOMPARE(findesk({"import-prices", write("p.csv", "instrument_id,business_date,price\n"
                                                      "BUND,2026-07-23,99\n"
                                                      "BUND,2026-07-24,99.5\n"
                                                      "BUND,2026-07-27,101\n"
                                                      "AAPL,2026-07-20,200\n")}).code, 0);
    findesk({"snapshot", "--at", "2026-07-24T17:00:00Z"});
    r = findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--format", "csv"});
    const QStringList lines = r.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 4);
    // 10m × 99.5% × (1 − 2%) (3.6 years to maturity), the price of the 24th
    // (not the 27th); AAPL at
    // the 20th's price, 15%; JUNK not eligible, last.
    QCOMPARE(lines[1], QStringLiteral("1,REPO,2026-07-24,,BUND,EUR,10000000,99.5,market,9950000,1,0.02,0,9751000,9751000,"
                                      "schedule: sovereign bond AAA..AA- over 1 up to 5 years"));
    // 100 × 200 USD = 20,000 USD = 16,000 EUR, × (1 − 15% − 8%) = 12,320 EUR.
    QVERIFY2(lines[2].startsWith("2,REPO,2026-07-24,,AAPL,USD,100,200,market,20000,0.8,0.15,0.08,"), qPrintable(lines[2]));
    QCOMPARE(qRound64(lines[2].section(u',', 13, 13).toDouble() * 100), Q_INT64_C(1232000));
    QVERIFY2(lines[3].startsWith(",REPO,2026-07-24,,JUNK,EUR,1000000,90,average,900000,,,,,,non-sovereign bond rated B is not eligible"),
             qPrintable(lines[3]));

    // An override changes nothing stored until the ranking is rebuilt.
    QCOMPARE(findesk({"import-haircuts", write("h.csv", "instrument_id,haircut\nBUND,0.1\n")}).code, 0);
    QCOMPARE(findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--format", "csv"}).out, r.out);
    r = findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--format", "csv", "--rebuild"});
    QVERIFY2(r.out.contains("1,REPO,2026-07-24,,BUND,EUR,10000000,99.5,market,9950000,1,0.1,0,8955000,8955000,desk override 10%"),
             qPrintable(r.out));

    // A bad reference file changes nothing either.
    r = findesk({"import-instruments", write("bad.csv",
        "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n"
        "BUND,Bund,bond,sovereign,AAA,EUR,2030-02-15,false\n"
        "JUNK,Junk,bond,other,ZZZ,EUR,2029-01-01,false\n")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("bad.csv:3:5: rating: unknown rating"), qPrintable(r.err));
}

void TestCli::usageAndDatabaseErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2;
    QTest::newRow("unknown option") << QStringList{"positions", "--colour"} << 2;
    QTest::newRow("bad instant") << QStringList{"snapshot", "--at", "yesterday"} << 2;
    QTest::newRow("bad format") << QStringList{"snapshots", "--format", "pdf"} << 2;
    QTest::newRow("missing file") << QStringList{"import-trades", "/nonexistent/trades.csv"} << 1;
    QTest::newRow("no file argument") << QStringList{"import-prices"} << 2;
    QTest::newRow("help") << QStringList{"ranking", "--help"} << 0;
}

void TestCli::usageAndDatabaseErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    findesk({"init"});
    const Run r = findesk(args);
    QCOMPARE(r.code, code);
    if (code != 0)
        QVERIFY(!r.err.isEmpty());
}

void TestCli::newerDatabaseIsRefused()
{
    QCOMPARE(findesk({"positions"}).code, 3); // no database there yet
    QVERIFY(!QFile::exists(m_db));
    findesk({"init"});
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "raw");
        db.setDatabaseName(m_db);
        QVERIFY(db.open());
        QSqlQuery(db).exec("UPDATE schema_info SET version = 42");
        db.close();
    }
    QSqlDatabase::removeDatabase("raw");
    const Run r = findesk({"import-trades", write("worked.csv", workedTrades())});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("newer FinDesk"), qPrintable(r.err));
    QCOMPARE(findesk({"--db", "postgresql://nobody@127.0.0.1:1/none", "positions"}).code, 3);
}

void TestCli::demo()
{
    findesk({"init", "--timezone", "Europe/London"});
    Run r = findesk({"demo"});
    QCOMPARE(r.code, 0);
    const QString day = r.err.section("--date ", 1).trimmed();
    QVERIFY2(QDate::fromString(day, Qt::ISODate).isValid(), qPrintable(r.err));
    r = findesk({"snapshots", "--format", "csv", "--from", day});
    QCOMPARE(r.out.trimmed().split(u'\n').size(), 1 + 4); // header + four books
    for (const char *book : {"EQ-NY", "EGB-PAR", "REPO-LDN", "SECLEND-LDN"}) {
        r = findesk({"ranking", "--book", book, "--date", day, "--format", "csv"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.count(u'\n') > 10, book);
        QVERIFY(r.out.contains("\n1," + QString::fromLatin1(book) + ","));
    }
    // Running it again changes nothing.
    r = findesk({"demo"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("demo: 0 trades"), qPrintable(r.err));
}

void TestCli::agreementsEndToEnd()
{
    QFETCH(QString, backend);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init", "--timezone", "UTC", "--base-currency", "EUR"}).code, 0);
    findesk({"import-trades", write("t.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                             "A1,REPO,BUND,1000000,98,2026-07-24T09:00:00Z\n"
                                             "A2,REPO,OWN,1000000,100,2026-07-24T09:00:00Z\n"
                                             "A3,REPO,CASH,300000,1,2026-07-24T09:00:00Z\n")});
    QCOMPARE(findesk({"import-instruments", write("i.csv",
        "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index,issuer\n"
        "BUND,Bund,bond,sovereign,AAA,EUR,2030-02-15,false,Germany\n"
        "OWN,Nordbank 2029,bond,other,AA,EUR,2029-01-01,false,Nordbank\n"
        "CASH,Cash EUR,cash,,,EUR,,false,\n")}).code, 0);
    findesk({"import-prices", write("p.csv", "instrument_id,business_date,price\nBUND,2026-07-24,99\nOWN,2026-07-24,100\n")});
    findesk({"snapshot", "--at", "2026-07-24T17:00:00Z"});
    QCOMPARE(findesk({"import-agreements", write("a.csv", "agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer\n"
                                                         "GMRA-1,Nordbank AG,GMRA,EUR,,,Nordbank\n")}).code, 0);
    // A rule of an unknown agreement: nothing written, file:line:column.
    Run r = findesk({"import-eligibility", write("e.csv", "agreement_id,rule_id,include,asset_class,issuer_type,min_rating,max_maturity_years,currencies,main_index,haircut\n"
                                                          "GMRA-1,R1,true,bond,sovereign,AA-,,,,0.02\n"
                                                          "GMRA-9,R1,true,cash,,,,,,0\n")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("e.csv:3:1: agreement_id: unknown agreement \"GMRA-9\""), qPrintable(r.err));
    r = findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--agreement", "GMRA-1", "--format", "csv"});
    QVERIFY2(r.out.contains("not in the schedule of GMRA-1"), qPrintable(r.out)); // R1 was not written
    QCOMPARE(findesk({"import-eligibility", write("e.csv", "agreement_id,rule_id,include,asset_class,issuer_type,min_rating,max_maturity_years,currencies,main_index,haircut\n"
                                                          "GMRA-1,R1,true,bond,sovereign,AA-,,,,0.02\n"
                                                          "GMRA-1,R2,true,cash,,,,EUR,,0\n")}).code, 0);
    QCOMPARE(findesk({"import-costs", write("c.csv", "instrument_id,business_date,cost_rate\nBUND,2026-07-01,0.01\nCASH,2026-07-01,0.03\n")}).code, 0);
    // Built again: the stored ranking came from the same snapshot but under the old schedule.
    r = findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--agreement", "GMRA-1", "--format", "csv", "--rebuild"});
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 4);
    // 1,000,000 × 99% × 0.98 = 970,200 EUR; cash 300,000; the counterparty's own bond last.
    QCOMPARE(lines[1], QStringLiteral("1,REPO,2026-07-24,GMRA-1,BUND,EUR,1000000,99,market,990000,1,0.02,0,970200,970200,rule R1 of GMRA-1: haircut 2%"));
    QVERIFY2(lines[2].startsWith("2,REPO,2026-07-24,GMRA-1,CASH,EUR,300000,1,market,300000,1,0,0,300000,300000,"), qPrintable(lines[2]));
    QCOMPARE(lines[3], QStringLiteral(",REPO,2026-07-24,GMRA-1,OWN,EUR,1000000,100,market,1000000,,,,,,issued by the counterparty's group"));
    // The desk ranking is another ranking of the same day.
    r = findesk({"ranking", "--book", "REPO", "--date", "2026-07-24", "--format", "csv"});
    QVERIFY2(r.out.contains("\n1,REPO,2026-07-24,,"), qPrintable(r.out));
    // Cover 1,200,000: the Bund costs 1% a unit of value / 0.98, cash 3%: the Bund first, whole; then
    // ceil(229,800) units of cash. A second run asks for more than there is.
    r = findesk({"allocate", "--book", "REPO", "--date", "2026-07-24", "--agreement", "GMRA-1", "--amount", "1200000", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("step,book_id,business_date,agreement_id,instrument_id,currency,quantity,collateral_value,cost_rate,annual_cost,cumulative_value\n"
                                   "1,REPO,2026-07-24,GMRA-1,BUND,EUR,1000000,970200,0.01,9900,970200\n"
                                   "2,REPO,2026-07-24,GMRA-1,CASH,EUR,229800,229800,0.03,6894,1200000\n"));
    r = findesk({"allocate", "--book", "REPO", "--date", "2026-07-24", "--agreement", "GMRA-1", "--amount", "2000000", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("shortfall: 729800 EUR of 2000000 EUR"), qPrintable(r.err));
    QCOMPARE(findesk({"allocate", "--book", "REPO", "--date", "2026-07-24", "--agreement", "NOPE", "--amount", "1"}).code, 1);
    QCOMPARE(findesk({"allocate", "--book", "REPO", "--date", "2026-07-24", "--agreement", "GMRA-1", "--amount", "-5"}).code, 2);
}

void TestCli::idsByteForByte()
{
    QFETCH(QString, backend);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);

    // A U+FEFF at the start of a field is part of the id (the file's own BOM
    // is not): "\uFEFFX" and "X" are two instruments on either engine.
    Run r = findesk({"import-trades", write("bom.csv", "\xEF\xBB\xBF" "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                                      "\xEF\xBB\xBF" "BOM1,EQ,\xEF\xBB\xBF" "X,10,5,2026-07-24T09:00:00Z\n"
                                                      "BOM1,EQ,X,20,5,2026-07-24T09:00:00Z\n")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("imported 2 trade(s)"), qPrintable(r.err));
    r = findesk({"positions", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QString::fromUtf8("book_id,instrument_id,currency,quantity,average_price,realized_pnl,market_price,"
                                      "market_value,unrealized_pnl,fx_rate,market_value_base\n"
                                      "EQ,X,,20,5,0,,,,,\n"
                                      "EQ,\xEF\xBB\xBF" "X,,10,5,0,,,,,\n"));

    // Control characters in an id: bad input, with file, line and column.
    r = findesk({"import-trades", write("ctl.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                                   "C1,EQ,Y\x1f,1,5,2026-07-24T09:00:00Z\n")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("ctl.csv:2:3: instrument_id") && r.err.contains("U+001F"), qPrintable(r.err));

    // A NUL in any text field: bad input on both engines (SQLite used to
    // store it, PostgreSQL to fail with a database error).
    r = findesk({"import-instruments", write("nul.csv", QByteArray(
        "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n"
        "OK,Fine,equity,,,USD,,true\n"
        "X,Bad\0Name,equity,,,USD,,false\n", 142))});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("nul.csv:3:2: name:") && r.err.contains("NUL"), qPrintable(r.err));
    r = findesk({"positions", "--format", "csv"});
    QCOMPARE(r.out.count(u'\n'), 3); // nothing else was written
}

static QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Every command but init, each able to write if it got that far.
static QList<QStringList> nonInitCommands(const QString &trades)
{
    return {{"positions"}, {"snapshots"}, {"snapshot-positions", "--book", "B", "--date", "2026-07-24"},
            {"ranking", "--book", "B", "--date", "2026-07-24"}, {"snapshot", "--at", "2026-07-24T10:00:00Z"},
            {"import-trades", trades}, {"demo"}};
}

void TestCli::foreignSqliteFileIsLeftAlone()
{
    // Another application's database, in the default rollback-journal mode.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "other");
        db.setDatabaseName(m_db);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"));
        QVERIFY(q.exec("INSERT INTO notes (text) VALUES ('keep me')"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase("other");
    const QByteArray before = fileHash(m_db);
    const QString trades = write("worked.csv", workedTrades());
    const QStringList filesBefore = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);

    QList<QStringList> commands = nonInitCommands(trades);
    commands.append({"init"}); // init creates FinDesk databases, not inside another's
    for (const QStringList &command : std::as_const(commands)) {
        const Run r = findesk(command);
        QVERIFY2(r.code == 3, qPrintable(command.join(u' ') + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("not a FinDesk database") && r.err.contains("notes"), qPrintable(r.err));
        QCOMPARE(fileHash(m_db), before);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), filesBefore); // no -wal, -shm
    }
}

void TestCli::emptyFileIsRefusedUnchanged()
{
    write("desk.sqlite", {});
    const QString trades = write("worked.csv", workedTrades());
    for (const QStringList &command : nonInitCommands(trades)) {
        const Run r = findesk(command);
        QVERIFY2(r.code == 3, qPrintable(command.join(u' ') + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("is empty"), qPrintable(r.err));
        QCOMPARE(QFileInfo(m_db).size(), 0);
    }
    // init makes it a desk.
    QCOMPARE(findesk({"init"}).code, 0);
    QCOMPARE(findesk({"positions"}).code, 0);
}

void TestCli::badSchemaVersionIsNamed_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("named");
    // SQLite's INTEGER affinity stores '1e12' as the integer it spells.
    QTest::newRow("sqlite 1e12") << "sqlite" << "1e12" << "\"1000000000000\"";
    QTest::newRow("sqlite two") << "sqlite" << "two" << "\"two\"";
    QTest::newRow("sqlite 0") << "sqlite" << "0" << "\"0\"";
    QTest::newRow("sqlite 1.5") << "sqlite" << "1.5" << "\"1.5\"";
    QTest::newRow("postgresql 1e12") << "postgresql" << "1e12" << "\"1e12\"";
    QTest::newRow("postgresql two") << "postgresql" << "two" << "\"two\"";
    QTest::newRow("postgresql -1") << "postgresql" << "-1" << "\"-1\"";
}

void TestCli::badSchemaVersionIsNamed()
{
    QFETCH(QString, backend);
    QFETCH(QString, version);
    QFETCH(QString, named);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    m_db = db.locationArgument();
    QCOMPARE(findesk({"init"}).code, 0);
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(backend == "sqlite" ? "QSQLITE" : "QPSQL", "raw");
        const DatabaseLocation &l = db.location();
        raw.setDatabaseName(backend == "sqlite" ? l.path : l.database);
        raw.setHostName(l.host);
        raw.setPort(l.port);
        raw.setUserName(l.user);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        if (backend == "postgresql") // a text column, so that any text fits
            QVERIFY(q.exec("ALTER TABLE schema_info ALTER COLUMN version TYPE TEXT"));
        QVERIFY(q.exec("UPDATE schema_info SET version = '" + version + "'"));
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase("raw");
    for (const QStringList &command : {QStringList{"positions"}, QStringList{"init"},
                                       QStringList{"import-trades", write("t.csv", workedTrades())}}) {
        const Run r = findesk(command);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("schema version") && r.err.contains(named), qPrintable(r.err));
        QVERIFY2(!r.err.contains("already exists"), qPrintable(r.err));
    }
}

void TestCli::onlyInitCreates()
{
    QFETCH(QString, backend);
    TestDatabase db(backend);
    if (!db.available())
        QSKIP(qPrintable(db.skipReason()));
    const QString trades = write("worked.csv", workedTrades());
    if (backend == "sqlite") {
        // A mistyped folder: no folder, no file.
        m_db = m_dir->filePath("typo/desk.sqlite");
        for (const QStringList &command : nonInitCommands(trades)) {
            const Run r = findesk(command);
            QVERIFY2(r.code == 3, qPrintable(command.join(u' ') + ": " + QString::number(r.code) + " " + r.err));
            QVERIFY2(r.err.contains("create one with"), qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(m_dir->filePath("typo")));
        }
    }
    // An empty PostgreSQL database (or the SQLite file) gets no tables
    // from any command but init.
    m_db = db.locationArgument();
    for (const QStringList &command : nonInitCommands(trades)) {
        const Run r = findesk(command);
        QVERIFY2(r.code == 3, qPrintable(command.join(u' ') + ": " + QString::number(r.code) + " " + r.err));
        if (backend == "sqlite") {
            QVERIFY(!QFileInfo::exists(db.location().path));
        } else {
            QVERIFY2(r.err.contains("holds no FinDesk database"), qPrintable(r.err));
            QSqlDatabase raw = QSqlDatabase::addDatabase("QPSQL", "raw");
            raw.setDatabaseName(db.location().database);
            raw.setHostName(db.location().host);
            raw.setPort(db.location().port);
            raw.setUserName(db.location().user);
            QVERIFY(raw.open());
            QCOMPARE(raw.tables().size(), 0);
            raw.close();
            raw = QSqlDatabase();
            QSqlDatabase::removeDatabase("raw");
        }
    }
    // init still creates it, and then the commands work.
    QCOMPARE(findesk({"init", "--timezone", "UTC"}).code, 0);
    QCOMPARE(findesk({"import-trades", trades}).code, 0);
    QCOMPARE(findesk({"positions"}).code, 0);
}

static int modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

static QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

// The formats of --output, with what a file of each starts with.
static const QList<std::pair<QString, QByteArray>> OutputFormats = {
    {"table", "book_id"}, {"csv", "book_id,"}, {"xlsx", "PK"}};

void TestCli::outputThroughLinksKeepsModes()
{
    findesk({"init"});
    findesk({"import-trades", write("worked.csv", workedTrades())});
    const QString real = write("real.out", "yesterday");
    QVERIFY(QFile::setPermissions(real, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    const QString link = m_dir->filePath("link.out");
    QVERIFY(QFile::link("real.out", link)); // relative, as ln -s makes it
    for (const auto &[format, start] : OutputFormats) {
        const Run r = findesk({"positions", "--format", format, "--output", link});
        QVERIFY2(r.code == 0, qPrintable(format + ": " + r.err));
        QVERIFY2(QFileInfo(link).isSymLink(), qPrintable(format)); // the link stays a link
        QVERIFY2(contentOf(real).startsWith(start), qPrintable(format)); // to the new content
        QCOMPARE(modeOf(real), 0640); // an existing file keeps its mode
    }
    // A new file gets the mode the umask gives, whatever the format.
    for (const auto &[format, start] : OutputFormats) {
        const QString fresh = m_dir->filePath("fresh." + format);
        const Run r = findesk({"positions", "--format", format, "--output", fresh}, [] { ::umask(027); });
        QVERIFY2(r.code == 0, qPrintable(format + ": " + r.err));
        QVERIFY2(modeOf(fresh) == 0640, qPrintable(format + ": " + QString::number(modeOf(fresh), 8)));
        QVERIFY(contentOf(fresh).startsWith(start));
    }
    const QStringList leftovers = QDir(m_dir->path()).entryList({"*.part"}, QDir::Files | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u' ')));
}

void TestCli::outputNeverReplacesWhatItMayNot()
{
    findesk({"init"});
    findesk({"import-trades", write("worked.csv", workedTrades())});

    // A read-only file is not replaced (root could, and used to).
    const QString readOnly = write("ro.out", "keep");
    QVERIFY(QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    for (const auto &[format, start] : OutputFormats) {
        const Run r = findesk({"positions", "--format", format, "--output", readOnly});
        QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("ro.out") && r.err.contains("read-only"), qPrintable(r.err));
        QCOMPARE(contentOf(readOnly), QByteArray("keep"));
        QCOMPARE(modeOf(readOnly), 0444);
    }
    // Nor another user's (only root can make one here).
    if (::geteuid() == 0) {
        const QString theirs = write("theirs.out", "keep");
        QCOMPARE(::chown(QFile::encodeName(theirs).constData(), 65534, 65534), 0);
        for (const auto &[format, start] : OutputFormats) {
            const Run r = findesk({"positions", "--format", format, "--output", theirs});
            QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err));
            QCOMPARE(contentOf(theirs), QByteArray("keep"));
            QCOMPARE(QFileInfo(theirs).ownerId(), 65534u);
        }
    }
    // A folder.
    QCOMPARE(findesk({"positions", "--format", "csv", "--output", m_dir->path()}).code, 4);

    // A character device is written, never replaced by a regular file. A
    // node of our own where we may make one (root), so a regression breaks
    // nothing outside this test; else /dev/null, which only root could break.
    QString null = m_dir->filePath("null");
    if (::mknod(QFile::encodeName(null).constData(), S_IFCHR | 0666, makedev(1, 3)) != 0)
        null = "/dev/null";
    const QString nullLink = m_dir->filePath("null-link");
    QVERIFY(QFile::link(null, nullLink));
    for (const QString &target : {null, nullLink}) {
        for (const auto &[format, start] : OutputFormats) {
            const Run r = findesk({"positions", "--format", format, "--output", target});
            QVERIFY2(r.code == 0, qPrintable(format + ": " + r.err));
            struct stat st = {};
            QCOMPARE(::stat(QFile::encodeName(null).constData(), &st), 0);
            QVERIFY2(S_ISCHR(st.st_mode), qPrintable(format));
        }
    }
    QVERIFY(QFileInfo(nullLink).isSymLink());
}

void TestCli::outputWriteErrors()
{
    findesk({"init"});
    // Enough positions that every format outgrows the file size limit below.
    QByteArray trades = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";
    for (int i = 0; i < 6000; ++i)
        trades += QStringLiteral("T%1,BIG,INSTRUMENT-%1,%2,10.25,2026-07-24T09:00:00Z\n").arg(i).arg(1000 + i).toUtf8();
    QCOMPARE(findesk({"import-trades", write("big.csv", trades)}).code, 0);

    // A full disk: /dev/full, or our own node of it.
    QString full = m_dir->filePath("full");
    if (::mknod(QFile::encodeName(full).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
        full = "/dev/full";
    for (const auto &[format, start] : OutputFormats) {
        const Run r = findesk({"positions", "--format", format, "--output", full});
        QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("No space left on device"), qPrintable(r.err));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(full).constData(), &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
    }

    // A write that fails half-way (the file size limit stands in for a disk
    // that fills up): the old file stays whole under its name, in every
    // format, the table included, and no temporary file is left.
    const QString out = write("out.txt", "yesterday's listing");
    const auto limited = [] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    };
    for (const auto &[format, start] : OutputFormats) {
        const Run r = findesk({"positions", "--format", format, "--output", out}, limited);
        QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err));
        QCOMPARE(contentOf(out), QByteArray("yesterday's listing"));
        const QStringList leftovers = QDir(m_dir->path()).entryList({"*.part"}, QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u' ')));
    }

    // Standard output: a full disk, then a reader that has gone away.
    for (const QString format : {"table", "csv"}) {
        Run r = findesk({"positions", "--format", format}, [full] {
            const int fd = ::open(QFile::encodeName(full).constData(), O_WRONLY);
            ::dup2(fd, STDOUT_FILENO);
        });
        QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("standard output"), qPrintable(r.err));

        int pipeFds[2];
        QCOMPARE(::pipe(pipeFds), 0);
        ::close(pipeFds[0]); // nobody will ever read
        r = findesk({"positions", "--format", format}, [fd = pipeFds[1]] { ::dup2(fd, STDOUT_FILENO); });
        ::close(pipeFds[1]);
        QVERIFY2(r.code == 4, qPrintable(format + ": " + QString::number(r.code) + " " + r.err)); // not killed by SIGPIPE
        QVERIFY2(r.err.contains("standard output"), qPrintable(r.err));
    }
}

void TestCli::endlessInputEndsCleanly()
{
    findesk({"init"});
    // It used to read /dev/zero whole and abort with std::bad_alloc.
    for (const QString command : {"import-trades", "import-instruments", "import-prices"}) {
        const Run r = findesk({command, "/dev/zero"});
        QVERIFY2(r.code == 1, qPrintable(command + ": " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains("/dev/zero:1:1: line longer than 1 MiB"), qPrintable(r.err));
    }
    // A file with a line over the limit, a finite one.
    const Run r = findesk({"import-trades", write("long.csv", "trade_id,book_id,instrument_id,quantity,price,trade_time\n"
                                                              "T1,B,X,5,1,2026-07-24T13:30:00Z\n"
                                                              "T2,B," + QByteArray(2 << 20, 'x') + "\n")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("long.csv:3:3: instrument_id: line longer than 1 MiB"), qPrintable(r.err.left(300)));
    QVERIFY(r.err.size() < 1000); // the line itself is not echoed
    // A NUL in the header says what is wrong.
    const Run nul = findesk({"import-trades", write("nul.csv", QByteArray("trade_id\0,book_id\n", 18))});
    QCOMPARE(nul.code, 1);
    QVERIFY2(nul.err.contains("nul.csv:1:1: ") && nul.err.contains("NUL character"), qPrintable(nul.err));
    QCOMPARE(findesk({"positions", "--all", "--format", "csv"}).out.count(u'\n'), 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

void TestCli::helpSaysColumnsAndFormat_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("says");
    QTest::newRow("positions") << "positions" << "Columns (csv; the same order in xlsx): book_id,instrument_id,currency,quantity,"
                                                 "average_price,realized_pnl,market_price,market_value,unrealized_pnl,fx_rate,"
                                                 "market_value_base";
    QTest::newRow("snapshots") << "snapshots" << "book_id,business_date,snapshot_time,positions,base_currency,net_value,"
                                                 "gross_value,market_value,unconverted";
    QTest::newRow("snapshot-positions") << "snapshot-positions" << "book_id,business_date,instrument_id,currency";
    QTest::newRow("ranking") << "ranking" << "rank,book_id,business_date,agreement_id,instrument_id,currency,quantity,"
                                             "price,price_source,market_value,fx_rate,haircut,fx_haircut,collateral_value,"
                                             "counted_value,note";
    QTest::newRow("import-trades") << "import-trades" << "FILE: CSV, UTF-8 (optional BOM), a header line";
    QTest::newRow("import-trades columns") << "import-trades" << "trade_id,book_id,instrument_id,quantity,price,trade_time";
    QTest::newRow("import-fx") << "import-fx" << "1 EUR = 1.08 USD";
}

void TestCli::helpSaysColumnsAndFormat()
{
    QFETCH(QString, command);
    QFETCH(QString, says);
    const Run r = findesk({command, "--help"});
    QCOMPARE(r.code, 0);
    // QCommandLineParser wraps long lines: compare without the breaks.
    QString text = r.out + r.err;
    text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
    QVERIFY2(text.contains(says), qPrintable(text));
}
