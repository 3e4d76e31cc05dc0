#include "haircutschedule.h"

#include <QCoreApplication>

namespace {

QString bucketText(MaturityBucket b)
{
    switch (b) {
    case MaturityBucket::Any: return {};
    case MaturityBucket::UpTo1Year: return QCoreApplication::translate("Haircut", "up to 1 year");
    case MaturityBucket::From1To5Years: return QCoreApplication::translate("Haircut", "over 1 up to 5 years");
    case MaturityBucket::Over5Years: return QCoreApplication::translate("Haircut", "over 5 years");
    }
    return {};
}

// "sovereign bond", "non-sovereign bond", "securitisation bond".
QString bondKind(IssuerType issuer)
{
    switch (issuer) {
    case IssuerType::Sovereign: return QCoreApplication::translate("Haircut", "sovereign bond");
    case IssuerType::Other: return QCoreApplication::translate("Haircut", "non-sovereign bond");
    case IssuerType::Securitisation: return QCoreApplication::translate("Haircut", "securitisation bond");
    case IssuerType::None: break;
    }
    return QCoreApplication::translate("Haircut", "bond");
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'g', 6) + u'%';
}

} // namespace

QString HaircutRule::describe() const
{
    QStringList parts;
    if (assetClass == AssetClass::Bond)
        parts << bondKind(issuerType.value_or(IssuerType::None));
    else if (assetClass)
        parts << Instrument::toString(*assetClass);
    if (mainIndex)
        parts << (*mainIndex ? QCoreApplication::translate("Haircut", "in a main index") : QCoreApplication::translate("Haircut", "not in a main index"));
    if (unrated)
        parts << QCoreApplication::translate("Haircut", "unrated");
    else if (worstNotch >= 0)
        parts << (bestNotch == worstNotch ? Rating::scale().at(bestNotch)
                                          : QCoreApplication::translate("Haircut", "%1 to %2").arg(Rating::scale().at(bestNotch), Rating::scale().at(worstNotch)));
    if (maturity != MaturityBucket::Any)
        parts << bucketText(maturity);
    return parts.join(u' ');
}

HaircutSchedule::HaircutSchedule(QList<HaircutRule> rules)
    : m_rules(std::move(rules))
{
    for (HaircutRule &rule : m_rules)
        rule.note = QCoreApplication::translate("Haircut", "schedule: %1").arg(rule.describe());
}

HaircutPolicy::HaircutPolicy(HaircutSchedule schedule, QHash<QString, double> overrides, double defaultHaircut)
    : m_schedule(std::move(schedule))
    , m_overrides(std::move(overrides))
    , m_defaultHaircut(defaultHaircut)
    , m_defaultNote(QCoreApplication::translate("Haircut", "default haircut %1").arg(percent(defaultHaircut)))
    , m_noReferenceNote(QCoreApplication::translate("Haircut", "no reference data: default haircut %1").arg(percent(defaultHaircut)))
{
}

MaturityBucket HaircutSchedule::bucket(const QDate &businessDate, const QDate &maturity)
{
    const double years = double(businessDate.daysTo(maturity)) / 365.25;
    if (years <= 1.0)
        return MaturityBucket::UpTo1Year;
    if (years <= 5.0)
        return MaturityBucket::From1To5Years;
    return MaturityBucket::Over5Years;
}

const HaircutRule *HaircutSchedule::match(const Instrument &instrument, const QDate &businessDate) const
{
    const int notch = instrument.rating.isEmpty() ? -1 : Rating::notch(instrument.rating);
    for (const HaircutRule &rule : m_rules) {
        if (rule.assetClass && *rule.assetClass != instrument.assetClass)
            continue;
        if (rule.issuerType && *rule.issuerType != instrument.issuerType)
            continue;
        if (rule.unrated && notch >= 0)
            continue;
        if (rule.worstNotch >= 0 && (notch < rule.bestNotch || notch > rule.worstNotch))
            continue;
        if (rule.mainIndex && *rule.mainIndex != instrument.mainIndex)
            continue;
        if (rule.maturity != MaturityBucket::Any
            && (!instrument.maturityDate.isValid() || bucket(businessDate, instrument.maturityDate) != rule.maturity))
            continue;
        return &rule;
    }
    return nullptr;
}

HaircutDecision HaircutPolicy::decide(const QString &instrumentId, const Instrument *instrument,
                                      const QDate &businessDate) const
{
    using Source = HaircutDecision::Source;
    const auto override = m_overrides.constFind(instrumentId);
    if (override != m_overrides.cend())
        return {true, *override, Source::Override, QCoreApplication::translate("Haircut", "desk override %1").arg(percent(*override))};

    if (!instrument)
        return {true, m_defaultHaircut, Source::Default, m_noReferenceNote};

    if (instrument->assetClass == AssetClass::Bond) {
        // The schedule cannot place these bonds: not eligible, with the reason.
        if (!instrument->maturityDate.isValid())
            return {false, 0.0, Source::Schedule, QCoreApplication::translate("Haircut", "bond without maturity date is not eligible")};
        if (instrument->maturityDate <= businessDate)
            return {false, 0.0, Source::Schedule,
                    QCoreApplication::translate("Haircut", "bond matured on %1 is not eligible").arg(instrument->maturityDate.toString(Qt::ISODate))};
    }

    if (const HaircutRule *rule = m_schedule.match(*instrument, businessDate)) {
        if (!rule->haircut) {
            if (instrument->assetClass == AssetClass::Bond && instrument->rating.isEmpty())
                return {false, 0.0, Source::Schedule, QCoreApplication::translate("Haircut", "bond without rating is not eligible")};
            const QString what = instrument->assetClass == AssetClass::Bond
                ? QCoreApplication::translate("Haircut", "%1 rated %2").arg(bondKind(instrument->issuerType), instrument->rating)
                : Instrument::toString(instrument->assetClass);
            return {false, 0.0, Source::Schedule, QCoreApplication::translate("Haircut", "%1 is not eligible (%2)").arg(what, rule->note)};
        }
        return {true, *rule->haircut, Source::Schedule, rule->note};
    }
    return {true, m_defaultHaircut, Source::Default, m_defaultNote};
}
