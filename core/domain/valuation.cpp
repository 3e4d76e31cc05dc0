#include "valuation.h"

#include <QMap>

#include <algorithm>

std::optional<double> MarketContext::marketPrice(const QString &instrumentId) const
{
    const auto price = prices.constFind(instrumentId);
    if (price != prices.cend())
        return *price;
    const auto instrument = instruments.constFind(instrumentId);
    if (instrument != instruments.cend() && instrument->assetClass == AssetClass::Cash)
        return 1.0;
    return std::nullopt;
}

ValuedPosition MarketContext::value(const Position &position) const
{
    ValuedPosition v;
    v.position = position;
    v.baseCurrency = baseCurrency;
    const auto it = instruments.constFind(position.instrumentId);
    const Instrument *instrument = it == instruments.cend() ? nullptr : &*it;
    auto money = [&](double priceUnits) { return instrument ? instrument->toMoney(priceUnits) : priceUnits; };
    const double q = position.quantity.toDouble();
    if (instrument) {
        v.name = instrument->name;
        v.currency = instrument->currency;
    }
    v.costValue = money(q * position.averagePrice);
    v.realizedPnl = money(position.realizedPnl);
    v.marketPrice = marketPrice(position.instrumentId);
    if (v.marketPrice) {
        v.marketValue = money(q * *v.marketPrice);
        v.unrealizedPnl = money(q * (*v.marketPrice - position.averagePrice));
    }
    if (instrument) {
        v.fxRate = fx.factor(instrument->currency, baseCurrency, businessDate);
        if (v.fxRate && v.marketValue)
            v.marketValueBase = *v.marketValue * *v.fxRate;
    }
    return v;
}

ValuedPositionList MarketContext::value(const PositionList &positions) const
{
    ValuedPositionList result;
    result.reserve(positions.size());
    for (const Position &p : positions)
        result.append(value(p));
    return result;
}

BookTotals BookTotals::of(const ValuedPositionList &positions, const QString &baseCurrency)
{
    BookTotals totals;
    totals.baseCurrency = baseCurrency;
    for (const ValuedPosition &v : positions) {
        if (!v.fxRate) {
            if (!v.position.isFlat() || v.position.realizedPnl != 0.0)
                ++totals.leftOut;
            continue;
        }
        totals.realizedPnl += v.realizedPnl * *v.fxRate;
        if (v.position.isFlat())
            continue;
        if (!v.marketValue) {
            ++totals.leftOut;
            continue;
        }
        totals.marketValue += *v.marketValue * *v.fxRate;
        totals.unrealizedPnl += *v.unrealizedPnl * *v.fxRate;
    }
    return totals;
}

void CurrencyTotals::add(const ValuedPosition &v)
{
    // A desk has a handful of currencies: a short list, the last one used
    // tried first (a map look-up per row was most of summing 100,000 rows).
    if (m_last >= m_byCurrency.size() || m_byCurrency.at(m_last).currency != v.currency) {
        const auto it = std::find_if(m_byCurrency.cbegin(), m_byCurrency.cend(),
                                     [&v](const CurrencyTotal &t) { return t.currency == v.currency; });
        m_last = it - m_byCurrency.cbegin();
        if (it == m_byCurrency.cend())
            m_byCurrency.append(CurrencyTotal{v.currency});
    }
    CurrencyTotal &t = m_byCurrency[m_last];
    t.realizedPnl += v.realizedPnl;
    if (v.position.isFlat())
        return;
    ++t.positions;
    t.costValue += v.costValue;
    if (!v.marketValue) {
        ++t.unpriced;
        return;
    }
    t.marketValue += *v.marketValue;
    t.unrealizedPnl += *v.unrealizedPnl;
}

QList<CurrencyTotal> CurrencyTotals::totals() const
{
    QList<CurrencyTotal> totals = m_byCurrency;
    std::sort(totals.begin(), totals.end(), [](const CurrencyTotal &a, const CurrencyTotal &b) { return a.currency < b.currency; });
    return totals;
}

QList<CurrencyTotal> totalsByCurrency(const ValuedPositionList &positions)
{
    CurrencyTotals totals;
    for (const ValuedPosition &v : positions)
        totals.add(v);
    return totals.totals();
}
