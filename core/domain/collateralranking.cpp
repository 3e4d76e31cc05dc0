#include "collateralranking.h"

#include <algorithm>

double CollateralRanking::totalValue() const
{
    double total = 0.0;
    for (const CollateralItem &item : items)
        total += item.collateralValue.value_or(0.0);
    return total;
}

qsizetype CollateralRanking::rankedCount() const
{
    return std::count_if(items.cbegin(), items.cend(), [](const CollateralItem &i) { return i.isRanked(); });
}

namespace RankingBuilder {

CollateralRanking build(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                        const QList<RankingInput> &inputs, const HaircutPolicy &policy)
{
    CollateralRanking ranking;
    ranking.bookId = bookId;
    ranking.businessDate = businessDate;
    ranking.snapshotTime = snapshotTime;
    ranking.defaultHaircut = policy.defaultHaircut();
    ranking.items.reserve(inputs.size());

    for (const RankingInput &in : inputs) {
        if (in.position.quantity <= 0.0)
            continue; // shorts are not collateral
        CollateralItem item;
        item.instrumentId = in.position.instrumentId;
        item.quantity = in.position.quantity;
        item.priceSource = in.marketPrice ? CollateralItem::PriceSource::Market : CollateralItem::PriceSource::Average;
        item.price = in.marketPrice.value_or(in.position.averagePrice);

        const Instrument *instrument = in.instrument ? &*in.instrument : nullptr;
        const HaircutDecision decision = policy.decide(item.instrumentId, instrument, businessDate);
        item.note = decision.note;
        if (decision.eligible) {
            const double scale = instrument && instrument->quotedInPercent() ? 100.0 : 1.0;
            item.haircut = decision.haircut;
            item.collateralValue = item.quantity * item.price * (1.0 - decision.haircut) / scale;
        }
        ranking.items.append(std::move(item));
    }

    std::sort(ranking.items.begin(), ranking.items.end(), [](const CollateralItem &a, const CollateralItem &b) {
        if (a.collateralValue.has_value() != b.collateralValue.has_value())
            return a.collateralValue.has_value();
        if (a.collateralValue && *a.collateralValue != *b.collateralValue)
            return *a.collateralValue > *b.collateralValue;
        return a.instrumentId < b.instrumentId;
    });
    int rank = 0;
    for (CollateralItem &item : ranking.items) {
        if (item.collateralValue)
            item.rank = ++rank;
    }
    return ranking;
}

} // namespace RankingBuilder
