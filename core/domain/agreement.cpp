#include "agreement.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <vector>

QString Agreement::toString(AgreementType t)
{
    switch (t) {
    case AgreementType::GMRA: return QStringLiteral("GMRA");
    case AgreementType::GMSLA: return QStringLiteral("GMSLA");
    case AgreementType::CSA: return QStringLiteral("CSA");
    }
    return {};
}

std::optional<AgreementType> Agreement::typeFrom(QStringView text)
{
    for (const AgreementType t : {AgreementType::GMRA, AgreementType::GMSLA, AgreementType::CSA}) {
        if (text == toString(t))
            return t;
    }
    return std::nullopt;
}

bool EligibilityRule::matches(const Instrument &instrument, const QDate &businessDate) const
{
    return matches(instrument, instrument.rating.isEmpty() ? -1 : Rating::notch(instrument.rating),
                   minRating.isEmpty() ? -1 : Rating::notch(minRating), businessDate);
}

bool EligibilityRule::matches(const Instrument &instrument, int instrumentNotch, int minNotch, const QDate &businessDate) const
{
    if (assetClass && *assetClass != instrument.assetClass)
        return false;
    if (issuerType && *issuerType != instrument.issuerType)
        return false;
    // At least as good: a notch at or above the minimum on the scale.
    if (!minRating.isEmpty() && (instrumentNotch < 0 || instrumentNotch > minNotch))
        return false;
    if (maxMaturityYears) {
        if (!instrument.maturityDate.isValid())
            return false;
        if (double(businessDate.daysTo(instrument.maturityDate)) / 365.25 > *maxMaturityYears)
            return false;
    }
    if (!currencies.isEmpty() && !currencies.contains(instrument.currency))
        return false;
    if (mainIndex && *mainIndex != instrument.mainIndex)
        return false;
    return true;
}

QString EligibilityRule::describe() const
{
    QStringList what;
    if (assetClass)
        what << Instrument::toString(*assetClass);
    if (issuerType)
        what << Instrument::toString(*issuerType);
    if (!minRating.isEmpty())
        what << QCoreApplication::translate("EligibilityRule", "%1 or better").arg(minRating);
    if (maxMaturityYears)
        what << QCoreApplication::translate("EligibilityRule", "at most %1 years to maturity")
                    .arg(QString::number(*maxMaturityYears, 'g', 6));
    if (!currencies.isEmpty())
        what << QCoreApplication::translate("EligibilityRule", "in %1").arg(currencies.join(u' '));
    if (mainIndex)
        what << (*mainIndex ? QCoreApplication::translate("EligibilityRule", "in a main index")
                            : QCoreApplication::translate("EligibilityRule", "not in a main index"));
    const QString criteria = what.isEmpty() ? QCoreApplication::translate("EligibilityRule", "anything") : what.join(QStringLiteral(", "));
    if (!include)
        return QCoreApplication::translate("EligibilityRule", "excludes %1").arg(criteria);
    return haircut ? QCoreApplication::translate("EligibilityRule", "accepts %1 at haircut %2").arg(criteria, Notes::percent(*haircut))
                   : QCoreApplication::translate("EligibilityRule", "accepts %1").arg(criteria);
}

QString decidingRuleId(const Note &note)
{
    // Each of these templates has the rule id as its first argument.
    const bool byRule = note.templ == QLatin1String(Notes::AgreementRule)
        || note.templ == QLatin1String(Notes::AgreementRuleCut) || note.templ == QLatin1String(Notes::ExcludedByRule);
    return byRule && !note.args.isEmpty() ? note.args.constFirst() : QString();
}

namespace RankingBuilder {

namespace {

QString money(double v)
{
    return QString::number(v, 'f', 2);
}

} // namespace

CollateralRanking buildUnderAgreement(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                                      const QList<RankingInput> &inputs, const AgreementTerms &terms)
{
    const Agreement &a = terms.agreement;
    CollateralRanking ranking;
    ranking.bookId = bookId;
    ranking.businessDate = businessDate;
    ranking.agreementId = a.agreementId;
    ranking.currency = a.baseCurrency;
    ranking.snapshotTime = snapshotTime;
    ranking.defaultHaircut = 0.0; // contractual haircuts only
    ranking.fxHaircut = a.fxHaircut.value_or(terms.deskFxHaircut);
    ranking.items.reserve(inputs.size());
    const QString day = businessDate.toString(Qt::ISODate);
    QHash<QString, std::optional<double>> rates; // one FX look-up per currency

    // Rules in id order (the first of the largest haircuts is the smallest
    // id), each with its minimum notch and its note made once: a ranking
    // asks every rule about every instrument.
    struct PreparedRule
    {
        const EligibilityRule *rule;
        int minNotch;
        Note note;
    };
    QList<PreparedRule> exclusions;
    QList<PreparedRule> inclusions;
    for (const EligibilityRule &r : terms.rules) {
        const int minNotch = r.minRating.isEmpty() ? -1 : Rating::notch(r.minRating);
        if (r.include)
            inclusions.append({&r, minNotch, Notes::make(Notes::AgreementRule, {r.ruleId, a.agreementId, Notes::percent(*r.haircut)})});
        else
            exclusions.append({&r, minNotch, Notes::make(Notes::ExcludedByRule, {r.ruleId})});
    }
    for (QList<PreparedRule> *list : {&exclusions, &inclusions})
        std::sort(list->begin(), list->end(), [](const PreparedRule &x, const PreparedRule &y) { return x.rule->ruleId < y.rule->ruleId; });
    const Note ownIssue = Notes::make(Notes::OwnIssue);
    const Note notInSchedule = Notes::make(Notes::NotInSchedule, {a.agreementId});
    const Note noReferenceData = Notes::make(Notes::NoReferenceData);
    // The issuer of each eligible item, by instrument (items are ordered below).
    QHash<QString, QString> issuerOf;

    for (const RankingInput &in : inputs) {
        if (!in.position.quantity.isPositive())
            continue;
        CollateralItem item = itemFor(in);
        auto notEligible = [&](Note note) {
            item.note = std::move(note);
            ranking.items.append(item);
        };
        if (!in.instrument) {
            notEligible(noReferenceData);
            continue;
        }
        const Instrument &instrument = *in.instrument;
        item.name = instrument.name;
        item.currency = instrument.currency;
        item.marketValue = instrument.toMoney(item.quantity.toDouble() * item.price);

        if (!a.excludedIssuer.isEmpty() && instrument.issuer == a.excludedIssuer) {
            notEligible(ownIssue);
            continue;
        }
        const int notch = instrument.rating.isEmpty() ? -1 : Rating::notch(instrument.rating);
        const auto excluded = std::find_if(exclusions.cbegin(), exclusions.cend(), [&](const PreparedRule &r) {
            return r.rule->matches(instrument, notch, r.minNotch, businessDate);
        });
        if (excluded != exclusions.cend()) {
            notEligible(excluded->note);
            continue;
        }
        const PreparedRule *decisive = nullptr;
        for (const PreparedRule &r : std::as_const(inclusions)) {
            if ((!decisive || *r.rule->haircut > *decisive->rule->haircut) && r.rule->matches(instrument, notch, r.minNotch, businessDate))
                decisive = &r;
        }
        if (!decisive) {
            notEligible(notInSchedule);
            continue;
        }
        auto rate = rates.constFind(instrument.currency);
        if (rate == rates.cend())
            rate = rates.insert(instrument.currency, terms.fx.factor(instrument.currency, a.baseCurrency, businessDate));
        item.fxRate = *rate;
        if (!item.fxRate) {
            notEligible(Notes::make(Notes::NoFxRate, {instrument.currency, a.baseCurrency, day}));
            continue;
        }
        const double haircut = *decisive->rule->haircut;
        const double fxHaircut = instrument.currency == a.baseCurrency ? 0.0 : ranking.fxHaircut;
        if (haircut + fxHaircut >= 1.0) {
            item.fxRate.reset();
            notEligible(Notes::make(Notes::HaircutsTooHigh, {Notes::percent(haircut), Notes::percent(fxHaircut)}));
            continue;
        }
        item.haircut = haircut;
        item.fxHaircut = fxHaircut;
        item.collateralValue = *item.marketValue * *item.fxRate * (1.0 - haircut - fxHaircut);
        item.countedValue = item.collateralValue;
        item.note = decisive->note;
        if (a.issuerLimit)
            issuerOf.insert(item.instrumentId, instrument.issuer.isEmpty() ? item.instrumentId : instrument.issuer);
        ranking.items.append(std::move(item));
    }

    order(ranking);
    double total = 0.0;
    for (const CollateralItem &item : std::as_const(ranking.items))
        total += item.collateralValue.value_or(0.0);

    // Issuer concentration: each issuer (the instrument itself when it has
    // none) counts for at most L × T, walking the items in rank order.
    if (a.issuerLimit) {
        const double cap = *a.issuerLimit * total;
        QHash<QString, double> used;
        for (CollateralItem &item : ranking.items) {
            if (!item.collateralValue)
                continue;
            const QString issuer = issuerOf.value(item.instrumentId);
            double &taken = used[issuer];
            const double counted = std::max(0.0, std::min(*item.collateralValue, cap - taken));
            taken += counted;
            item.countedValue = counted;
            if (counted < *item.collateralValue) {
                item.note = Notes::make(Notes::AgreementRuleCut,
                                        {item.note.args.value(0), a.agreementId, item.note.args.value(2), money(counted),
                                         Notes::percent(*a.issuerLimit), issuer});
            }
        }
    }
    return ranking;
}

} // namespace RankingBuilder

Allocation allocate(const CollateralRanking &ranking, const QHash<QString, double> &costRates, double amount)
{
    Allocation result;
    result.bookId = ranking.bookId;
    result.businessDate = ranking.businessDate;
    result.agreementId = ranking.agreementId;
    result.currency = ranking.currency;
    result.amount = amount;

    // Each ranked item with its cost per unit of collateral value, looked up
    // once (not in the comparator).
    struct Candidate
    {
        const CollateralItem *item;
        std::optional<double> costRate;
        std::optional<double> costPerUnit;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(size_t(ranking.items.size()));
    for (const CollateralItem &i : ranking.items) {
        if (!i.isRanked())
            continue;
        const auto rate = costRates.constFind(i.instrumentId);
        if (rate == costRates.cend())
            candidates.push_back({&i, std::nullopt, std::nullopt});
        else
            candidates.push_back({&i, *rate, *rate / (1.0 - *i.haircut - *i.fxHaircut)});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate &x, const Candidate &y) {
        if (x.costPerUnit.has_value() != y.costPerUnit.has_value())
            return x.costPerUnit.has_value();
        if (x.costPerUnit && *x.costPerUnit != *y.costPerUnit)
            return *x.costPerUnit < *y.costPerUnit;
        return x.item->rank < y.item->rank;
    });

    double left = amount;
    double cumulative = 0.0;
    for (const Candidate &candidate : candidates) {
        if (left <= 0.0)
            break;
        const CollateralItem *i = candidate.item;
        const double q = i->quantity.toDouble();
        // Price × f in the instrument's currency, per unit of quantity.
        const double perUnit = *i->marketValue / q;
        const double unit = perUnit * *i->fxRate * (1.0 - *i->haircut - *i->fxHaircut);
        if (!(unit > 0.0))
            continue;
        // All of it, or what the issuer cap leaves when it cut the item.
        Quantity available = i->quantity;
        if (*i->countedValue < *i->collateralValue)
            available = Quantity::units(qint64(std::floor(*i->countedValue / unit)));
        const double needed = std::ceil(left / unit);
        const Quantity give = needed >= available.toDouble() ? available : Quantity::units(qint64(needed));
        if (!give.isPositive())
            continue;
        AllocationLine line;
        line.step = int(result.lines.size()) + 1;
        line.instrumentId = i->instrumentId;
        line.name = i->name;
        line.currency = i->currency;
        line.quantity = give;
        line.collateralValue = give.toDouble() * unit;
        if (candidate.costRate) {
            line.costRate = candidate.costRate;
            line.annualCost = give.toDouble() * perUnit * *i->fxRate * *candidate.costRate;
        }
        left -= line.collateralValue;
        cumulative += line.collateralValue;
        line.cumulativeValue = cumulative;
        result.lines.append(std::move(line));
    }
    result.shortfall = std::max(0.0, left);
    return result;
}
