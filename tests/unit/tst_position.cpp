// Average-cost rules of DESIGN.md §2: increase, reduce, close, flip.
#include "domain/position.h"
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
    void asOfExcludesLaterTrades();
};

using Step = std::pair<double, double>; // quantity, price

void TestPosition::rules_data()
{
    QTest::addColumn<QList<Step>>("trades");
    QTest::addColumn<double>("quantity");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("realized");

    QTest::newRow("open long") << QList<Step>{{100, 10}} << 100.0 << 10.0 << 0.0;
    QTest::newRow("open short") << QList<Step>{{-100, 10}} << -100.0 << 10.0 << 0.0;
    QTest::newRow("increase long") << QList<Step>{{100, 10}, {300, 14}} << 400.0 << 13.0 << 0.0;
    QTest::newRow("increase short") << QList<Step>{{-100, 10}, {-100, 12}} << -200.0 << 11.0 << 0.0;
    // The seed formula would move the average to (100·10 − 40·15)/60 = 6.67.
    QTest::newRow("reduce long keeps average") << QList<Step>{{100, 10}, {-40, 15}} << 60.0 << 10.0 << 200.0;
    QTest::newRow("reduce long at a loss") << QList<Step>{{100, 10}, {-40, 8}} << 60.0 << 10.0 << -80.0;
    QTest::newRow("reduce short keeps average") << QList<Step>{{-100, 10}, {40, 7}} << -60.0 << 10.0 << 120.0;
    QTest::newRow("reduce short at a loss") << QList<Step>{{-100, 10}, {40, 12}} << -60.0 << 10.0 << -80.0;
    QTest::newRow("close long") << QList<Step>{{100, 10}, {-100, 11}} << 0.0 << 0.0 << 100.0;
    QTest::newRow("close short") << QList<Step>{{-50, 20}, {50, 18}} << 0.0 << 0.0 << 100.0;
    QTest::newRow("flip long to short") << QList<Step>{{100, 10}, {-150, 12}} << -50.0 << 12.0 << 200.0;
    QTest::newRow("flip short to long") << QList<Step>{{-100, 10}, {130, 9}} << 30.0 << 9.0 << 100.0;
    QTest::newRow("reopen after close") << QList<Step>{{10, 5}, {-10, 6}, {20, 7}} << 20.0 << 7.0 << 10.0;
    QTest::newRow("fractional nominal") << QList<Step>{{0.5, 100}, {1.5, 104}, {-1, 110}} << 1.0 << 103.0 << 7.0;
}

void TestPosition::rules()
{
    QFETCH(QList<Step>, trades);
    QFETCH(double, quantity);
    QFETCH(double, average);
    QFETCH(double, realized);

    Position p{QStringLiteral("B"), QStringLiteral("I")};
    for (const auto &[q, price] : trades)
        p.apply(q, price);
    QCOMPARE(p.quantity, quantity);
    QCOMPARE(p.averagePrice, average);
    QCOMPARE(p.realizedPnl, realized);
}

void TestPosition::fractionalCloseIsExactlyFlat()
{
    Position p;
    p.apply(0.1, 100);
    p.apply(0.2, 100);
    p.apply(-0.3, 101); // 0.1 + 0.2 − 0.3 is 5.5e-17 in doubles
    QCOMPARE(p.quantity, 0.0);
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
    const double expectedQuantity[] = {100, 200, 150, -50, -30, 0, 10};
    const double expectedAverage[] = {50, 55, 55, 65, 65, 0, 61};
    const double expectedRealized[] = {0, 0, 750, 2250, 2350, 2320, 2320};
    Position p;
    for (int i = 0; i < steps.size(); ++i) {
        p.apply(steps[i].first, steps[i].second);
        QCOMPARE(p.quantity, expectedQuantity[i]);
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
    QCOMPARE(p->quantity, quantity);
    QCOMPARE(p->averagePrice, average);
    QCOMPARE(p->realizedPnl, realized);
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
    QCOMPARE(p->quantity, 0.0);
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

QTEST_GUILESS_MAIN(TestPosition)
#include "tst_position.moc"
