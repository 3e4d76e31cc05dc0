// The batch command line end to end, through QProcess on a temporary
// database: DESIGN.md §3's commands, outputs and exit codes.
#include "common/xlsxreader.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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
    void helpSaysColumnsAndFormat_data();
    void helpSaysColumnsAndFormat();

private:
    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run findesk(const QStringList &args);
    QString write(const QString &name, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

TestCli::Run TestCli::findesk(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
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
