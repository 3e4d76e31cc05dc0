#include "importfiles.h"

#include "csvtable.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QHash>

namespace ImportFiles {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportFiles", text);
}

template<typename T>
Rows<T> finish(Rows<T> rows, const CsvTable &table)
{
    if (!table.ok()) {
        rows.error = table.error();
        rows.rows.clear();
        rows.lines.clear();
    }
    return rows;
}

// Same key twice in one file: identical rows are skipped, different ones
// are an error naming both lines.
template<typename T, typename Key>
bool admit(Rows<T> &rows, QHash<Key, qsizetype> &seen, const Key &key, const T &row,
           CsvTable &table, const QString &what)
{
    const auto it = seen.constFind(key);
    if (it == seen.cend()) {
        seen.insert(key, rows.rows.size());
        rows.rows.append(row);
        rows.lines.append(table.line());
        return true;
    }
    if (rows.rows.at(*it) == row) {
        ++rows.skippedDuplicates;
        return true;
    }
    table.failLine(tr("%1 already appears on line %2 with different content").arg(what).arg(rows.lines.at(*it)));
    return false;
}

} // namespace

std::optional<QByteArray> read(const QString &path, ImportError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = ImportError{path, 0, 0, {}, tr("cannot open the file: %1").arg(file.errorString())};
        return std::nullopt;
    }
    // Not readAll(): /dev/zero or a stream without line breaks would grow
    // it until the allocation fails. Chunks, and no line over the limit.
    QByteArray bytes;
    qsizetype lineStart = 0;
    int line = 1;
    for (;;) {
        const qsizetype had = bytes.size();
        bytes.resize(had + (1 << 16));
        const qint64 got = file.read(bytes.data() + had, 1 << 16);
        bytes.resize(had + std::max<qint64>(got, 0));
        if (got < 0) {
            *error = ImportError{path, line, 0, {}, tr("cannot read the file: %1").arg(file.errorString())};
            return std::nullopt;
        }
        for (qsizetype nl = bytes.indexOf('\n', had); nl >= 0; nl = bytes.indexOf('\n', nl + 1)) {
            if (nl - lineStart > CsvReader::MaxLineBytes)
                break;
            lineStart = nl + 1;
            ++line;
        }
        if (bytes.size() - lineStart > CsvReader::MaxLineBytes) {
            const QByteArrayView tooLong = QByteArrayView(bytes).sliced(lineStart, CsvReader::MaxLineBytes);
            *error = ImportError{path, line, int(tooLong.count(',')) + 1, {}, CsvReader::lineTooLongMessage()};
            return std::nullopt;
        }
        if (got == 0)
            return bytes;
    }
}

Rows<Trade> trades(const QString &fileName, const QByteArray &utf8, const QTimeZone &deskZone)
{
    QBuffer buffer;
    buffer.setData(utf8);
    buffer.open(QIODevice::ReadOnly);
    return trades(fileName, &buffer, deskZone);
}

Rows<Trade> trades(const QString &fileName, QIODevice *device, const QTimeZone &deskZone)
{
    enum { TradeId, BookId, InstrumentId, Quantity, Price, TradeTime };
    CsvTable table(fileName, device, {QStringLiteral("trade_id"), QStringLiteral("book_id"),
                                      QStringLiteral("instrument_id"), QStringLiteral("quantity"),
                                      QStringLiteral("price"), QStringLiteral("trade_time")});
    Rows<Trade> rows;
    if (!device->isSequential())
        rows.rows.reserve(std::min<qint64>(device->size() / 64, 1 << 24));
    QHash<QString, qsizetype> seen;
    while (table.next()) {
        Trade t;
        t.tradeId = table.identifier(TradeId);
        t.bookId = table.identifier(BookId);
        t.instrumentId = table.identifier(InstrumentId);
        t.quantity = table.quantity(Quantity);
        t.price = table.price(Price);
        t.tradeTime = table.instant(TradeTime, deskZone);
        if (!table.ok() || !admit(rows, seen, t.tradeId, t, table, tr("trade %1").arg(t.tradeId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<Instrument> instruments(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Name, Class, Issuer, RatingCol, Currency, Maturity, MainIndex, IssuerName };
    CsvTable table(fileName, utf8, {QStringLiteral("instrument_id"), QStringLiteral("name"),
                                    QStringLiteral("asset_class"), QStringLiteral("issuer_type"),
                                    QStringLiteral("rating"), QStringLiteral("currency"),
                                    QStringLiteral("maturity_date"), QStringLiteral("main_index"),
                                    QStringLiteral("issuer?")});
    Rows<Instrument> rows;
    QHash<QString, qsizetype> seen;
    while (table.next()) {
        Instrument i;
        i.instrumentId = table.identifier(Id);
        i.name = table.text(Name).trimmed().toString();
        i.issuer = table.text(IssuerName).trimmed().toString();

        const auto assetClass = Instrument::assetClassFrom(table.text(Class).trimmed());
        if (!assetClass)
            table.fail(Class, tr("expected bond, equity, fund or cash, got \"%1\"").arg(table.text(Class)));
        else
            i.assetClass = *assetClass;

        const auto issuer = Instrument::issuerTypeFrom(table.text(Issuer).trimmed());
        if (!issuer)
            table.fail(Issuer, tr("expected sovereign, other, securitisation or nothing, got \"%1\"").arg(table.text(Issuer)));
        else if (i.assetClass == AssetClass::Bond && *issuer == IssuerType::None)
            table.fail(Issuer, tr("a bond needs an issuer type: sovereign, other or securitisation"));
        else
            i.issuerType = *issuer;

        i.rating = table.text(RatingCol).trimmed().toString();
        if (!i.rating.isEmpty() && Rating::notch(i.rating) < 0)
            table.fail(RatingCol, tr("unknown rating \"%1\"; expected one of %2 or nothing")
                                      .arg(i.rating, Rating::scale().join(u' ')));

        i.currency = table.currency(Currency);

        i.maturityDate = table.date(Maturity, true);
        i.mainIndex = table.text(MainIndex).trimmed().isEmpty() ? false : table.boolean(MainIndex);
        if (!table.ok() || !admit(rows, seen, i.instrumentId, i, table, tr("instrument %1").arg(i.instrumentId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<MarketPrice> prices(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Date, Price };
    CsvTable table(fileName, utf8, {QStringLiteral("instrument_id"), QStringLiteral("business_date"),
                                    QStringLiteral("price")});
    Rows<MarketPrice> rows;
    QHash<std::pair<QString, QDate>, qsizetype> seen;
    while (table.next()) {
        MarketPrice p;
        p.instrumentId = table.identifier(Id);
        p.businessDate = table.date(Date);
        p.price = table.price(Price);
        if (!table.ok()
            || !admit(rows, seen, std::pair(p.instrumentId, p.businessDate), p, table,
                      tr("the price of %1 on %2").arg(p.instrumentId, p.businessDate.toString(Qt::ISODate))))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<HaircutOverride> haircutOverrides(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Haircut };
    CsvTable table(fileName, utf8, {QStringLiteral("instrument_id"), QStringLiteral("haircut")});
    Rows<HaircutOverride> rows;
    QHash<QString, qsizetype> seen;
    while (table.next()) {
        HaircutOverride h;
        h.instrumentId = table.identifier(Id);
        h.haircut = table.haircut(Haircut);
        if (!table.ok() || !admit(rows, seen, h.instrumentId, h, table, tr("the haircut of %1").arg(h.instrumentId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<BookInfo> books(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Name, BaseCurrency };
    CsvTable table(fileName, utf8, {QStringLiteral("book_id"), QStringLiteral("name"), QStringLiteral("base_currency")});
    Rows<BookInfo> rows;
    QHash<QString, qsizetype> seen;
    while (table.next()) {
        BookInfo b;
        b.bookId = table.identifier(Id);
        b.name = table.text(Name).trimmed().toString();
        if (!table.text(BaseCurrency).trimmed().isEmpty())
            b.baseCurrency = table.currency(BaseCurrency);
        if (!table.ok() || !admit(rows, seen, b.bookId, b, table, tr("book %1").arg(b.bookId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<FxRate> fxRates(const QString &fileName, const QByteArray &utf8)
{
    enum { Pair, Date, Rate };
    CsvTable table(fileName, utf8, {QStringLiteral("currency_pair"), QStringLiteral("business_date"), QStringLiteral("rate")});
    Rows<FxRate> rows;
    QHash<std::pair<QString, QDate>, qsizetype> seen;
    while (table.next()) {
        FxRate r;
        const QStringView pair = table.text(Pair).trimmed();
        if (pair.size() != 6 || !Money::isCurrencyCode(pair.first(3)) || !Money::isCurrencyCode(pair.sliced(3)))
            table.fail(Pair, tr("expected a currency pair of two ISO codes like EURUSD, got \"%1\"").arg(table.text(Pair)));
        else if (pair.first(3) == pair.sliced(3))
            table.fail(Pair, tr("a currency pair needs two different currencies, got \"%1\"").arg(pair));
        r.pair = pair.toString();
        r.businessDate = table.date(Date);
        r.rate = table.rate(Rate);
        if (!table.ok()
            || !admit(rows, seen, std::pair(r.pair, r.businessDate), r, table,
                      tr("the rate of %1 on %2").arg(r.pair, r.businessDate.toString(Qt::ISODate))))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<Agreement> agreements(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Counterparty, Type, BaseCurrency, FxHaircut, IssuerLimit, ExcludedIssuer };
    CsvTable table(fileName, utf8, {QStringLiteral("agreement_id"), QStringLiteral("counterparty"), QStringLiteral("type"),
                                    QStringLiteral("base_currency"), QStringLiteral("fx_haircut"),
                                    QStringLiteral("issuer_limit"), QStringLiteral("excluded_issuer")});
    Rows<Agreement> rows;
    QHash<QString, qsizetype> seen;
    while (table.next()) {
        Agreement a;
        a.agreementId = table.identifier(Id);
        a.counterparty = table.text(Counterparty).trimmed().toString();
        const auto type = Agreement::typeFrom(table.text(Type).trimmed());
        if (!type)
            table.fail(Type, tr("expected GMRA, GMSLA or CSA, got \"%1\"").arg(table.text(Type)));
        else
            a.type = *type;
        a.baseCurrency = table.currency(BaseCurrency);
        if (!table.text(FxHaircut).trimmed().isEmpty())
            a.fxHaircut = table.haircut(FxHaircut);
        if (!table.text(IssuerLimit).trimmed().isEmpty()) {
            const double limit = table.number(IssuerLimit);
            if (table.ok() && !(limit > 0.0 && limit <= 1.0))
                table.fail(IssuerLimit, tr("expected an issuer limit above 0 up to 1 (a fraction: 0.25 = 25%), got %1")
                                            .arg(table.text(IssuerLimit)));
            a.issuerLimit = limit;
        }
        a.excludedIssuer = table.text(ExcludedIssuer).trimmed().toString();
        if (!table.ok() || !admit(rows, seen, a.agreementId, a, table, tr("agreement %1").arg(a.agreementId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<EligibilityRule> eligibility(const QString &fileName, const QByteArray &utf8)
{
    enum { Agreement, Rule, Include, Class, Issuer, MinRating, MaxMaturity, Currencies, MainIndex, Haircut };
    CsvTable table(fileName, utf8, {QStringLiteral("agreement_id"), QStringLiteral("rule_id"), QStringLiteral("include"),
                                    QStringLiteral("asset_class"), QStringLiteral("issuer_type"),
                                    QStringLiteral("min_rating"), QStringLiteral("max_maturity_years"),
                                    QStringLiteral("currencies"), QStringLiteral("main_index"), QStringLiteral("haircut")});
    Rows<EligibilityRule> rows;
    QHash<std::pair<QString, QString>, qsizetype> seen;
    while (table.next()) {
        EligibilityRule r;
        r.agreementId = table.identifier(Agreement);
        r.ruleId = table.identifier(Rule);
        r.include = table.boolean(Include);
        const QStringView assetClass = table.text(Class).trimmed();
        if (!assetClass.isEmpty()) {
            r.assetClass = Instrument::assetClassFrom(assetClass);
            if (!r.assetClass)
                table.fail(Class, tr("expected bond, equity, fund, cash or nothing, got \"%1\"").arg(assetClass));
        }
        const QStringView issuer = table.text(Issuer).trimmed();
        if (!issuer.isEmpty()) {
            r.issuerType = Instrument::issuerTypeFrom(issuer);
            if (!r.issuerType)
                table.fail(Issuer, tr("expected sovereign, other, securitisation or nothing, got \"%1\"").arg(issuer));
        }
        r.minRating = table.text(MinRating).trimmed().toString();
        if (!r.minRating.isEmpty() && Rating::notch(r.minRating) < 0)
            table.fail(MinRating, tr("unknown rating \"%1\"; expected one of %2 or nothing")
                                      .arg(r.minRating, Rating::scale().join(u' ')));
        if (!table.text(MaxMaturity).trimmed().isEmpty()) {
            const double years = table.number(MaxMaturity);
            if (table.ok() && years < 0.0)
                table.fail(MaxMaturity, tr("expected a number of years of 0 or more, got %1").arg(table.text(MaxMaturity)));
            r.maxMaturityYears = years;
        }
        for (const QStringView code : table.text(Currencies).split(u' ', Qt::SkipEmptyParts)) {
            if (!Money::isCurrencyCode(code))
                table.fail(Currencies, tr("expected ISO currency codes separated by spaces, like \"EUR USD\", got \"%1\"")
                                           .arg(table.text(Currencies)));
            r.currencies << code.toString();
        }
        if (!table.text(MainIndex).trimmed().isEmpty())
            r.mainIndex = table.boolean(MainIndex);
        const bool hasHaircut = !table.text(Haircut).trimmed().isEmpty();
        if (table.ok() && r.include && !hasHaircut)
            table.fail(Haircut, tr("an inclusion rule needs a haircut (a fraction: 0.02 = 2%)"));
        else if (table.ok() && !r.include && hasHaircut)
            table.fail(Haircut, tr("an exclusion rule has no haircut; leave it empty"));
        else if (hasHaircut)
            r.haircut = table.haircut(Haircut);
        if (!table.ok()
            || !admit(rows, seen, std::pair(r.agreementId, r.ruleId), r, table,
                      tr("rule %1 of %2").arg(r.ruleId, r.agreementId)))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<CostRate> costRates(const QString &fileName, const QByteArray &utf8)
{
    enum { Id, Date, Rate };
    CsvTable table(fileName, utf8, {QStringLiteral("instrument_id"), QStringLiteral("business_date"), QStringLiteral("cost_rate")});
    Rows<CostRate> rows;
    QHash<std::pair<QString, QDate>, qsizetype> seen;
    while (table.next()) {
        CostRate c;
        c.instrumentId = table.identifier(Id);
        c.businessDate = table.date(Date);
        c.costRate = table.number(Rate);
        if (table.ok() && c.costRate < 0.0)
            table.fail(Rate, tr("expected a cost rate of 0 or more (a fraction a year: 0.035 = 3.5%), got %1").arg(table.text(Rate)));
        if (!table.ok()
            || !admit(rows, seen, std::pair(c.instrumentId, c.businessDate), c, table,
                      tr("the cost of %1 on %2").arg(c.instrumentId, c.businessDate.toString(Qt::ISODate))))
            break;
    }
    return finish(std::move(rows), table);
}

Rows<HaircutRule> haircutSchedule(const QString &fileName, const QByteArray &utf8)
{
    enum { Class, Issuer, RatingCol, Maturity, MainIndex, Haircut };
    CsvTable table(fileName, utf8, {QStringLiteral("asset_class"), QStringLiteral("issuer_type"),
                                    QStringLiteral("rating"), QStringLiteral("residual_maturity"),
                                    QStringLiteral("main_index"), QStringLiteral("haircut_percent")});
    Rows<HaircutRule> rows;
    while (table.next()) {
        HaircutRule rule;
        rule.line = table.line();
        const QStringView assetClass = table.text(Class).trimmed();
        if (!assetClass.isEmpty()) {
            rule.assetClass = Instrument::assetClassFrom(assetClass);
            if (!rule.assetClass)
                table.fail(Class, tr("expected bond, equity, fund, cash or nothing, got \"%1\"").arg(assetClass));
        }
        const QStringView issuer = table.text(Issuer).trimmed();
        if (!issuer.isEmpty()) {
            rule.issuerType = Instrument::issuerTypeFrom(issuer);
            if (!rule.issuerType)
                table.fail(Issuer, tr("expected sovereign, other, securitisation or nothing, got \"%1\"").arg(issuer));
        }
        const QStringView rating = table.text(RatingCol).trimmed();
        if (rating == u"unrated") {
            rule.unrated = true;
        } else if (!rating.isEmpty()) {
            const qsizetype dots = rating.indexOf(u"..");
            const QStringView best = dots < 0 ? rating : rating.first(dots);
            const QStringView worst = dots < 0 ? rating : rating.sliced(dots + 2);
            rule.bestNotch = Rating::notch(best);
            rule.worstNotch = Rating::notch(worst);
            if (rule.bestNotch < 0 || rule.worstNotch < 0 || rule.bestNotch > rule.worstNotch)
                table.fail(RatingCol, tr("expected a rating, a range best..worst like AAA..AA-, unrated or nothing, got \"%1\"").arg(rating));
        }
        const QStringView maturity = table.text(Maturity).trimmed();
        if (maturity == u"<=1y")
            rule.maturity = MaturityBucket::UpTo1Year;
        else if (maturity == u"1y-5y")
            rule.maturity = MaturityBucket::From1To5Years;
        else if (maturity == u">5y")
            rule.maturity = MaturityBucket::Over5Years;
        else if (!maturity.isEmpty())
            table.fail(Maturity, tr("expected <=1y, 1y-5y, >5y or nothing, got \"%1\"").arg(maturity));
        if (!table.text(MainIndex).trimmed().isEmpty())
            rule.mainIndex = table.boolean(MainIndex);
        const QStringView haircut = table.text(Haircut).trimmed();
        if (haircut != u"not eligible") {
            const double percent = table.number(Haircut);
            if (table.ok() && (percent < 0.0 || percent >= 100.0))
                table.fail(Haircut, tr("expected a haircut in percent from 0 up to (not including) 100, or \"not eligible\", got %1").arg(haircut));
            rule.haircut = percent / 100.0;
        }
        if (!table.ok())
            break;
        rows.rows.append(rule);
        rows.lines.append(table.line());
    }
    return finish(std::move(rows), table);
}

} // namespace ImportFiles
