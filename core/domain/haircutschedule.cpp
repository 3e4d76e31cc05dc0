#include "haircutschedule.h"

#include <QCoreApplication>

namespace {

// The vocabulary of rule descriptions: English words kept in the stored
// note, translated on screen (context "Note").
QString bucketText(MaturityBucket b)
{
    switch (b) {
    case MaturityBucket::Any: return {};
    case MaturityBucket::UpTo1Year: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "up to 1 year"));
    case MaturityBucket::From1To5Years: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "over 1 up to 5 years"));
    case MaturityBucket::Over5Years: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "over 5 years"));
    }
    return {};
}

// "sovereign bond", "non-sovereign bond", "securitisation bond".
QString bondKind(IssuerType issuer)
{
    switch (issuer) {
    case IssuerType::Sovereign: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "sovereign bond"));
    case IssuerType::Other: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "non-sovereign bond"));
    case IssuerType::Securitisation: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "securitisation bond"));
    case IssuerType::None: break;
    }
    return QStringLiteral(QT_TRANSLATE_NOOP("Note", "bond"));
}

QString assetClassText(AssetClass c)
{
    switch (c) {
    case AssetClass::Equity: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "equity"));
    case AssetClass::Fund: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "fund"));
    case AssetClass::Cash: return QStringLiteral(QT_TRANSLATE_NOOP("Note", "cash"));
    case AssetClass::Bond: break;
    }
    return QStringLiteral(QT_TRANSLATE_NOOP("Note", "bond"));
}

} // namespace

QString HaircutRule::describe() const
{
    QStringList parts;
    if (assetClass == AssetClass::Bond)
        parts << bondKind(issuerType.value_or(IssuerType::None));
    else if (assetClass)
        parts << assetClassText(*assetClass);
    if (mainIndex)
        parts << (*mainIndex ? QStringLiteral(QT_TRANSLATE_NOOP("Note", "in a main index"))
                             : QStringLiteral(QT_TRANSLATE_NOOP("Note", "not in a main index")));
    if (unrated)
        parts << QStringLiteral(QT_TRANSLATE_NOOP("Note", "unrated"));
    else if (worstNotch >= 0)
        parts << (bestNotch == worstNotch ? Rating::scale().at(bestNotch)
                                          : Rating::scale().at(bestNotch) + QStringLiteral("..") + Rating::scale().at(worstNotch));
    if (maturity != MaturityBucket::Any)
        parts << bucketText(maturity);
    return parts.join(Note::PartSeparator);
}

HaircutSchedule::HaircutSchedule(QList<HaircutRule> rules)
    : m_rules(std::move(rules))
{
    for (HaircutRule &rule : m_rules)
        rule.note = Notes::make(Notes::Schedule, {rule.describe()});
}

HaircutPolicy::HaircutPolicy(HaircutSchedule schedule, QHash<QString, double> overrides, double defaultHaircut)
    : m_schedule(std::move(schedule))
    , m_overrides(std::move(overrides))
    , m_defaultHaircut(defaultHaircut)
    , m_defaultNote(Notes::make(Notes::Default, {Notes::percent(defaultHaircut)}))
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
    if (!instrument)
        return {false, 0.0, Source::Default, Notes::make(Notes::NoReferenceData)};
    const auto override = m_overrides.constFind(instrumentId);
    if (override != m_overrides.cend())
        return {true, *override, Source::Override, Notes::make(Notes::Override, {Notes::percent(*override)})};

    if (instrument->assetClass == AssetClass::Bond) {
        // The schedule cannot place these bonds: not eligible, with the reason.
        if (!instrument->maturityDate.isValid())
            return {false, 0.0, Source::Schedule, Notes::make(Notes::BondNoMaturity)};
        if (instrument->maturityDate <= businessDate)
            return {false, 0.0, Source::Schedule, Notes::make(Notes::BondMatured, {instrument->maturityDate.toString(Qt::ISODate)})};
    }

    if (const HaircutRule *rule = m_schedule.match(*instrument, businessDate)) {
        if (!rule->haircut) {
            if (instrument->assetClass == AssetClass::Bond && instrument->rating.isEmpty())
                return {false, 0.0, Source::Schedule, Notes::make(Notes::BondNoRating)};
            const QString what = instrument->assetClass == AssetClass::Bond
                ? bondKind(instrument->issuerType) + Note::PartSeparator + QStringLiteral(QT_TRANSLATE_NOOP("Note", "rated"))
                      + Note::PartSeparator + instrument->rating
                : assetClassText(instrument->assetClass);
            return {false, 0.0, Source::Schedule, Notes::make(Notes::NotEligibleRule, {what, rule->describe()})};
        }
        return {true, *rule->haircut, Source::Schedule, rule->note};
    }
    return {true, m_defaultHaircut, Source::Default, m_defaultNote};
}
