#include "instrument.h"

#include <algorithm>

QString Instrument::toString(AssetClass c)
{
    switch (c) {
    case AssetClass::Bond: return QStringLiteral("bond");
    case AssetClass::Equity: return QStringLiteral("equity");
    case AssetClass::Fund: return QStringLiteral("fund");
    case AssetClass::Cash: return QStringLiteral("cash");
    }
    return {};
}

QString Instrument::toString(IssuerType t)
{
    switch (t) {
    case IssuerType::None: return QStringLiteral("");
    case IssuerType::Sovereign: return QStringLiteral("sovereign");
    case IssuerType::Other: return QStringLiteral("other");
    case IssuerType::Securitisation: return QStringLiteral("securitisation");
    }
    return {};
}

std::optional<AssetClass> Instrument::assetClassFrom(QStringView text)
{
    for (const AssetClass c : {AssetClass::Bond, AssetClass::Equity, AssetClass::Fund, AssetClass::Cash}) {
        if (text == toString(c))
            return c;
    }
    return std::nullopt;
}

std::optional<IssuerType> Instrument::issuerTypeFrom(QStringView text)
{
    for (const IssuerType t : {IssuerType::None, IssuerType::Sovereign, IssuerType::Other, IssuerType::Securitisation}) {
        if (text == toString(t))
            return t;
    }
    return std::nullopt;
}

namespace {

int editDistance(QStringView a, QStringView b)
{
    QList<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1].toUpper() == b[j - 1].toUpper() ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

QStringList closestInstruments(const InstrumentMap &instruments, const QString &text, int max)
{
    const QString needle = text.trimmed();
    if (needle.size() < 3)
        return {};
    QList<std::pair<int, QString>> scored;
    for (const Instrument &i : instruments) {
        int score = editDistance(needle, i.instrumentId);
        if (score > 2) {
            if (i.instrumentId.contains(needle, Qt::CaseInsensitive) || i.name.contains(needle, Qt::CaseInsensitive))
                score = 3;
            else
                continue;
        }
        scored.append({score, i.instrumentId});
    }
    std::sort(scored.begin(), scored.end());
    QStringList ids;
    for (const auto &[score, id] : std::as_const(scored).first(std::min<qsizetype>(scored.size(), max)))
        ids << id;
    return ids;
}

namespace Rating {

const QStringList &scale()
{
    static const QStringList notches = {
        QStringLiteral("AAA"), QStringLiteral("AA+"), QStringLiteral("AA"), QStringLiteral("AA-"),
        QStringLiteral("A+"), QStringLiteral("A"), QStringLiteral("A-"),
        QStringLiteral("BBB+"), QStringLiteral("BBB"), QStringLiteral("BBB-"),
        QStringLiteral("BB+"), QStringLiteral("BB"), QStringLiteral("BB-"),
        QStringLiteral("B+"), QStringLiteral("B"), QStringLiteral("B-"),
        QStringLiteral("CCC+"), QStringLiteral("CCC"), QStringLiteral("CCC-"),
        QStringLiteral("CC"), QStringLiteral("C"), QStringLiteral("D"),
    };
    return notches;
}

int notch(QStringView rating)
{
    const QStringList &s = scale();
    for (int i = 0; i < s.size(); ++i) {
        if (s[i] == rating)
            return i;
    }
    return -1;
}

} // namespace Rating
