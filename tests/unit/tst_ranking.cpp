// Haircut lookup, price selection, quote convention and ranking order.
#include "domain/collateralranking.h"

Q_DECLARE_METATYPE(Instrument)
#include "io/importfiles.h"
#include "services/rankingjob.h"

#include <QTest>

class TestRanking : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void haircut_data();
    void haircut();
    void overrideWinsDefaultIsLast();
    void scheduleErrors_data();
    void scheduleErrors();
    void priceSourceAndQuoteConvention();
    void orderTiesAndShorts();
    void maturityBuckets_data();
    void maturityBuckets();

private:
    HaircutPolicy m_policy;
};

static const QDate BusinessDate(2026, 7, 24);

void TestRanking::initTestCase()
{
    const auto rules = ImportFiles::haircutSchedule(QStringLiteral("haircut_schedule.csv"), RankingJob::defaultScheduleCsv());
    QVERIFY2(!rules.error, qPrintable(rules.error ? rules.error->toString() : QString()));
    m_policy = HaircutPolicy(HaircutSchedule(rules.rows), {}, 0.10);
}

static Instrument bond(IssuerType issuer, const QString &rating, int daysToMaturity)
{
    Instrument i;
    i.instrumentId = QStringLiteral("B");
    i.assetClass = AssetClass::Bond;
    i.issuerType = issuer;
    i.rating = rating;
    i.currency = QStringLiteral("EUR");
    if (daysToMaturity != 0)
        i.maturityDate = BusinessDate.addDays(daysToMaturity);
    return i;
}

static Instrument other(AssetClass assetClass, bool mainIndex = false)
{
    Instrument i;
    i.instrumentId = QStringLiteral("E");
    i.assetClass = assetClass;
    i.mainIndex = mainIndex;
    i.currency = QStringLiteral("USD");
    return i;
}

void TestRanking::haircut_data()
{
    QTest::addColumn<Instrument>("instrument");
    QTest::addColumn<bool>("eligible");
    QTest::addColumn<double>("haircut");
    QTest::addColumn<QString>("note");

    // Every rating band × issuer type × maturity bucket of DESIGN.md §2.
    struct Band
    {
        const char *rating;
        double sovereign[3], otherIssuer[3], securitisation[3];
    };
    const Band bands[] = {
        {"AAA", {0.5, 2, 4}, {1, 4, 8}, {2, 8, 16}},
        {"AA-", {0.5, 2, 4}, {1, 4, 8}, {2, 8, 16}},
        {"A+", {1, 3, 6}, {2, 6, 12}, {4, 12, 24}},
        {"BBB-", {1, 3, 6}, {2, 6, 12}, {4, 12, 24}},
    };
    const int days[3] = {200, 3 * 365, 12 * 365};
    const char *bucket[3] = {"<=1y", "1y-5y", ">5y"};
    for (const Band &b : bands) {
        for (int m = 0; m < 3; ++m) {
            QTest::addRow("sovereign %s %s", b.rating, bucket[m]) << bond(IssuerType::Sovereign, b.rating, days[m]) << true << b.sovereign[m] / 100 << "schedule";
            QTest::addRow("other %s %s", b.rating, bucket[m]) << bond(IssuerType::Other, b.rating, days[m]) << true << b.otherIssuer[m] / 100 << "schedule";
            QTest::addRow("securitisation %s %s", b.rating, bucket[m]) << bond(IssuerType::Securitisation, b.rating, days[m]) << true << b.securitisation[m] / 100 << "schedule";
        }
    }
    for (const char *r : {"BB+", "BB", "BB-"}) {
        QTest::addRow("sovereign %s any maturity", r) << bond(IssuerType::Sovereign, r, 9000) << true << 0.15 << "schedule";
        QTest::addRow("other %s not eligible", r) << bond(IssuerType::Other, r, 900) << false << 0.0 << QStringLiteral("non-sovereign bond rated %1 is not eligible").arg(QLatin1StringView(r));
        QTest::addRow("securitisation %s not eligible", r) << bond(IssuerType::Securitisation, r, 900) << false << 0.0 << "securitisation bond rated";
    }
    for (const char *r : {"B+", "CCC", "D"}) {
        QTest::addRow("sovereign %s below BB-", r) << bond(IssuerType::Sovereign, r, 900) << false << 0.0 << "not eligible";
        QTest::addRow("other %s below BB-", r) << bond(IssuerType::Other, r, 900) << false << 0.0 << "not eligible";
    }
    QTest::newRow("unrated bond") << bond(IssuerType::Sovereign, QString(), 900) << false << 0.0 << "bond without rating is not eligible";
    QTest::newRow("bond without maturity") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), 0) << false << 0.0 << "bond without maturity date is not eligible";
    QTest::newRow("matured bond") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), -1) << false << 0.0 << "matured on";

    // The exact bucket boundaries: 1 year = 365.25 days, 5 years = 1826.25.
    QTest::newRow("365 days is up to 1 year") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), 365) << true << 0.005 << "up to 1 year";
    QTest::newRow("366 days is over 1 year") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), 366) << true << 0.02 << "over 1 up to 5 years";
    QTest::newRow("1826 days is up to 5 years") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), 1826) << true << 0.02 << "over 1 up to 5 years";
    QTest::newRow("1827 days is over 5 years") << bond(IssuerType::Sovereign, QStringLiteral("AAA"), 1827) << true << 0.04 << "over 5 years";

    QTest::newRow("main index equity") << other(AssetClass::Equity, true) << true << 0.15 << "in a main index";
    QTest::newRow("other listed equity") << other(AssetClass::Equity, false) << true << 0.25 << "not in a main index";
    QTest::newRow("fund") << other(AssetClass::Fund) << true << 0.25 << "fund";
    QTest::newRow("cash") << other(AssetClass::Cash) << true << 0.0 << "cash";
}

void TestRanking::haircut()
{
    QFETCH(Instrument, instrument);
    QFETCH(bool, eligible);
    QFETCH(double, haircut);
    QFETCH(QString, note);
    const HaircutDecision d = m_policy.decide(instrument.instrumentId, &instrument, BusinessDate);
    QCOMPARE(d.eligible, eligible);
    if (eligible)
        QVERIFY(qAbs(d.haircut - haircut) < 1e-12);
    QVERIFY2(d.note.contains(note), qPrintable(d.note));
}

void TestRanking::overrideWinsDefaultIsLast()
{
    HaircutPolicy policy(m_policy.schedule(), {{QStringLiteral("B"), 0.33}}, 0.10);
    // Even an ineligible bond takes the desk's override.
    const Instrument junk = bond(IssuerType::Other, QStringLiteral("B"), 900);
    HaircutDecision d = policy.decide(QStringLiteral("B"), &junk, BusinessDate);
    QVERIFY(d.eligible);
    QCOMPARE(d.haircut, 0.33);
    QCOMPARE(d.source, HaircutDecision::Source::Override);

    // No reference data: the default.
    d = policy.decide(QStringLiteral("UNKNOWN"), nullptr, BusinessDate);
    QCOMPARE(d.haircut, 0.10);
    QCOMPARE(d.source, HaircutDecision::Source::Default);

    // Nothing in the schedule matches: the default, which the desk can change.
    policy = HaircutPolicy(HaircutSchedule(), {}, 0.12);
    const Instrument equity = other(AssetClass::Equity);
    d = policy.decide(equity.instrumentId, &equity, BusinessDate);
    QCOMPARE(d.haircut, 0.12);
    QCOMPARE(d.source, HaircutDecision::Source::Default);
}

void TestRanking::scheduleErrors_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<int>("column");
    QTest::newRow("bad class") << QByteArray("stock,,,,,10") << 1;
    QTest::newRow("bad issuer") << QByteArray("bond,corporate,,,,10") << 2;
    QTest::newRow("bad rating range") << QByteArray("bond,,BBB..AAA,,,10") << 3;
    QTest::newRow("bad bucket") << QByteArray("bond,,,2y,,10") << 4;
    QTest::newRow("bad flag") << QByteArray("equity,,,,maybe,10") << 5;
    QTest::newRow("haircut 100%") << QByteArray("equity,,,,,100") << 6;
    QTest::newRow("haircut text") << QByteArray("equity,,,,,ineligible") << 6;
}

void TestRanking::scheduleErrors()
{
    QFETCH(QByteArray, row);
    QFETCH(int, column);
    const auto parsed = ImportFiles::haircutSchedule(QStringLiteral("s.csv"),
        "asset_class,issuer_type,rating,residual_maturity,main_index,haircut_percent\n" + row + "\n");
    QVERIFY(parsed.error);
    QCOMPARE(parsed.error->line, 2);
    QCOMPARE(parsed.error->column, column);
}

static RankingInput input(const QString &id, double quantity, double average, std::optional<double> market,
                          std::optional<Instrument> instrument)
{
    RankingInput in;
    in.position = Position{QStringLiteral("BK"), id, quantity, average, 0};
    in.marketPrice = market;
    if (instrument)
        instrument->instrumentId = id;
    in.instrument = instrument;
    return in;
}

void TestRanking::priceSourceAndQuoteConvention()
{
    const QList<RankingInput> inputs = {
        // 10m nominal at 99.5% with a 2% haircut: 10,000,000 × 99.5 / 100 × 0.98.
        input(QStringLiteral("BUND"), 10'000'000, 98.0, 99.5, bond(IssuerType::Sovereign, QStringLiteral("AAA"), 900)),
        // No market price: the average price, per unit (no reference data), default 10%.
        input(QStringLiteral("NOREF"), 1000, 50.0, std::nullopt, std::nullopt),
        // Equity per unit at the market price.
        input(QStringLiteral("AAPL"), 100, 180.0, 200.0, other(AssetClass::Equity, true)),
    };
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(), inputs, m_policy);
    QCOMPARE(r.items.size(), 3);
    QCOMPARE(r.items[0].instrumentId, QStringLiteral("BUND"));
    QCOMPARE(*r.items[0].collateralValue, 10'000'000 * 99.5 / 100 * 0.98);
    QCOMPARE(r.items[0].priceSource, CollateralItem::PriceSource::Market);
    QCOMPARE(r.items[1].instrumentId, QStringLiteral("NOREF"));
    QCOMPARE(r.items[1].price, 50.0);
    QCOMPARE(r.items[1].priceSource, CollateralItem::PriceSource::Average);
    QCOMPARE(*r.items[1].collateralValue, 1000 * 50.0 * 0.9);
    QCOMPARE(*r.items[2].collateralValue, 100 * 200.0 * 0.85);
    QCOMPARE(r.rankedCount(), 3);
}

void TestRanking::orderTiesAndShorts()
{
    const Instrument cash = other(AssetClass::Cash);
    const QList<RankingInput> inputs = {
        input(QStringLiteral("C"), 100, 1, 1.0, cash),
        input(QStringLiteral("A"), 100, 1, 1.0, cash),         // ties with C and B: by id
        input(QStringLiteral("SHORT"), -500, 10, 10.0, cash),  // shorts are not collateral
        input(QStringLiteral("B"), 100, 1, 1.0, cash),
        input(QStringLiteral("JUNK"), 1e9, 100, 100.0, bond(IssuerType::Other, QStringLiteral("CCC"), 900)),
        input(QStringLiteral("BIG"), 1000, 1, 1.0, cash),
    };
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(), inputs, m_policy);
    QStringList order;
    QList<int> ranks;
    for (const CollateralItem &i : r.items) {
        order << i.instrumentId;
        ranks << i.rank;
    }
    QCOMPARE(order, (QStringList{"BIG", "A", "B", "C", "JUNK"}));
    QCOMPARE(ranks, (QList<int>{1, 2, 3, 4, 0}));
    QVERIFY(!r.items.last().haircut);
    QVERIFY(!r.items.last().collateralValue);
    QVERIFY(r.items.last().note.contains(u"not eligible"));
}

void TestRanking::maturityBuckets_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("bucket");
    QTest::newRow("0") << 0 << int(MaturityBucket::UpTo1Year);
    QTest::newRow("365") << 365 << int(MaturityBucket::UpTo1Year);
    QTest::newRow("366") << 366 << int(MaturityBucket::From1To5Years);
    QTest::newRow("1826") << 1826 << int(MaturityBucket::From1To5Years);
    QTest::newRow("1827") << 1827 << int(MaturityBucket::Over5Years);
}

void TestRanking::maturityBuckets()
{
    QFETCH(int, days);
    QFETCH(int, bucket);
    QCOMPARE(int(HaircutSchedule::bucket(BusinessDate, BusinessDate.addDays(days))), bucket);
}

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
