#pragma once

#include "haircutschedule.h"
#include "instrument.h"
#include "money.h"
#include "note.h"
#include "position.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// One line of a collateral ranking (DESIGN.md §2). Money is in the
// instrument's currency (marketValue) and in the ranking's currency
// (collateralValue, countedValue). Ineligible items have no rank, haircut
// or value; their note says why.
struct CollateralItem
{
    enum class PriceSource { Market, Average };

    int rank = 0; // 1 = most valuable; 0 = not ranked (not eligible)
    QString instrumentId;
    QString name;     // the instrument's today, for the window; not stored
    QString currency; // the instrument's; empty without reference data
    Quantity quantity = Quantity();
    double price = 0.0;
    PriceSource priceSource = PriceSource::Average;
    std::optional<double> marketValue; // quantity × price × f, instrument currency
    std::optional<double> fxRate;      // instrument currency → ranking currency
    std::optional<double> haircut;
    std::optional<double> fxHaircut;
    std::optional<double> collateralValue; // ranking currency
    std::optional<double> countedValue;    // after concentration limits
    Note note;

    bool isRanked() const { return rank > 0; }
    static QString toString(PriceSource s) { return s == PriceSource::Market ? QStringLiteral("market") : QStringLiteral("average"); }

    friend bool operator==(const CollateralItem &, const CollateralItem &) = default;
};

// The ranking of a book's end-of-day snapshot in one currency (the book's
// base currency for the desk ranking): ranked items first (value
// descending, ties by instrument id), then the ineligible ones.
struct CollateralRanking
{
    QString bookId;
    QDate businessDate;
    QString agreementId; // empty: the desk ranking
    QString currency;    // of collateral and counted values
    QDateTime snapshotTime; // the snapshot it was built from
    QDateTime builtAt;
    double defaultHaircut = 0.10;
    double fxHaircut = 0.08;
    QList<CollateralItem> items;

    // Σ counted value, in `currency`.
    double totalValue() const;
    qsizetype rankedCount() const;
};

Q_DECLARE_METATYPE(CollateralRanking)

// Sums over some items of one ranking (the rows a table shows), in the
// ranking's currency: every collateral and counted value is already in it.
struct RankingTotals
{
    double collateralValue = 0.0;
    double countedValue = 0.0;
    int ranked = 0;
    int ineligible = 0;

    void add(const CollateralItem &item);
};

// What the ranking of one snapshot position needs.
struct RankingInput
{
    Position position;
    std::optional<Instrument> instrument; // nullopt: no reference data
    std::optional<double> marketPrice;    // latest on or before the business date
};

// The desk's valuation terms of a ranking.
struct RankingTerms
{
    QString currency;       // the book's base currency
    double fxHaircut = 0.08; // when the instrument's currency differs
    FxRates fx;
};

namespace RankingBuilder {

// The line of a long position before eligibility: quantity and price (its
// market price — cash without one at 1 — else the average, with the source).
CollateralItem itemFor(const RankingInput &in);
// Ranked items by collateral value descending, ties by instrument id, then
// the ineligible ones by id; ranks 1, 2, … on the ranked ones.
void order(CollateralRanking &ranking);

// Long positions only; DESIGN.md §2 "Collateral ranking".
CollateralRanking build(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                        const QList<RankingInput> &inputs, const HaircutPolicy &policy, const RankingTerms &terms);

} // namespace RankingBuilder
