// Haircut lookup, price selection, quote convention and ranking order.
#include "domain/collateralranking.h"

Q_DECLARE_METATYPE(Instrument)
Q_DECLARE_METATYPE(QList<FxRate>)
#include "io/importfiles.h"
#include "services/rankingjob.h"

#include "domain/agreement.h"
#include "domain/valuation.h"

#include <QTest>
#include <QTranslator>

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
    void fxRule_data();
    void fxRule();
    void closestInstruments_data();
    void closestInstruments();
    void jpyCashInAGbpBook();
    void bondRealizedPnlIsCash();
    void notEligibleWithoutReferenceDataOrRate();
    void notesAreLanguageNeutral();
    void underAnAgreement();
    void issuerConcentration();
    void allocationCheapestFirst();

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
    QVERIFY2(d.note.text().contains(note), qPrintable(d.note.text()));
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

    // No reference data: never collateral, whatever the override or default.
    d = policy.decide(QStringLiteral("B"), nullptr, BusinessDate);
    QVERIFY(!d.eligible);
    QCOMPARE(d.note.text(), QStringLiteral("no reference data"));

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

static RankingInput input(const QString &id, Quantity quantity, double average, std::optional<double> market,
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
        // No market price: the average price.
        input(QStringLiteral("FUND"), 1000, 50.0, std::nullopt, other(AssetClass::Fund)),
        // Equity per unit at the market price.
        input(QStringLiteral("AAPL"), 100, 180.0, 200.0, other(AssetClass::Equity, true)),
    };
    // Everything in EUR: no conversion, no FX haircut.
    const RankingTerms eur{QStringLiteral("EUR"), 0.08, {}};
    QList<RankingInput> euro = inputs;
    for (RankingInput &in : euro)
        in.instrument->currency = QStringLiteral("EUR");
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(), euro, m_policy, eur);
    QCOMPARE(r.items.size(), 3);
    QCOMPARE(r.currency, QStringLiteral("EUR"));
    QCOMPARE(r.items[0].instrumentId, QStringLiteral("BUND"));
    QCOMPARE(*r.items[0].marketValue, 9'950'000.0);
    QCOMPARE(*r.items[0].collateralValue, 9'751'000.0); // 9,950,000 × 0.98
    QCOMPARE(r.items[0].priceSource, CollateralItem::PriceSource::Market);
    QCOMPARE(*r.items[0].fxHaircut, 0.0);
    QCOMPARE(r.items[1].instrumentId, QStringLiteral("FUND"));
    QCOMPARE(r.items[1].price, 50.0);
    QCOMPARE(r.items[1].priceSource, CollateralItem::PriceSource::Average);
    QCOMPARE(*r.items[1].collateralValue, 37'500.0); // 1000 × 50 × 0.75
    QCOMPARE(*r.items[2].collateralValue, 17'000.0); // 100 × 200 × 0.85
    QCOMPARE(r.rankedCount(), 3);
    QCOMPARE(r.totalValue(), 9'751'000.0 + 37'500.0 + 17'000.0);
}

void TestRanking::orderTiesAndShorts()
{
    const Instrument cash = other(AssetClass::Cash);
    const QList<RankingInput> inputs = {
        input(QStringLiteral("C"), 100, 1, 1.0, cash),
        input(QStringLiteral("A"), 100, 1, 1.0, cash),         // ties with C and B: by id
        input(QStringLiteral("SHORT"), -500, 10, 10.0, cash),  // shorts are not collateral
        input(QStringLiteral("B"), 100, 1, 1.0, cash),
        input(QStringLiteral("JUNK"), 1'000'000'000, 100, 100.0, bond(IssuerType::Other, QStringLiteral("CCC"), 900)),
        input(QStringLiteral("BIG"), 1000, 1, 1.0, cash),
    };
    const RankingTerms usd{QStringLiteral("USD"), 0.08, FxRates({{QStringLiteral("EURUSD"), BusinessDate, 1.1}})};
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(), inputs, m_policy, usd);
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
    QVERIFY(r.items.last().note.text().contains(u"not eligible"));
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

void TestRanking::fxRule_data()
{
    QTest::addColumn<QList<FxRate>>("rates");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<double>("factor"); // 0: no rate
    const QDate d = BusinessDate, before = d.addDays(-1), later = d.addDays(1);
    const QString eurusd = QStringLiteral("EURUSD"), usdeur = QStringLiteral("USDEUR");
    QTest::newRow("same currency") << QList<FxRate>{} << "EUR" << "EUR" << 1.0;
    QTest::newRow("direct") << QList<FxRate>{{eurusd, d, 1.08}} << "EUR" << "USD" << 1.08;
    QTest::newRow("inverse") << QList<FxRate>{{eurusd, d, 1.25}} << "USD" << "EUR" << 0.8;
    QTest::newRow("latest on or before") << QList<FxRate>{{eurusd, before, 1.07}, {eurusd, later, 1.09}} << "EUR" << "USD" << 1.07;
    QTest::newRow("inverse quoted later wins") << QList<FxRate>{{eurusd, before, 1.07}, {usdeur, d, 0.8}} << "EUR" << "USD" << 1.25;
    QTest::newRow("direct quoted later wins") << QList<FxRate>{{eurusd, d, 1.25}, {usdeur, before, 0.5}} << "USD" << "EUR" << 0.8;
    QTest::newRow("same date: the direct pair") << QList<FxRate>{{eurusd, d, 1.25}, {usdeur, d, 0.7}} << "EUR" << "USD" << 1.25;
    // Via USD, legs of different dates: CHF→USD 1/0.8 (USDCHF on d−1), USD→JPY 150 (d).
    QTest::newRow("via USD") << QList<FxRate>{{QStringLiteral("USDCHF"), before, 0.8}, {QStringLiteral("USDJPY"), d, 150.0}}
                             << "CHF" << "JPY" << 187.5;
    QTest::newRow("only later rates") << QList<FxRate>{{eurusd, later, 1.1}} << "EUR" << "USD" << 0.0;
    QTest::newRow("none") << QList<FxRate>{{QStringLiteral("GBPUSD"), d, 1.25}} << "EUR" << "GBP" << 0.0;
    QTest::newRow("no currency") << QList<FxRate>{} << "" << "USD" << 0.0;
}

void TestRanking::fxRule()
{
    QFETCH(QList<FxRate>, rates);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(double, factor);
    const auto found = FxRates(rates).factor(from, to, BusinessDate);
    if (factor == 0.0) {
        QVERIFY(!found);
        return;
    }
    QVERIFY(found);
    QCOMPARE(*found, factor);
}

void TestRanking::jpyCashInAGbpBook()
{
    // GBPUSD 1.25 and USDJPY 150: 1 JPY = 1/187.5 GBP; cash 0%, FX haircut 8%:
    // 237,000,000 / 187.5 × 0.92 = 1,162,880.00 GBP.
    Instrument cash = other(AssetClass::Cash);
    cash.currency = QStringLiteral("JPY");
    const RankingTerms gbp{QStringLiteral("GBP"), 0.08,
                           FxRates({{QStringLiteral("GBPUSD"), BusinessDate, 1.25}, {QStringLiteral("USDJPY"), BusinessDate, 150.0}})};
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("REPO"), BusinessDate, QDateTime(),
        {input(QStringLiteral("CASH-JPY"), 237'000'000, 1.0, std::nullopt, cash)}, m_policy, gbp);
    QCOMPARE(r.items.size(), 1);
    const CollateralItem &i = r.items[0];
    QCOMPARE(i.currency, QStringLiteral("JPY"));
    QCOMPARE(i.price, 1.0); // cash without an imported price
    QCOMPARE(i.priceSource, CollateralItem::PriceSource::Market);
    QCOMPARE(*i.marketValue, 237'000'000.0);
    QVERIFY(qAbs(*i.fxRate - 1.0 / 187.5) < 1e-15);
    QCOMPARE(*i.haircut, 0.0);
    QCOMPARE(*i.fxHaircut, 0.08);
    QCOMPARE(qRound64(*i.collateralValue * 100), Q_INT64_C(116288000));
    QCOMPARE(*i.countedValue, *i.collateralValue);
}

void TestRanking::bondRealizedPnlIsCash()
{
    // 2,000,000 nominal bought at 96.71725 and sold at 99: the fold realizes
    // 2,000,000 × 2.28275 = 4,565,500 in price units × nominal, which is
    // 45,655.00 of money (bond prices are per 100 of nominal).
    Position p;
    p.apply(2'000'000, 96.71725);
    p.apply(-2'000'000, 99.0);
    Instrument bund = bond(IssuerType::Sovereign, QStringLiteral("AAA"), 900);
    bund.instrumentId = QStringLiteral("BUND");
    p.instrumentId = bund.instrumentId;
    MarketContext market;
    market.businessDate = BusinessDate;
    market.baseCurrency = QStringLiteral("EUR");
    market.instruments.insert(bund.instrumentId, bund);
    const ValuedPosition v = market.value(p);
    QCOMPARE(v.currency, QStringLiteral("EUR"));
    QCOMPARE(qRound64(v.realizedPnl * 100), Q_INT64_C(4565500));
    QVERIFY(!v.marketValue); // no price: empty, never zero
    // Marked at 98.5 per 100, holding 1,000,000 at 96.71725: 985,000.00
    // market value, 17,827.50 unrealized.
    Position held;
    held.instrumentId = bund.instrumentId;
    held.apply(1'000'000, 96.71725);
    market.prices.insert(bund.instrumentId, 98.5);
    const ValuedPosition m = market.value(held);
    QCOMPARE(qRound64(*m.marketValue * 100), Q_INT64_C(98500000));
    QCOMPARE(qRound64(*m.unrealizedPnl * 100), Q_INT64_C(1782750));
    QCOMPARE(*m.fxRate, 1.0);
    QCOMPARE(*m.marketValueBase, *m.marketValue);
}

void TestRanking::notEligibleWithoutReferenceDataOrRate()
{
    // An unknown instrument is never collateral, not even with an override.
    HaircutPolicy policy(m_policy.schedule(), {{QStringLiteral("TYPO"), 0.01}}, 0.10);
    Instrument chf = other(AssetClass::Cash);
    chf.currency = QStringLiteral("CHF");
    const RankingTerms gbp{QStringLiteral("GBP"), 0.08, FxRates({{QStringLiteral("GBPUSD"), BusinessDate, 1.25}})};
    const CollateralRanking r = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(),
        {input(QStringLiteral("TYPO"), 500'000, 99.0, 100.0, std::nullopt),
         input(QStringLiteral("CASH-CHF"), 1'000'000, 1.0, std::nullopt, chf)}, policy, gbp);
    QCOMPARE(r.items.size(), 2);
    QCOMPARE(r.rankedCount(), 0);
    QCOMPARE(r.totalValue(), 0.0);
    QCOMPARE(r.items[0].instrumentId, QStringLiteral("CASH-CHF"));
    QCOMPARE(r.items[0].note.text(), QStringLiteral("no FX rate CHF→GBP on or before 2026-07-24"));
    QVERIFY(!r.items[0].collateralValue);
    QCOMPARE(r.items[1].note.text(), QStringLiteral("no reference data"));
    QVERIFY(!r.items[1].haircut);
    QVERIFY(r.items[1].currency.isEmpty());

    // Haircut and FX haircut that leave nothing: not eligible.
    const RankingTerms harsh{QStringLiteral("GBP"), 0.95, FxRates({{QStringLiteral("CHFGBP"), BusinessDate, 0.9}})};
    Instrument equity = other(AssetClass::Equity, false); // 25%
    equity.currency = QStringLiteral("CHF");
    const CollateralRanking h = RankingBuilder::build(QStringLiteral("BK"), BusinessDate, QDateTime(),
        {input(QStringLiteral("NESN"), 100, 90.0, 95.0, equity)}, m_policy, harsh);
    QCOMPARE(h.rankedCount(), 0);
    QCOMPARE(h.items[0].note.text(), QStringLiteral("haircut 25% and FX haircut 95% leave no value"));
}

void TestRanking::notesAreLanguageNeutral()
{
    // The stored note is English whoever builds it; the window translates it.
    QTranslator french;
    QVERIFY(french.load(QStringLiteral(":/i18n/findesk_fr.qm")) || french.load(QStringLiteral(FINDESK_TRANSLATIONS "/findesk_fr.qm")));
    const Instrument junk = bond(IssuerType::Other, QStringLiteral("BB"), 900);
    const Note english = m_policy.decide(QStringLiteral("X"), &junk, BusinessDate).note;
    QCoreApplication::installTranslator(&french);
    const Note built = m_policy.decide(QStringLiteral("X"), &junk, BusinessDate).note;
    const QString shown = built.display();
    QCoreApplication::removeTranslator(&french);
    QCOMPARE(built, english);
    QCOMPARE(built.text(), QStringLiteral("non-sovereign bond rated BB is not eligible (schedule: non-sovereign bond BB+..BB-)"));
    QVERIFY2(shown != built.text() && shown.contains(u"BB+..BB-"), qPrintable(shown));
    const Note stored = Note::fromStored(built.templ, built.storedArgs());
    QCOMPARE(stored, built);
}

static EligibilityRule rule(const char *id, bool include, std::optional<double> haircut)
{
    EligibilityRule r;
    r.agreementId = QStringLiteral("GMRA-1");
    r.ruleId = QString::fromLatin1(id);
    r.include = include;
    r.haircut = haircut;
    return r;
}

static Instrument issued(Instrument i, const QString &issuer)
{
    i.issuer = issuer;
    return i;
}

void TestRanking::underAnAgreement()
{
    // A EUR agreement with its own 10% FX haircut; the counterparty's group
    // is "Nordbank"; securitisations excluded; sovereigns AA- or better at
    // 2% (R1) and any sovereign within 10 years at 5% (R2); cash at 0.
    AgreementTerms terms;
    terms.agreement = {QStringLiteral("GMRA-1"), QStringLiteral("Nordbank AG"), AgreementType::GMRA, QStringLiteral("EUR"),
                       0.10, std::nullopt, QStringLiteral("Nordbank")};
    EligibilityRule r1 = rule("R1", true, 0.02);
    r1.assetClass = AssetClass::Bond;
    r1.issuerType = IssuerType::Sovereign;
    r1.minRating = QStringLiteral("AA-");
    EligibilityRule r2 = rule("R2", true, 0.05);
    r2.issuerType = IssuerType::Sovereign;
    r2.maxMaturityYears = 10;
    EligibilityRule r3 = rule("R3", true, 0.0);
    r3.assetClass = AssetClass::Cash;
    r3.currencies = {QStringLiteral("EUR"), QStringLiteral("USD")};
    EligibilityRule x1 = rule("X1", false, std::nullopt);
    x1.issuerType = IssuerType::Securitisation;
    terms.rules = {x1, r3, r2, r1};
    terms.deskFxHaircut = 0.08;
    terms.fx = FxRates({{QStringLiteral("EURUSD"), BusinessDate, 1.25}});

    Instrument cashUsd = other(AssetClass::Cash); // USD
    Instrument cashGbp = other(AssetClass::Cash);
    cashGbp.currency = QStringLiteral("GBP");
    const QList<RankingInput> inputs = {
        // Matches R1 (2%) and R2 (5%): the largest, 5%, rule R2. 1,000,000 × 99% = 990,000 EUR × 0.95.
        input(QStringLiteral("BUND"), 1'000'000, 98.0, 99.0, issued(bond(IssuerType::Sovereign, QStringLiteral("AAA"), 900), "Germany")),
        // Only R1 (over 10 years): 2%.
        input(QStringLiteral("BUND40"), 1'000'000, 90.0, 90.0, bond(IssuerType::Sovereign, QStringLiteral("AA"), 15 * 365)),
        input(QStringLiteral("OWN"), 1'000'000, 100.0, 100.0, issued(bond(IssuerType::Other, QStringLiteral("AA"), 900), "Nordbank")),
        input(QStringLiteral("ABS"), 1'000'000, 100.0, 100.0, bond(IssuerType::Securitisation, QStringLiteral("AAA"), 900)),
        input(QStringLiteral("CORP"), 1'000'000, 100.0, 100.0, bond(IssuerType::Other, QStringLiteral("AA"), 900)),
        // USD cash: 1,000,000 USD = 800,000 EUR, × (1 − 0 − 10%) = 720,000.
        input(QStringLiteral("CASH-USD"), 1'000'000, 1.0, std::nullopt, cashUsd),
        input(QStringLiteral("CASH-GBP"), 1'000'000, 1.0, std::nullopt, cashGbp), // not in R3's currencies
        input(QStringLiteral("TYPO"), 1'000'000, 1.0, 1.0, std::nullopt),
    };
    const CollateralRanking r = RankingBuilder::buildUnderAgreement(QStringLiteral("REPO"), BusinessDate, QDateTime(), inputs, terms);
    QCOMPARE(r.agreementId, QStringLiteral("GMRA-1"));
    QCOMPARE(r.currency, QStringLiteral("EUR"));
    QHash<QString, CollateralItem> byId;
    for (const CollateralItem &i : r.items)
        byId.insert(i.instrumentId, i);
    QCOMPARE(*byId["BUND"].haircut, 0.05);
    QCOMPARE(qRound64(*byId["BUND"].collateralValue * 100), Q_INT64_C(94050000)); // 940,500.00
    QCOMPARE(byId["BUND"].note.text(), QStringLiteral("rule R2 of GMRA-1: haircut 5%"));
    QCOMPARE(*byId["BUND40"].haircut, 0.02);
    QCOMPARE(qRound64(*byId["BUND40"].collateralValue * 100), Q_INT64_C(88200000)); // 900,000 × 0.98
    QCOMPARE(byId["OWN"].note.text(), QStringLiteral("issued by the counterparty's group"));
    QCOMPARE(byId["ABS"].note.text(), QStringLiteral("excluded by rule X1"));
    QCOMPARE(byId["CORP"].note.text(), QStringLiteral("not in the schedule of GMRA-1"));
    QCOMPARE(*byId["CASH-USD"].fxRate, 0.8);
    QCOMPARE(*byId["CASH-USD"].fxHaircut, 0.10); // the agreement's, not the desk's 8%
    QCOMPARE(qRound64(*byId["CASH-USD"].collateralValue * 100), Q_INT64_C(72000000));
    QCOMPARE(byId["CASH-GBP"].note.text(), QStringLiteral("not in the schedule of GMRA-1"));
    QCOMPARE(byId["TYPO"].note.text(), QStringLiteral("no reference data"));
    QCOMPARE(r.rankedCount(), 3);
    QCOMPARE(r.items[0].instrumentId, QStringLiteral("BUND")); // 940,500 > 882,000 > 720,000
    QCOMPARE(r.items[2].instrumentId, QStringLiteral("CASH-USD"));
    QCOMPARE(r.totalValue(), *byId["BUND"].countedValue + *byId["BUND40"].countedValue + *byId["CASH-USD"].countedValue);
}

void TestRanking::issuerConcentration()
{
    // Three items of 600, 300 and 100 (all cash-like, 0% haircut): T = 1,000.
    // With a 40% limit each issuer counts for at most 400: A's two items
    // (600 and 100) count 400 and 0; B's 300 counts whole.
    AgreementTerms terms;
    terms.agreement = {QStringLiteral("GMRA-1"), QStringLiteral("CP"), AgreementType::GMRA, QStringLiteral("USD"),
                       std::nullopt, 0.4, QString()};
    terms.rules = {rule("R1", true, 0.0)};
    const Instrument equity = other(AssetClass::Equity);
    const CollateralRanking r = RankingBuilder::buildUnderAgreement(QStringLiteral("BK"), BusinessDate, QDateTime(),
        {input(QStringLiteral("A1"), 600, 1.0, 1.0, issued(equity, "A")), input(QStringLiteral("B1"), 300, 1.0, 1.0, issued(equity, "B")),
         input(QStringLiteral("A2"), 100, 1.0, 1.0, issued(equity, "A"))}, terms);
    QCOMPARE(r.items[0].instrumentId, QStringLiteral("A1"));
    QCOMPARE(*r.items[0].collateralValue, 600.0);
    QCOMPARE(*r.items[0].countedValue, 400.0);
    QCOMPARE(r.items[0].note.text(), QStringLiteral("rule R1 of GMRA-1: haircut 0%; counted 400.00: the 40% issuer limit on A"));
    QCOMPARE(*r.items[1].countedValue, 300.0);
    QCOMPARE(*r.items[2].countedValue, 0.0);
    QCOMPARE(r.totalValue(), 700.0);
}

void TestRanking::allocationCheapestFirst()
{
    // Cover 1,000 USD. Units of collateral value: A 1.0 (cost 4% / 1 = 4%),
    // B 0.9 (cost 2.7% / 0.9 = 3%, the cheapest), C 1.0 (no cost: last).
    AgreementTerms terms;
    terms.agreement = {QStringLiteral("GMRA-1"), QStringLiteral("CP"), AgreementType::GMRA, QStringLiteral("USD"),
                       std::nullopt, std::nullopt, QString()};
    EligibilityRule funds = rule("R1", true, 0.10);
    funds.assetClass = AssetClass::Fund;
    terms.rules = {rule("R0", true, 0.0), funds};
    const CollateralRanking r = RankingBuilder::buildUnderAgreement(QStringLiteral("BK"), BusinessDate, QDateTime(),
        {input(QStringLiteral("A"), 500, 1.0, 1.0, other(AssetClass::Cash)), input(QStringLiteral("B"), 600, 1.0, 1.0, other(AssetClass::Fund)),
         input(QStringLiteral("C"), 5000, 1.0, 1.0, other(AssetClass::Cash))}, terms);
    const QHash<QString, double> costs = {{QStringLiteral("A"), 0.04}, {QStringLiteral("B"), 0.027}};
    // B gives all 600 (540 of value), then A ceil(460 / 1) = 460 units.
    Allocation a = allocate(r, costs, 1000.0);
    QCOMPARE(a.lines.size(), 2);
    QCOMPARE(a.lines[0].instrumentId, QStringLiteral("B"));
    QCOMPARE(a.lines[0].quantity, Quantity(600));
    QCOMPARE(qRound64(a.lines[0].collateralValue * 100), Q_INT64_C(54000));
    QCOMPARE(qRound64(*a.lines[0].annualCost * 100), Q_INT64_C(1620)); // 600 × 1 × 2.7%
    QCOMPARE(a.lines[1].instrumentId, QStringLiteral("A"));
    QCOMPARE(a.lines[1].quantity, Quantity(460));
    QCOMPARE(qRound64(a.lines[1].cumulativeValue * 100), Q_INT64_C(100000));
    QCOMPARE(a.shortfall, 0.0);
    // More than everything: all three, and the rest is a shortfall.
    a = allocate(r, costs, 7000.0);
    QCOMPARE(a.lines.size(), 3);
    QCOMPARE(a.lines[2].instrumentId, QStringLiteral("C"));
    QVERIFY(!a.lines[2].costRate);
    QCOMPARE(qRound64(a.shortfall * 100), Q_INT64_C(96000)); // 7,000 − 540 − 500 − 5,000
}

// "Did you mean …?" of the trade ticket: ids within two edits, then ids or
// names that contain the text; the best three, by closeness then id.
void TestRanking::closestInstruments_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one digit off") << "DE0001102581" << QStringList{"DE0001102580", "DE0001102582"};
    QTest::newRow("swapped digits") << "DE0001102508" << QStringList{"DE0001102580", "DE0001102582"};
    QTest::newRow("lower case, closest first") << "de0001102580" << QStringList{"DE0001102580", "DE0001102582"};
    QTest::newRow("part of ids") << "0001102" << QStringList{"DE0001102580", "DE0001102582", "DE0001102999"};
    QTest::newRow("part of a name") << "bund" << QStringList{"DE0001102580"};
    QTest::newRow("too short") << "DE" << QStringList{};
    QTest::newRow("nothing close") << "US9999999999" << QStringList{};
}

void TestRanking::closestInstruments()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    InstrumentMap instruments;
    for (const auto &[id, name] : {std::pair{"DE0001102580", "Bund 2.5% 2030"}, std::pair{"DE0001102582", "Schatz 2027"},
                                   std::pair{"DE0001102999", "Bobl 2029"}, std::pair{"FR0000571218", "OAT 2035"}}) {
        Instrument i;
        i.instrumentId = QString::fromLatin1(id);
        i.name = QString::fromUtf8(name);
        instruments.insert(i.instrumentId, i);
    }
    QCOMPARE(::closestInstruments(instruments, typed), expected);
}

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
