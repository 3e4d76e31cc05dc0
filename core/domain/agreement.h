#pragma once

#include "collateralranking.h"
#include "instrument.h"
#include "money.h"
#include "note.h"
#include "quantity.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// A collateral agreement with a counterparty (DESIGN.md §2 "Collateral
// agreements"): GMRA for repo, GMSLA for securities lending, CSA for
// derivatives. Its eligibility schedule says what it accepts, at what
// contractual haircut; its issuer limit caps what one issuer may count for.
enum class AgreementType { GMRA, GMSLA, CSA };

struct Agreement
{
    QString agreementId;
    QString counterparty;
    AgreementType type = AgreementType::GMRA;
    QString baseCurrency;
    std::optional<double> fxHaircut;   // empty: the desk's
    std::optional<double> issuerLimit; // a fraction of the eligible total; empty: none
    QString excludedIssuer;            // the counterparty group's own paper

    static QString toString(AgreementType t);
    static std::optional<AgreementType> typeFrom(QStringView text);

    friend bool operator==(const Agreement &, const Agreement &) = default;
};

Q_DECLARE_METATYPE(Agreement)

// One rule of an agreement's eligibility schedule. Empty criteria match
// anything; a rule matches when all its non-empty criteria hold.
struct EligibilityRule
{
    QString agreementId;
    QString ruleId;
    bool include = true;
    std::optional<AssetClass> assetClass;
    std::optional<IssuerType> issuerType;
    QString minRating;                       // empty: any (an unrated instrument fails a non-empty one)
    std::optional<double> maxMaturityYears;  // (maturity − business date) days / 365.25 ≤ this
    QStringList currencies;                  // empty: any
    std::optional<bool> mainIndex;
    std::optional<double> haircut;           // inclusions only

    bool matches(const Instrument &instrument, const QDate &businessDate) const;
    // The same with the rating notches worked out beforehand (a ranking asks
    // every rule about every instrument): Rating::notch of the instrument's
    // rating (-1 when unrated) and of minRating (-1 when empty).
    bool matches(const Instrument &instrument, int instrumentNotch, int minNotch, const QDate &businessDate) const;
    // What the rule accepts or excludes, in the window's language, e.g.
    // "accepts bond, sovereign, AA- or better, at most 30 years, in GBP
    // EUR USD, at haircut 2%".
    QString describe() const;

    friend bool operator==(const EligibilityRule &, const EligibilityRule &) = default;
};

// The id of the rule that decided an item's eligibility under an agreement
// (its haircut, or its exclusion), read from the item's note; empty when no
// rule did (no reference data, own issue, not in the schedule, desk ranking).
QString decidingRuleId(const Note &note);

// The annual rate the desk gives up by delivering an instrument.
struct CostRate
{
    QString instrumentId;
    QDate businessDate;
    double costRate = 0.0;

    friend bool operator==(const CostRate &, const CostRate &) = default;
};

// What a ranking under an agreement needs besides the positions.
struct AgreementTerms
{
    Agreement agreement;
    QList<EligibilityRule> rules; // this agreement's
    double deskFxHaircut = 0.08;
    FxRates fx;
};

namespace RankingBuilder {

// The ranking of the snapshot under an agreement, in its base currency,
// with the issuer concentration limit applied (counted_value).
CollateralRanking buildUnderAgreement(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                                      const QList<RankingInput> &inputs, const AgreementTerms &terms);

} // namespace RankingBuilder

// One line of an allocation: what to deliver of one instrument.
struct AllocationLine
{
    int step = 0;
    QString instrumentId;
    QString name; // the instrument's, for the window; not exported
    QString currency;
    Quantity quantity = Quantity();
    double collateralValue = 0.0;     // agreement currency
    std::optional<double> costRate;
    std::optional<double> annualCost; // agreement currency
    double cumulativeValue = 0.0;
};

struct Allocation
{
    QString bookId;
    QDate businessDate;
    QString agreementId;
    QString currency;
    double amount = 0.0;
    QList<AllocationLine> lines;
    double shortfall = 0.0; // > 0 when the items ran out first
};

// Cheapest to deliver first: cost per unit of collateral value,
// cost_rate / (1 − haircut − fx_haircut), ascending; items without a cost
// after all costed ones; ties by rank. Whole quantities.
Allocation allocate(const CollateralRanking &ranking, const QHash<QString, double> &costRates, double amount);
