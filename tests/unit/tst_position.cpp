// Average-cost rules of DESIGN.md §2: increase, reduce, close, flip.
#include "domain/position.h"
#include "domain/positionsteps.h"
#include "domain/tradingbook.h"
#include "io/importfiles.h"

#include <QFile>
#include <QTest>

class TestPosition : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void fractionalCloseIsExactlyFlat();
    void longSequence();
    void workedExample_data();
    void workedExample();
    void foldOrderIsTimeThenIdNotFileOrder();
    void stepsAreTheWorkedExample();
    void largeNotionalsCloseExactly_data();
    void largeNotionalsCloseExactly();
    void quantityText_data();
    void quantityText();
    void quantityRefused_data();
    void quantityRefused();
    void asOfExcludesLaterTrades();
};

using Step = std::pair<Quantity, double>; // quantity, price

static Quantity qty(const char *text)
{
    return Quantity::fromStored(QString::fromLatin1(text));
}

void TestPosition::rules_data()
{
    QTest::addColumn<QList<Step>>("trades");
    QTest::addColumn<Quantity>("quantity");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("realized");

    QTest::newRow("open long") << QList<Step>{{100, 10}} << Quantity(100) << 10.0 << 0.0;
    QTest::newRow("open short") << QList<Step>{{-100, 10}} << Quantity(-100) << 10.0 << 0.0;
    QTest::newRow("increase long") << QList<Step>{{100, 10}, {300, 14}} << Quantity(400) << 13.0 << 0.0;
    QTest::newRow("increase short") << QList<Step>{{-100, 10}, {-100, 12}} << Quantity(-200) << 11.0 << 0.0;
    // The seed formula would move the average to (100·10 − 40·15)/60 = 6.67.
    QTest::newRow("reduce long keeps average") << QList<Step>{{100, 10}, {-40, 15}} << Quantity(60) << 10.0 << 200.0;
    QTest::newRow("reduce long at a loss") << QList<Step>{{100, 10}, {-40, 8}} << Quantity(60) << 10.0 << -80.0;
    QTest::newRow("reduce short keeps average") << QList<Step>{{-100, 10}, {40, 7}} << Quantity(-60) << 10.0 << 120.0;
    QTest::newRow("reduce short at a loss") << QList<Step>{{-100, 10}, {40, 12}} << Quantity(-60) << 10.0 << -80.0;
    QTest::newRow("close long") << QList<Step>{{100, 10}, {-100, 11}} << Quantity(0) << 0.0 << 100.0;
    QTest::newRow("close short") << QList<Step>{{-50, 20}, {50, 18}} << Quantity(0) << 0.0 << 100.0;
    QTest::newRow("flip long to short") << QList<Step>{{100, 10}, {-150, 12}} << Quantity(-50) << 12.0 << 200.0;
    QTest::newRow("flip short to long") << QList<Step>{{-100, 10}, {130, 9}} << Quantity(30) << 9.0 << 100.0;
    QTest::newRow("reopen after close") << QList<Step>{{10, 5}, {-10, 6}, {20, 7}} << Quantity(20) << 7.0 << 10.0;
    QTest::newRow("fractional nominal") << QList<Step>{{qty("0.5"), 100}, {qty("1.5"), 104}, {-1, 110}} << Quantity(1) << 103.0 << 7.0;
}

void TestPosition::rules()
{
    QFETCH(QList<Step>, trades);
    QFETCH(Quantity, quantity);
    QFETCH(double, average);
    QFETCH(double, realized);

    Position p{QStringLiteral("B"), QStringLiteral("I"), {}, 0.0, 0.0};
    for (const auto &[q, price] : trades)
        p.apply(q, price);
    QCOMPARE(p.quantity, quantity);
    QCOMPARE(p.averagePrice, average);
    QCOMPARE(p.realizedPnl, realized);
}

void TestPosition::fractionalCloseIsExactlyFlat()
{
    Position p;
    p.apply(qty("0.1"), 100);
    p.apply(qty("0.2"), 100);
    p.apply(qty("-0.3"), 101); // 0.1 + 0.2 − 0.3 is 5.5e-17 in doubles, exactly 0 here
    QCOMPARE(p.quantity, Quantity());
    QCOMPARE(p.averagePrice, 0.0);
    QVERIFY(p.isFlat());
    QVERIFY(qAbs(p.realizedPnl - 0.3) < 1e-12);
}

void TestPosition::longSequence()
{
    // Hand-computed: buy 100@50, buy 100@60 (avg 55), sell 50@70 (+750),
    // sell 200@65 (flip: +1500 on 150, short 50@65), buy 20@60 (+100),
    // buy 30@66 (close: −30), buy 10@61 (long 10@61).
    const QList<Step> steps = {{100, 50}, {100, 60}, {-50, 70}, {-200, 65}, {20, 60}, {30, 66}, {10, 61}};
    const int expectedQuantity[] = {100, 200, 150, -50, -30, 0, 10};
    const double expectedAverage[] = {50, 55, 55, 65, 65, 0, 61};
    const double expectedRealized[] = {0, 0, 750, 2250, 2350, 2320, 2320};
    Position p;
    for (int i = 0; i < steps.size(); ++i) {
        p.apply(steps[i].first, steps[i].second);
        QCOMPARE(p.quantity, Quantity(expectedQuantity[i]));
        QCOMPARE(p.averagePrice, expectedAverage[i]);
        QCOMPARE(p.realizedPnl, expectedRealized[i]);
    }
}

static QByteArray readData(const char *name)
{
    QFile f(QStringLiteral(FINDESK_TEST_DATA "/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", name);
    return f.readAll();
}

void TestPosition::workedExample_data()
{
    // The public worked example: the position after each trade.
    QTest::addColumn<QString>("afterTrade");
    QTest::addColumn<QString>("instrument");
    QTest::addColumn<double>("quantity");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("realized");
    const QList<QByteArray> lines = readData("worked_steps.csv").trimmed().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].trimmed().split(',');
        QTest::newRow(f[0].constData()) << QString::fromLatin1(f[0]) << QString::fromLatin1(f[1])
                                        << f[4].toDouble() << f[5].toDouble() << f[6].toDouble();
    }
}

void TestPosition::workedExample()
{
    QFETCH(QString, afterTrade);
    QFETCH(QString, instrument);
    QFETCH(double, quantity);
    QFETCH(double, average);
    QFETCH(double, realized);

    const auto file = ImportFiles::trades(QStringLiteral("worked_trades.csv"), readData("worked_trades.csv"),
                                          QTimeZone("Europe/London"));
    QVERIFY(!file.error);
    const auto trade = std::find_if(file.rows.cbegin(), file.rows.cend(),
                                    [&](const Trade &t) { return t.tradeId == afterTrade; });
    QVERIFY(trade != file.rows.cend());
    const auto books = foldTrades(file.rows, trade->tradeTime);
    const Position *p = books.value(QStringLiteral("DEMO-EQ")).position(instrument);
    QVERIFY(p);
    QCOMPARE(p->quantity.toDouble(), quantity);
    QCOMPARE(p->averagePrice, average);
    QCOMPARE(p->realizedPnl, realized);
}

void TestPosition::stepsAreTheWorkedExample()
{
    // The drill-down's steps, per instrument, are the worked example's rows.
    const auto file = ImportFiles::trades(QStringLiteral("worked_trades.csv"), readData("worked_trades.csv"),
                                          QTimeZone("Europe/London"));
    QVERIFY(!file.error);
    QHash<QString, QList<QByteArray>> expected; // after_trade -> its row
    const QList<QByteArray> lines = readData("worked_steps.csv").trimmed().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
        expected.insert(QString::fromLatin1(lines[i].trimmed().split(',').at(0)), lines[i].trimmed().split(','));
    QSet<QString> instruments;
    for (const Trade &t : file.rows)
        instruments.insert(t.instrumentId);
    int checked = 0;
    for (const QString &instrument : std::as_const(instruments)) {
        TradeList trades;
        for (const Trade &t : file.rows) {
            if (t.instrumentId == instrument)
                trades.prepend(t); // any order: the steps follow the fold order
        }
        const PositionStepList steps = positionSteps(trades);
        QCOMPARE(steps.size(), trades.size());
        double realized = 0.0;
        for (const PositionStep &step : steps) {
            QCOMPARE(step.step, int(&step - steps.constData()) + 1);
            QCOMPARE(step.realizedByTrade, step.after.realizedPnl - realized);
            realized = step.after.realizedPnl;
            const auto row = expected.constFind(step.trade.tradeId);
            if (row == expected.cend())
                continue;
            QCOMPARE(step.after.quantity.toDouble(), row->at(4).toDouble());
            QCOMPARE(step.after.averagePrice, row->at(5).toDouble());
            QCOMPARE(step.after.realizedPnl, row->at(6).toDouble());
            ++checked;
        }
        // The last step is the fold of them all.
        QCOMPARE(steps.constLast().after, *foldTrades(file.rows).value(QStringLiteral("DEMO-EQ")).position(instrument));
    }
    QCOMPARE(checked, int(expected.size()));
}

void TestPosition::foldOrderIsTimeThenIdNotFileOrder()
{
    const QDateTime t0 = QDateTime(QDate(2026, 7, 24), QTime(13, 0), Qt::UTC);
    // In file order the sell would come first and open a short.
    const TradeList trades = {
        {QStringLiteral("T2"), QStringLiteral("B"), QStringLiteral("X"), -50, 12, t0.addSecs(60)},
        {QStringLiteral("T1"), QStringLiteral("B"), QStringLiteral("X"), 100, 10, t0},
        // Same instant: T3 before T4 by id, whatever the file says.
        {QStringLiteral("T4"), QStringLiteral("B"), QStringLiteral("X"), -100, 11, t0.addSecs(120)},
        {QStringLiteral("T3"), QStringLiteral("B"), QStringLiteral("X"), 50, 14, t0.addSecs(120)},
    };
    const auto books = foldTrades(trades);
    const Position *p = books.value(QStringLiteral("B")).position(QStringLiteral("X"));
    QVERIFY(p);
    // T1 +100@10, T2 −50@12 (+100), T3 +50@14 (avg 12), T4 −100@11 (−100).
    QCOMPARE(p->quantity, Quantity());
    QCOMPARE(p->realizedPnl, 0.0);
    const auto beforeT4 = foldTrades(trades, t0.addSecs(119));
    QCOMPARE(beforeT4.value(QStringLiteral("B")).position(QStringLiteral("X"))->averagePrice, 10.0);
}

void TestPosition::asOfExcludesLaterTrades()
{
    const QDateTime t0 = QDateTime(QDate(2026, 7, 24), QTime(13, 0), Qt::UTC);
    const TradeList trades = {
        {QStringLiteral("A"), QStringLiteral("B1"), QStringLiteral("X"), 10, 10, t0},
        {QStringLiteral("B"), QStringLiteral("B2"), QStringLiteral("X"), 10, 10, t0.addSecs(1)},
    };
    const auto books = foldTrades(trades, t0);
    QVERIFY(books.contains(QStringLiteral("B1")));
    QVERIFY(!books.contains(QStringLiteral("B2"))); // no trade at or before t0
}

void TestPosition::largeNotionalsCloseExactly_data()
{
    // No tolerance: a repo desk's 1 bn nominal keeps its last unit, and a
    // sell of half a unit more than held goes short, not flat.
    QTest::addColumn<QList<Step>>("trades");
    QTest::addColumn<Quantity>("quantity");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("realized");
    QTest::newRow("1 unit of 1 bn stays")
        << QList<Step>{{qty("1000000001"), 100}, {qty("-1000000000"), 101}} << qty("1") << 100.0 << 1e9;
    QTest::newRow("0.5 over 1 bn flips short")
        << QList<Step>{{qty("1000000000"), 100}, {qty("-1000000000.5"), 99}} << qty("-0.5") << 99.0 << -1e9;
    QTest::newRow("a millionth of 1 bn")
        << QList<Step>{{qty("1000000000.000001"), 100}, {qty("-1000000000"), 100}} << qty("0.000001") << 100.0 << 0.0;
    QTest::newRow("fractional nominal closes flat")
        << QList<Step>{{qty("2500000.125"), 98}, {qty("-1250000.0625"), 99}, {qty("-1250000.0625"), 97}}
        << Quantity() << 0.0 << 0.0;
}

void TestPosition::largeNotionalsCloseExactly()
{
    QFETCH(QList<Step>, trades);
    QFETCH(Quantity, quantity);
    QFETCH(double, average);
    QFETCH(double, realized);
    Position p;
    for (const auto &[q, price] : trades)
        p.apply(q, price);
    QCOMPARE(p.quantity, quantity);
    QCOMPARE(p.isFlat(), quantity.isZero());
    QCOMPARE(p.averagePrice, average);
    QCOMPARE(p.realizedPnl, realized);
}

void TestPosition::quantityText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("whole") << "1000000000" << "1000000000";
    QTest::newRow("a millionth") << "1000000000.000001" << "1000000000.000001";
    QTest::newRow("negative") << "-0.5" << "-0.5";
    QTest::newRow("plus and zeros") << "+0012.500000000" << "12.5";
    QTest::newRow("exponent") << "1.5e3" << "1500";
    QTest::newRow("small exponent") << "25e-6" << "0.000025";
    QTest::newRow("spaces") << "  42 " << "42";
    QTest::newRow("near the bound") << "999999999999999.999999" << "999999999999999.999999";
}

void TestPosition::quantityText()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QString why;
    const auto q = Quantity::parse(text, &why);
    QVERIFY2(q, qPrintable(why));
    QCOMPARE(q->toString(), canonical);
    QCOMPARE(Quantity::parse(q->toString()), q); // round trip
}

void TestPosition::quantityRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("seven decimals") << "1.0000001" << "more than 6 decimal places";
    QTest::newRow("30 digits") << "123456789012345678901234567890123" << "out of range";
    QTest::newRow("1e308") << "1e308" << "out of range";
    QTest::newRow("words") << "ten" << "expected a number";
    QTest::newRow("two points") << "1.2.3" << "expected a number";
    QTest::newRow("inf") << "inf" << "expected a number";
}

void TestPosition::quantityRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    QString error;
    QVERIFY(!Quantity::parse(text, &error));
    QVERIFY2(error.contains(why), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPosition)
#include "tst_position.moc"
