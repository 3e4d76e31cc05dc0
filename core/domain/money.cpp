#include "money.h"

#include <algorithm>

namespace Money {

int minorUnits(QStringView currency)
{
    if (currency == u"JPY" || currency == u"KRW")
        return 0;
    if (currency == u"BHD" || currency == u"KWD" || currency == u"OMR" || currency == u"JOD" || currency == u"TND")
        return 3;
    return 2;
}

bool isCurrencyCode(QStringView text)
{
    return text.size() == 3 && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

} // namespace Money

FxRates::FxRates(const QList<FxRate> &rates)
{
    for (const FxRate &r : rates)
        m_byPair[r.pair].append({r.businessDate, r.rate});
    for (auto &list : m_byPair)
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
}

std::optional<FxRates::Found> FxRates::latest(const QString &pair, const QDate &date) const
{
    const auto it = m_byPair.constFind(pair);
    if (it == m_byPair.cend())
        return std::nullopt;
    // The first close after `date`; the one before it is the latest on or before.
    const auto after = std::upper_bound(it->cbegin(), it->cend(), date,
                                        [](const QDate &d, const auto &entry) { return d < entry.first; });
    if (after == it->cbegin())
        return std::nullopt;
    return Found{std::prev(after)->first, std::prev(after)->second};
}

std::optional<double> FxRates::leg(const QString &from, const QString &to, const QDate &date) const
{
    if (from == to)
        return 1.0;
    const auto direct = latest(from + to, date);
    const auto inverse = latest(to + from, date);
    if (direct && (!inverse || direct->date >= inverse->date))
        return direct->factor;
    if (inverse)
        return 1.0 / inverse->factor;
    return std::nullopt;
}

std::optional<double> FxRates::factor(const QString &from, const QString &to, const QDate &date) const
{
    if (from.isEmpty() || to.isEmpty())
        return std::nullopt;
    if (const auto direct = leg(from, to, date))
        return direct;
    const QString usd = QStringLiteral("USD");
    if (from == usd || to == usd)
        return std::nullopt;
    const auto toUsd = leg(from, usd, date);
    const auto fromUsd = leg(usd, to, date);
    if (toUsd && fromUsd)
        return *toUsd * *fromUsd;
    return std::nullopt;
}
