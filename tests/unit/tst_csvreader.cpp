// RFC 4180 reading and the typed import files with their error positions.
#include "io/csvreader.h"
#include "io/importfiles.h"

#include <QFile>
#include <QTest>

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void syntaxErrors_data();
    void syntaxErrors();
    void tradeFileErrors_data();
    void tradeFileErrors();
    void tradeFileAcceptsBomCrlfAndQuotes();
    void byteOrderMarkInsideAnId();
    void duplicateInFile();
    void instrumentFileErrors_data();
    void instrumentFileErrors();
    void pricesAndHaircuts();
    void lineLongerThanOneMebibyte();
    void endlessInputEnds();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("expected");
    QTest::addColumn<QList<int>>("lines");

    QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << QList<QStringList>{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << QList<QStringList>{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << QList<QStringList>{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF" "a,b\n") << QList<QStringList>{{"a", "b"}} << QList<int>{1};
    QTest::newRow("empty fields") << QByteArray(",,\n") << QList<QStringList>{{"", "", ""}} << QList<int>{1};
    QTest::newRow("quoted comma") << QByteArray("\"a,b\",c\n") << QList<QStringList>{{"a,b", "c"}} << QList<int>{1};
    QTest::newRow("doubled quote") << QByteArray("\"say \"\"hi\"\"\",x\n") << QList<QStringList>{{"say \"hi\"", "x"}} << QList<int>{1};
    QTest::newRow("quoted newline keeps line count") << QByteArray("\"a\nb\",c\nd,e\n")
                                                    << QList<QStringList>{{"a\nb", "c"}, {"d", "e"}} << QList<int>{1, 3};
    QTest::newRow("quoted CRLF field end") << QByteArray("\"a\"\r\n\"b\"\r\n") << QList<QStringList>{{"a"}, {"b"}} << QList<int>{1, 2};
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n\nb\n") << QList<QStringList>{{"a"}, {"b"}} << QList<int>{1, 4};
    QTest::newRow("utf-8") << QByteArray("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale,\xE2\x82\xAC\n")
                           << QList<QStringList>{{QString::fromUtf8("Société Générale"), QString::fromUtf8("€")}} << QList<int>{1};
    QTest::newRow("empty quoted") << QByteArray("\"\",x\n") << QList<QStringList>{{"", "x"}} << QList<int>{1};
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, expected);
    QFETCH(QList<int>, lines);
    CsvReader reader(input);
    QList<QStringList> got;
    QList<int> gotLines;
    while (reader.next()) {
        QStringList fields;
        for (QStringView f : reader.fields())
            fields << f.toString();
        got << fields;
        gotLines << reader.line();
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
    QCOMPARE(got, expected);
    QCOMPARE(gotLines, lines);
}

void TestCsvReader::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("unclosed quote") << QByteArray("a,b\n1,\"2\n3\n") << 2 << 2 << "not closed";
    QTest::newRow("text after quote") << QByteArray("a,b\n1,\"2\"x\n") << 2 << 2 << "after a closing quote";
    QTest::newRow("quote inside field") << QByteArray("a,b\n1,2\"3\n") << 2 << 2 << "quote inside";
    QTest::newRow("invalid utf-8") << QByteArray("a,b\n1,2\nx,\xFF\n") << 3 << 2 << "UTF-8";
    QTest::newRow("NUL in a field") << QByteArray("a,b\n1,x\0y\n", 10) << 2 << 2 << "NUL";
    QTest::newRow("NUL in a quoted field") << QByteArray("a,b\n1,\"x\ny\0\"\n", 13) << 3 << 2 << "NUL";
}

void TestCsvReader::syntaxErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    CsvReader reader(input);
    while (reader.next()) {
    }
    QVERIFY(reader.hasError());
    QCOMPARE(reader.error().line, line);
    QCOMPARE(reader.error().column, column);
    QVERIFY2(reader.error().message.contains(message), qPrintable(reader.error().message));
}

static const QByteArray Header = "trade_id,book_id,instrument_id,quantity,price,trade_time\n";

void TestCsvReader::tradeFileErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("wrong header") << QByteArray("trade,book_id,instrument_id,quantity,price,trade_time\n") << 1 << 1 << "unknown column";
    QTest::newRow("missing column") << QByteArray("trade_id,book_id,instrument_id,quantity,price\n") << 1 << 0 << "trade_time";
    QTest::newRow("bad number") << Header + "T1,B,X,abc,10,2026-07-24T13:30:00Z\n" << 2 << 4 << "expected a number";
    QTest::newRow("thousands separator") << Header + "T1,B,X,\"1,000\",10,2026-07-24T13:30:00Z\n" << 2 << 4 << "expected a number";
    QTest::newRow("zero quantity") << Header + "T1,B,X,0,10,2026-07-24T13:30:00Z\n" << 2 << 4 << "non-zero";
    QTest::newRow("non-finite quantity") << Header + "T1,B,X,inf,10,2026-07-24T13:30:00Z\n" << 2 << 4 << "expected a number";
    QTest::newRow("nan price") << Header + "T1,B,X,5,nan,2026-07-24T13:30:00Z\n" << 2 << 5 << "expected a number";
    QTest::newRow("huge price") << Header + "T1,B,X,5,1e999,2026-07-24T13:30:00Z\n" << 2 << 5 << "out of range";
    QTest::newRow("zero price") << Header + "T1,B,X,5,0,2026-07-24T13:30:00Z\n" << 2 << 5 << "greater than 0";
    QTest::newRow("negative price") << Header + "T1,B,X,5,-1,2026-07-24T13:30:00Z\n" << 2 << 5 << "greater than 0";
    QTest::newRow("empty id") << Header + "T1,B,X,5,1,2026-07-24T13:30:00Z\n,B,X,5,1,2026-07-24T13:30:00Z\n" << 3 << 1 << "identifier";
    QTest::newRow("empty book") << Header + "T1,,X,5,1,2026-07-24T13:30:00Z\n" << 2 << 2 << "identifier";
    QTest::newRow("bad date") << Header + "T1,B,X,5,1,2026-02-30T13:30:00Z\n" << 2 << 6 << "ISO 8601";
    QTest::newRow("time in DST gap") << Header + "T1,B,X,5,1,2026-03-29T01:30:00\n" << 2 << 6 << "does not exist";
    QTest::newRow("too few fields") << Header + "T1,B,X,5,1\n" << 2 << 6 << "expected 6 fields, found 5";
    QTest::newRow("too many fields") << Header + "T1,B,X,5,1,2026-07-24T13:30:00Z,x\n" << 2 << 7 << "expected 6 fields, found 7";
    QTest::newRow("broken quoting") << Header + "T1,\"B,X,5,1,2026-07-24T13:30:00Z\n" << 2 << 2 << "not closed";
    QTest::newRow("empty file") << QByteArray() << 1 << 0 << "empty";
    // DESIGN.md §2: ids with control characters are refused, where they are.
    QTest::newRow("control character in id") << Header + "T\x01,B,X,5,1,2026-07-24T13:30:00Z\n" << 2 << 1 << "control character U+0001";
    QTest::newRow("escape in book id") << Header + "T1,B\x1b[31m,X,5,1,2026-07-24T13:30:00Z\n" << 2 << 2 << "control character U+001B";
    QTest::newRow("DEL in instrument id") << Header + "T1,B,X\x7f,5,1,2026-07-24T13:30:00Z\n" << 2 << 3 << "control character U+007F";
    QTest::newRow("line feed in quoted id") << Header + "\"T\n1\",B,X,5,1,2026-07-24T13:30:00Z\n" << 2 << 1 << "control character U+000A";
    QTest::newRow("NUL in id") << Header + QByteArray("T\0" "1,B,X,5,1,2026-07-24T13:30:00Z\n", 33) << 2 << 1 << "NUL";
    // It used to print "t.csv:1:1: " and stop at the NUL of the column name.
    QTest::newRow("NUL in header") << QByteArray("trade_id\0,book_id,instrument_id,quantity,price,trade_time\n", 58) << 1 << 1 << "NUL character";
}

void TestCsvReader::tradeFileErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto file = ImportFiles::trades(QStringLiteral("t.csv"), body, QTimeZone("Europe/London"));
    QVERIFY(file.error);
    QVERIFY(file.rows.isEmpty());
    QCOMPARE(file.error->file, QStringLiteral("t.csv"));
    QCOMPARE(file.error->line, line);
    QCOMPARE(file.error->column, column);
    QVERIFY2(file.error->toString().contains(message), qPrintable(file.error->toString()));
    QVERIFY2(file.error->toString().startsWith(QStringLiteral("t.csv:%1").arg(line)), qPrintable(file.error->toString()));
    // The message is printed: it must hold no NUL or other control character.
    for (const QChar c : file.error->toString())
        QVERIFY2(c.category() != QChar::Other_Control, qPrintable(file.error->toString().toUtf8().toPercentEncoding()));
}

void TestCsvReader::byteOrderMarkInsideAnId()
{
    // Only the file's own BOM goes; one at the start of a field is text.
    const QByteArray body = "\xEF\xBB\xBF" + Header + "\xEF\xBB\xBF" "BOM1,B,X,5,1,2026-07-24T13:30:00Z\n"
                            "BOM1,B,X,5,1,2026-07-24T13:30:00Z\n";
    const auto file = ImportFiles::trades(QStringLiteral("t.csv"), body, QTimeZone("UTC"));
    QVERIFY2(!file.error, qPrintable(file.error ? file.error->toString() : QString()));
    QCOMPARE(file.rows.size(), 2);
    QCOMPARE(file.rows[0].tradeId, QString(QChar(0xFEFF)) + QStringLiteral("BOM1"));
    QCOMPARE(file.rows[1].tradeId, QStringLiteral("BOM1"));
}

void TestCsvReader::tradeFileAcceptsBomCrlfAndQuotes()
{
    const QByteArray body = "\xEF\xBB\xBF" "book_id,trade_id,instrument_id,quantity,price,trade_time\r\n"
                            "\"DESK, NY\",T1,US0378331005,100,180.5,2026-07-24T09:30:00\r\n"
                            "\"DESK, NY\",\"T\"\"2\",US0378331005,-50.25,181,2026-07-24T13:45:00.5Z\r\n";
    const auto file = ImportFiles::trades(QStringLiteral("t.csv"), body, QTimeZone("America/New_York"));
    QVERIFY2(!file.error, qPrintable(file.error ? file.error->toString() : QString()));
    QCOMPARE(file.rows.size(), 2);
    QCOMPARE(file.rows[0].bookId, QStringLiteral("DESK, NY"));
    QCOMPARE(file.rows[0].tradeTime, QDateTime(QDate(2026, 7, 24), QTime(13, 30), Qt::UTC));
    QCOMPARE(file.rows[1].tradeId, QStringLiteral("T\"2"));
    QCOMPARE(file.rows[1].quantity.toString(), QStringLiteral("-50.25"));
    QCOMPARE(file.lines, (QList<int>{2, 3}));
}

void TestCsvReader::duplicateInFile()
{
    const QByteArray same = Header + "T1,B,X,5,1,2026-07-24T13:30:00Z\nT1,B,X,5,1,2026-07-24T13:30:00Z\n";
    auto file = ImportFiles::trades(QStringLiteral("t.csv"), same, QTimeZone("UTC"));
    QVERIFY(!file.error);
    QCOMPARE(file.rows.size(), 1);
    QCOMPARE(file.skippedDuplicates, 1);

    const QByteArray different = Header + "T1,B,X,5,1,2026-07-24T13:30:00Z\nT1,B,X,6,1,2026-07-24T13:30:00Z\n";
    file = ImportFiles::trades(QStringLiteral("t.csv"), different, QTimeZone("UTC"));
    QVERIFY(file.error);
    QCOMPARE(file.error->line, 3);
    QVERIFY(file.error->message.contains(u"line 2"));
}

void TestCsvReader::instrumentFileErrors_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("bad asset class") << QByteArray("X,Name,stock,,,USD,,false") << 3 << "bond, equity";
    QTest::newRow("bond without issuer") << QByteArray("X,Name,bond,,AA,EUR,2030-01-01,false") << 4 << "issuer type";
    QTest::newRow("bad issuer") << QByteArray("X,Name,bond,corporate,AA,EUR,2030-01-01,false") << 4 << "sovereign";
    QTest::newRow("unknown rating") << QByteArray("X,Name,bond,other,AA+++,EUR,2030-01-01,false") << 5 << "unknown rating";
    QTest::newRow("bad currency") << QByteArray("X,Name,equity,,,usd,,false") << 6 << "currency";
    QTest::newRow("bad maturity") << QByteArray("X,Name,bond,other,A,EUR,2030-02-30,false") << 7 << "YYYY-MM-DD";
    QTest::newRow("bad main_index") << QByteArray("X,Name,equity,,,USD,,yes") << 8 << "true or false";
    QTest::newRow("NUL in name") << QByteArray("X,Na\0me,equity,,,USD,,false", 27) << 2 << "NUL";
}

void TestCsvReader::instrumentFileErrors()
{
    QFETCH(QByteArray, row);
    QFETCH(int, column);
    QFETCH(QString, message);
    const QByteArray body = "instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index\n"
                            "OK1,Fine,equity,,,USD,,true\n" + row + "\n";
    const auto file = ImportFiles::instruments(QStringLiteral("i.csv"), body);
    QVERIFY(file.error);
    QCOMPARE(file.error->line, 3);
    QCOMPARE(file.error->column, column);
    QVERIFY2(file.error->message.contains(message), qPrintable(file.error->message));
}

void TestCsvReader::pricesAndHaircuts()
{
    const auto prices = ImportFiles::prices(QStringLiteral("p.csv"),
        "instrument_id,business_date,price\nX,2026-07-24,101.5\nX,2026-07-23,101\n");
    QVERIFY(!prices.error);
    QCOMPARE(prices.rows.size(), 2);
    QCOMPARE(prices.rows[0].businessDate, QDate(2026, 7, 24));

    auto haircuts = ImportFiles::haircutOverrides(QStringLiteral("h.csv"), "instrument_id,haircut\nX,0.05\n");
    QVERIFY(!haircuts.error);
    QCOMPARE(haircuts.rows[0].haircut, 0.05);
    haircuts = ImportFiles::haircutOverrides(QStringLiteral("h.csv"), "instrument_id,haircut\nX,1\n");
    QVERIFY(haircuts.error);
    QCOMPARE(haircuts.error->column, 2);
    haircuts = ImportFiles::haircutOverrides(QStringLiteral("h.csv"), "instrument_id,haircut\nX,-0.1\n");
    QVERIFY(haircuts.error);
}

void TestCsvReader::lineLongerThanOneMebibyte()
{
    // Exactly the limit is a line; one byte more is an error, at its line
    // and at the field where the limit falls.
    const QByteArray atLimit = "a,b\n1," + QByteArray(CsvReader::MaxLineBytes - 2, 'x') + "\n";
    CsvReader ok(atLimit);
    QVERIFY(ok.next());
    QVERIFY(ok.next());
    QCOMPARE(ok.fields().at(1).size(), CsvReader::MaxLineBytes - 2);
    QVERIFY(!ok.next());
    QVERIFY(!ok.hasError());

    CsvReader tooLong("a,b\n1," + QByteArray(CsvReader::MaxLineBytes - 1, 'x') + "\n3,4\n");
    QVERIFY(tooLong.next());
    QVERIFY(!tooLong.next());
    QVERIFY(tooLong.hasError());
    QCOMPARE(tooLong.error().line, 2);
    QCOMPARE(tooLong.error().column, 2);
    QVERIFY2(tooLong.error().message.contains(u"line longer than 1 MiB"), qPrintable(tooLong.error().message));

    // A quoted field whose closing quote is missing does not run on either.
    QByteArray open = "a,b\n1,\"";
    for (int i = 0; i < 20000; ++i)
        open += QByteArray(100, 'y') + '\n';
    CsvReader unclosed(open);
    QVERIFY(unclosed.next());
    QVERIFY(!unclosed.next());
    QCOMPARE(unclosed.error().line, 2);
    QVERIFY2(unclosed.error().message.contains(u"closing quote"), qPrintable(unclosed.error().message));
}

// An endless, sequential source, like a pipe from a program that never stops.
class Endless : public QIODevice
{
public:
    explicit Endless(QByteArray pattern) : m_pattern(std::move(pattern)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 served = 0;

protected:
    qint64 readData(char *data, qint64 max) override
    {
        for (qint64 i = 0; i < max; ++i)
            data[i] = m_pattern.at((served + i) % m_pattern.size());
        served += max;
        return max;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_pattern;
};

void TestCsvReader::endlessInputEnds()
{
    // /dev/zero: one endless line of NULs.
    QFile zero(QStringLiteral("/dev/zero"));
    QVERIFY(zero.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    const auto zeros = ImportFiles::trades(QStringLiteral("/dev/zero"), &zero, QTimeZone("UTC"));
    QVERIFY(zeros.error);
    QCOMPARE(zeros.error->line, 1);
    QCOMPARE(zeros.error->column, 1);
    QVERIFY2(zeros.error->toString().startsWith(u"/dev/zero:1:1: line longer than 1 MiB"), qPrintable(zeros.error->toString()));

    // Endless short lines: the first bad one ends the reading, after a
    // few chunks, not after the whole stream.
    Endless lines(Header + "T1,B,X,5,1,2026-07-24T13:30:00Z\nyes\n");
    const auto parsed = ImportFiles::trades(QStringLiteral("yes"), &lines, QTimeZone("UTC"));
    QVERIFY(parsed.error);
    QCOMPARE(parsed.error->line, 3);
    QVERIFY(lines.served < 1024 * 1024);

    // Endless valid-looking lines without a break: the limit ends them.
    Endless noBreak("x,");
    CsvReader reader(&noBreak);
    QVERIFY(!reader.next());
    QVERIFY(reader.error().message.contains(u"longer than 1 MiB"));
    QVERIFY(noBreak.served < 2 * CsvReader::MaxLineBytes);

    // Whole-file reading (reference data) stops at the limit too.
    ImportError error;
    QVERIFY(!ImportFiles::read(QStringLiteral("/dev/zero"), &error));
    QVERIFY2(error.toString().startsWith(u"/dev/zero:1:1: line longer than 1 MiB"), qPrintable(error.toString()));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
