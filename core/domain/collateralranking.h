#pragma once

#include "haircutschedule.h"
#include "instrument.h"
#include "position.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// One line of a collateral ranking. Ineligible items have no rank, haircut
// or value; their note says why.
struct CollateralItem
{
    enum class PriceSource { Market, Average };

    int rank = 0; // 1 = most valuable; 0 = not ranked (not eligible)
    QString instrumentId;
    double quantity = 0.0;
    double price = 0.0;
    PriceSource priceSource = PriceSource::Average;
    std::optional<double> haircut;
    std::optional<double> collateralValue;
    QString note;

    bool isRanked() const { return rank > 0; }
    static QString toString(PriceSource s) { return s == PriceSource::Market ? QStringLiteral("market") : QStringLiteral("average"); }

    friend bool operator==(const CollateralItem &, const CollateralItem &) = default;
};

// The ranking of a book's end-of-day snapshot: ranked items first (value
// descending, ties by instrument id), then the ineligible ones.
struct CollateralRanking
{
    QString bookId;
    QDate businessDate;
    QDateTime snapshotTime; // the snapshot it was built from
    QDateTime builtAt;
    double defaultHaircut = 0.10;
    QList<CollateralItem> items;

    double totalValue() const;
    qsizetype rankedCount() const;
};

Q_DECLARE_METATYPE(CollateralRanking)

// What the ranking of one snapshot position needs.
struct RankingInput
{
    Position position;
    std::optional<Instrument> instrument; // nullopt: no reference data
    std::optional<double> marketPrice;    // latest on or before the business date
};

namespace RankingBuilder {

// Long positions only; DESIGN.md §2 "Collateral ranking".
CollateralRanking build(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                        const QList<RankingInput> &inputs, const HaircutPolicy &policy);

} // namespace RankingBuilder
