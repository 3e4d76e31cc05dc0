#include "demodata.h"

#include "domain/desktime.h"
#include "io/importfiles.h"
#include "services/rankingjob.h"
#include "services/snapshotjob.h"
#include "storage/agreementstore.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/referencedatastore.h"
#include "storage/tradestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

#include <cmath>

namespace DemoData {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DemoData", text);
}

QByteArray resource(const char *name)
{
    QFile file(QStringLiteral(":/findesk/demo/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("demo resource %s is missing from this build", name);
    return file.readAll();
}

// A stable number in [0, 1) for a key: the same on every run and machine.
double stableUnit(const QString &key)
{
    const QByteArray h = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Md5);
    quint32 v = 0;
    memcpy(&v, h.constData(), sizeof v);
    return double(v) / 4294967296.0;
}

// The instrument's price level: bonds near par (percent of nominal),
// equities and funds from 15 to 600 per share, cash at 1.
double basePrice(const Instrument &i)
{
    const double u = stableUnit(i.instrumentId);
    switch (i.assetClass) {
    case AssetClass::Bond: return 86.0 + 22.0 * u;
    case AssetClass::Cash: return 1.0;
    case AssetClass::Fund: return 40.0 + 160.0 * u;
    case AssetClass::Equity: return 15.0 * std::pow(40.0, u);
    }
    return 100.0;
}

double roundTo(double value, double step)
{
    return std::round(value / step) * step;
}

struct Book
{
    QString id;
    QString name;
    bool longOnly = true;
    std::function<bool(const Instrument &)> trades;
};

QList<Book> books()
{
    return {
        {QStringLiteral("EQ-NY"), QString(), true,
         [](const Instrument &i) {
             return ((i.assetClass == AssetClass::Equity || i.assetClass == AssetClass::Fund) && i.currency == u"USD")
                 || (i.assetClass == AssetClass::Cash && i.currency == u"USD"); // the book's cash balance
         }},
        {QStringLiteral("EGB-PAR"), QString(), true,
         [](const Instrument &i) { return i.assetClass == AssetClass::Bond && i.issuerType == IssuerType::Sovereign && i.currency == u"EUR"; }},
        {QStringLiteral("REPO-LDN"), QString(), true,
         [](const Instrument &i) {
             return (i.assetClass == AssetClass::Bond && !(i.issuerType == IssuerType::Sovereign && i.currency == u"EUR"))
                 || i.assetClass == AssetClass::Cash;
         }},
        {QStringLiteral("SECLEND-LDN"), QString(), false,
         [](const Instrument &i) {
             return (i.assetClass == AssetClass::Equity && i.currency != u"USD") || i.assetClass == AssetClass::Fund
                 || (i.assetClass == AssetClass::Cash && (i.currency == u"GBP" || i.currency == u"EUR")); // cash collateral held
         }},
    };
}

// The instruments a book trades, in a stable order shuffled once per book
// (so the "active" names differ by book): the keys are hashed once each.
QList<const Instrument *> universeOf(const Book &book, const QList<const Instrument *> &instruments)
{
    QList<std::pair<double, const Instrument *>> keyed;
    for (const Instrument *i : instruments) {
        if (book.trades(*i))
            keyed.append({stableUnit(book.id + i->instrumentId), i});
    }
    std::sort(keyed.begin(), keyed.end());
    QList<const Instrument *> universe;
    universe.reserve(keyed.size());
    for (const auto &[key, i] : std::as_const(keyed))
        universe.append(i);
    return universe;
}

double lotSize(const Instrument &i, QRandomGenerator &random)
{
    switch (i.assetClass) {
    case AssetClass::Bond: return 500000.0 * (1 + random.bounded(40)); // nominal
    case AssetClass::Cash: return 1000000.0 * (1 + random.bounded(20));
    case AssetClass::Fund: return 100.0 * (1 + random.bounded(80));
    case AssetClass::Equity: return 100.0 * (1 + random.bounded(50));
    }
    return 100.0;
}

// One plausible trade of `book` in one of its instruments.
Trade makeTrade(const Book &book, const QList<const Instrument *> &universe, QHash<QString, double> &held,
                const std::function<double(const Instrument &)> &priceOf, QRandomGenerator &random)
{
    // A few instruments trade far more than the rest.
    const qsizetype n = universe.size();
    const qsizetype pick = qsizetype(double(n) * std::pow(random.generateDouble(), 1.8));
    const Instrument &i = *universe.at(std::min(pick, n - 1));
    double quantity = lotSize(i, random); // whole units or nominal
    double &position = held[i.instrumentId];
    const bool sell = random.generateDouble() < (book.longOnly ? 0.3 : 0.42);
    if (sell) {
        if (book.longOnly)
            quantity = std::min(quantity, position);
        quantity = -quantity;
    }
    if (quantity == 0.0)
        quantity = lotSize(i, random);
    position += quantity;
    const double tick = i.assetClass == AssetClass::Bond ? 0.005 : i.assetClass == AssetClass::Cash ? 1.0 : 0.01;
    const double noise = i.assetClass == AssetClass::Cash ? 1.0 : 1.0 + (random.generateDouble() - 0.5) * 0.004;
    Trade t;
    t.bookId = book.id;
    t.instrumentId = i.instrumentId;
    t.quantity = Quantity::units(qint64(quantity));
    t.price = std::max(tick, roundTo(priceOf(i) * noise, tick));
    return t;
}

} // namespace

QDate lastBusinessDay(const QDate &today)
{
    QDate d = today.addDays(-1);
    while (d.dayOfWeek() > 5)
        d = d.addDays(-1);
    return d;
}

Summary fill(const Connection &connection, const QDate &lastDay, const std::function<void(const QString &)> &say)
{
    auto tell = [&](const QString &line) {
        if (say)
            say(line);
    };
    Summary summary;
    summary.lastDay = lastDay;
    const QTimeZone zone = DeskSettingsStore(connection).deskTimeZone();

    // Reference data and books.
    const auto parsed = ImportFiles::instruments(QStringLiteral("demo/instruments.csv"), resource("instruments.csv"));
    Q_ASSERT(!parsed.error);
    ReferenceDataStore reference(connection);
    // The issuer of a bond or an equity is its name up to the coupon:
    // "Bluewater Holdings 2.375% 2027" is issued by Bluewater Holdings.
    QList<Instrument> instruments = parsed.rows;
    for (Instrument &i : instruments) {
        if (i.assetClass == AssetClass::Cash)
            continue;
        QStringList words;
        for (const QString &w : i.name.split(u' ', Qt::SkipEmptyParts)) {
            if (w.front().isDigit())
                break;
            words << w;
        }
        i.issuer = words.join(u' ');
    }
    reference.upsertInstruments(instruments);
    summary.instruments = int(parsed.rows.size());

    QList<Book> demoBooks = books();
    const auto bookFile = ImportFiles::books(QStringLiteral("demo/books.csv"), resource("books.csv"));
    Q_ASSERT(!bookFile.error);
    TradeStore trades(connection);
    trades.upsertBooks(bookFile.rows);
    summary.books = int(demoBooks.size());
    tell(tr("demo: %1 books, %2 instruments").arg(summary.books).arg(summary.instruments));

    // The business days: a month of weekdays up to lastDay.
    QList<QDate> days;
    for (QDate d = lastDay; days.size() < 22; d = d.addDays(-1)) {
        if (d.dayOfWeek() <= 5)
            days.prepend(d);
    }
    summary.firstDay = days.constFirst();

    // Prices: a random walk per instrument; about one in twelve has none,
    // so the ranking shows the average-price fallback.
    QRandomGenerator random(quint32(lastDay.toJulianDay()));
    QHash<QString, double> level;
    QList<MarketPrice> prices;
    QList<const Instrument *> universeAll;
    for (const Instrument &i : parsed.rows)
        universeAll.append(&i);
    for (const QDate &day : std::as_const(days)) {
        for (const Instrument *i : std::as_const(universeAll)) {
            double &p = level[i->instrumentId];
            if (p == 0.0)
                p = basePrice(*i);
            else if (i->assetClass != AssetClass::Cash)
                p *= 1.0 + (random.generateDouble() - 0.5) * (i->assetClass == AssetClass::Bond ? 0.006 : 0.03);
            if (stableUnit(i->instrumentId + QStringLiteral("/priced")) < 0.08)
                continue;
            const double tick = i->assetClass == AssetClass::Bond ? 0.001 : 0.01;
            prices.append({i->instrumentId, day, roundTo(p, tick)});
        }
    }
    reference.upsertPrices(prices);
    summary.prices = int(prices.size());

    // FX: a daily close of every currency the demo holds against USD, and
    // EURGBP quoted directly, each a small random walk from a plausible level.
    const QList<std::pair<QString, double>> pairs = {
        {QStringLiteral("EURUSD"), 1.08}, {QStringLiteral("GBPUSD"), 1.27}, {QStringLiteral("USDJPY"), 151.0},
        {QStringLiteral("USDCHF"), 0.88}, {QStringLiteral("EURGBP"), 0.85},
    };
    QList<FxRate> fx;
    for (const auto &[pair, start] : pairs) {
        double rate = start;
        for (const QDate &day : std::as_const(days)) {
            rate *= 1.0 + (random.generateDouble() - 0.5) * 0.008;
            fx.append({pair, day, roundTo(rate, pair.endsWith(u"JPY") ? 0.001 : 0.00001)});
        }
    }
    reference.upsertFxRates(fx);
    tell(tr("demo: %1 FX closes of %2 currency pairs").arg(fx.size()).arg(pairs.size()));

    // Three counterparties' agreements and what each instrument costs the
    // desk to deliver (a funding or lending rate, 0–4% a year).
    const auto agreementFile = ImportFiles::agreements(QStringLiteral("demo/agreements.csv"), resource("agreements.csv"));
    const auto ruleFile = ImportFiles::eligibility(QStringLiteral("demo/eligibility.csv"), resource("eligibility.csv"));
    Q_ASSERT(!agreementFile.error && !ruleFile.error);
    AgreementStore agreements(connection);
    agreements.upsertAgreements(agreementFile.rows);
    agreements.replaceEligibility(ruleFile.rows);
    QList<CostRate> costs;
    for (const Instrument &i : std::as_const(instruments))
        costs.append({i.instrumentId, days.constFirst(), roundTo(0.04 * stableUnit(i.instrumentId + QStringLiteral("/cost")), 0.0001)});
    agreements.upsertCostRates(costs);
    tell(tr("demo: %1 agreements, %2 eligibility rules, %3 cost rates")
             .arg(agreementFile.rows.size()).arg(ruleFile.rows.size()).arg(costs.size()));
    tell(tr("demo: %1 market prices from %2 to %3").arg(summary.prices).arg(DeskTime::formatDate(days.constFirst()),
                                                                          DeskTime::formatDate(lastDay)));

    // Trades: a quiet month, then a busy last day.
    TradeList log;
    QHash<QString, QHash<QString, double>> held;
    QHash<QString, QList<const Instrument *>> universes;
    for (const Book &book : std::as_const(demoBooks))
        universes.insert(book.id, universeOf(book, universeAll));
    for (const QDate &day : std::as_const(days)) {
        const bool last = day == lastDay;
        for (const Book &book : std::as_const(demoBooks)) {
            const QList<const Instrument *> &universe = universes[book.id];
            const int count = last ? 700 + random.bounded(300) : (day == days.constFirst() ? 160 : 30 + random.bounded(30));
            QList<int> seconds;
            for (int k = 0; k < count; ++k)
                seconds.append(8 * 3600 + random.bounded(int(9.5 * 3600)));
            std::sort(seconds.begin(), seconds.end());
            for (int k = 0; k < count; ++k) {
                Trade t = makeTrade(book, universe, held[book.id],
                                    [&](const Instrument &i) { return level.value(i.instrumentId, basePrice(i)); }, random);
                t.tradeId = QStringLiteral("%1-%2-%3").arg(book.id, day.toString(u"yyyyMMdd")).arg(k + 1, 4, 10, QChar(u'0'));
                const QTime local = QTime(0, 0).addSecs(seconds[k]);
                t.tradeTime = DeskTime::fromLocal(day, local, zone).value_or(QDateTime(day, local, zone)).toUTC();
                log.append(t);
            }
        }
    }
    const auto inserted = trades.insert(log);
    summary.trades = inserted.inserted;
    tell(tr("demo: %1 trades (%2 already there)").arg(inserted.inserted).arg(inserted.skipped));

    // Snapshots: the close of each earlier day, every ten minutes of the last.
    QList<QDateTime> instants;
    for (const QDate &day : std::as_const(days)) {
        if (day != lastDay) {
            instants.append(DeskTime::fromLocal(day, QTime(17, 45), zone).value_or(QDateTime(day, QTime(17, 45), zone)));
            continue;
        }
        for (int minutes = 8 * 60; minutes <= 18 * 60; minutes += 10) {
            const QTime t = QTime(0, 0).addSecs(minutes * 60);
            if (const auto at = DeskTime::fromLocal(day, t, zone))
                instants.append(*at);
        }
    }
    QSet<std::pair<QString, QDate>> storedDays;
    for (const QDateTime &at : std::as_const(instants)) {
        for (const SnapshotReport &r : SnapshotJob::run(connection, at)) {
            if (r.stored()) {
                ++summary.snapshots;
                storedDays.insert({r.bookId, r.businessDate});
            }
        }
    }
    tell(tr("demo: %1 snapshots stored").arg(summary.snapshots));
    for (const auto &[book, day] : std::as_const(storedDays)) {
        if (RankingJob::ensure(connection, book, day))
            ++summary.rankings;
    }
    tell(tr("demo: %1 collateral rankings built").arg(summary.rankings));
    return summary;
}

TradeList liveTrades(const InstrumentMap &instruments, const QHash<QString, QHash<QString, double>> &held,
                     const QDateTime &now, int count, QRandomGenerator &random)
{
    QList<const Instrument *> all;
    for (const Instrument &i : instruments)
        all.append(&i);
    const QList<Book> demoBooks = books();
    TradeList result;
    QHash<QString, QHash<QString, double>> positions = held;
    for (int k = 0; k < count; ++k) {
        const Book &book = demoBooks.at(random.bounded(int(demoBooks.size())));
        const QList<const Instrument *> universe = universeOf(book, all);
        if (universe.isEmpty())
            continue;
        Trade t = makeTrade(book, universe, positions[book.id], basePrice, random);
        t.tradeId = QStringLiteral("LIVE-%1-%2").arg(now.toUTC().toString(u"yyyyMMddHHmmsszzz")).arg(k + 1);
        t.tradeTime = now.toUTC();
        result.append(t);
    }
    return result;
}

} // namespace DemoData
