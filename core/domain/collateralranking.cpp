#include "collateralranking.h"

#include <algorithm>
#include <numeric>
#include <vector>

double CollateralRanking::totalValue() const
{
    double total = 0.0;
    for (const CollateralItem &item : items)
        total += item.countedValue.value_or(0.0);
    return total;
}

qsizetype CollateralRanking::rankedCount() const
{
    return std::count_if(items.cbegin(), items.cend(), [](const CollateralItem &i) { return i.isRanked(); });
}

namespace RankingBuilder {

CollateralItem itemFor(const RankingInput &in)
{
    CollateralItem item;
    item.instrumentId = in.position.instrumentId;
    item.quantity = in.position.quantity;
    std::optional<double> marketPrice = in.marketPrice;
    if (!marketPrice && in.instrument && in.instrument->assetClass == AssetClass::Cash)
        marketPrice = 1.0;
    item.priceSource = marketPrice ? CollateralItem::PriceSource::Market : CollateralItem::PriceSource::Average;
    item.price = marketPrice.value_or(in.position.averagePrice);
    return item;
}

void order(CollateralRanking &ranking)
{
    // An item is large (strings, optionals, a note): sort their positions,
    // then move each item once into its place.
    const QList<CollateralItem> &items = ranking.items;
    std::vector<qsizetype> byRank(size_t(items.size()));
    std::iota(byRank.begin(), byRank.end(), qsizetype(0));
    std::sort(byRank.begin(), byRank.end(), [&items](qsizetype x, qsizetype y) {
        const CollateralItem &a = items.at(x);
        const CollateralItem &b = items.at(y);
        if (a.collateralValue.has_value() != b.collateralValue.has_value())
            return a.collateralValue.has_value();
        if (a.collateralValue && *a.collateralValue != *b.collateralValue)
            return *a.collateralValue > *b.collateralValue;
        return a.instrumentId < b.instrumentId;
    });
    QList<CollateralItem> ordered;
    ordered.reserve(items.size());
    int rank = 0;
    for (const qsizetype i : byRank) {
        ordered.append(std::move(ranking.items[i]));
        if (ordered.constLast().collateralValue)
            ordered.last().rank = ++rank;
    }
    ranking.items = std::move(ordered);
}

CollateralRanking build(const QString &bookId, const QDate &businessDate, const QDateTime &snapshotTime,
                        const QList<RankingInput> &inputs, const HaircutPolicy &policy, const RankingTerms &terms)
{
    CollateralRanking ranking;
    ranking.bookId = bookId;
    ranking.businessDate = businessDate;
    ranking.currency = terms.currency;
    ranking.snapshotTime = snapshotTime;
    ranking.defaultHaircut = policy.defaultHaircut();
    ranking.fxHaircut = terms.fxHaircut;
    ranking.items.reserve(inputs.size());

    // Most notes and rates repeat: one note and one FX look-up per currency.
    QHash<QString, Note> noRateNotes;
    QHash<QString, std::optional<double>> rates;
    const QString day = businessDate.toString(Qt::ISODate);

    for (const RankingInput &in : inputs) {
        if (!in.position.quantity.isPositive())
            continue; // shorts are not collateral
        CollateralItem item = itemFor(in);

        if (!in.instrument) {
            item.note = Notes::make(Notes::NoReferenceData);
            ranking.items.append(std::move(item));
            continue;
        }
        const Instrument &instrument = *in.instrument;
        item.name = instrument.name;
        item.currency = instrument.currency;
        item.marketValue = instrument.toMoney(item.quantity.toDouble() * item.price);

        const HaircutDecision decision = policy.decide(item.instrumentId, &instrument, businessDate);
        item.note = decision.note;
        if (!decision.eligible) {
            ranking.items.append(std::move(item));
            continue;
        }
        auto rate = rates.constFind(instrument.currency);
        if (rate == rates.cend())
            rate = rates.insert(instrument.currency, terms.fx.factor(instrument.currency, terms.currency, businessDate));
        item.fxRate = *rate;
        if (!item.fxRate) {
            auto note = noRateNotes.constFind(instrument.currency);
            if (note == noRateNotes.cend())
                note = noRateNotes.insert(instrument.currency,
                                          Notes::make(Notes::NoFxRate, {instrument.currency, terms.currency, day}));
            item.note = *note;
            ranking.items.append(std::move(item));
            continue;
        }
        const double fxHaircut = instrument.currency == terms.currency ? 0.0 : terms.fxHaircut;
        if (decision.haircut + fxHaircut >= 1.0) {
            item.note = Notes::make(Notes::HaircutsTooHigh, {Notes::percent(decision.haircut), Notes::percent(fxHaircut)});
            ranking.items.append(std::move(item));
            continue;
        }
        item.haircut = decision.haircut;
        item.fxHaircut = fxHaircut;
        item.collateralValue = *item.marketValue * *item.fxRate * (1.0 - decision.haircut - fxHaircut);
        item.countedValue = item.collateralValue;
        ranking.items.append(std::move(item));
    }

    order(ranking);
    return ranking;
}

} // namespace RankingBuilder

void RankingTotals::add(const CollateralItem &item)
{
    if (!item.isRanked()) {
        ++ineligible;
        return;
    }
    ++ranked;
    collateralValue += item.collateralValue.value_or(0.0);
    countedValue += item.countedValue.value_or(0.0);
}
