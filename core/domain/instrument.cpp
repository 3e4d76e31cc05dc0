#include "instrument.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstdlib>

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

// The edit distance of a and b (case-insensitive) when it is at most
// `limit`, else limit + 1. Called for every instrument of the desk at each
// key typed in the ticket: no allocation, and a pair whose lengths differ
// by more than the limit is not compared at all.
int editDistance(QStringView a, QStringView b, int limit)
{
    if (std::abs(a.size() - b.size()) > limit)
        return limit + 1;
    QVarLengthArray<int, 64> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        int rowBest = current[0];
        const QChar c = a[i - 1];
        const QChar upper = c.toUpper();
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const QChar d = b[j - 1];
            const int substitution = previous[j - 1] + (c == d || upper == d.toUpper() ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            rowBest = std::min(rowBest, current[j]);
        }
        if (rowBest > limit)
            return limit + 1; // every later row is at least this
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

} // namespace

QStringList closestInstruments(const InstrumentMap &instruments, const QString &text, int max)
{
    const QString needle = text.trimmed();
    if (needle.size() < 3 || max <= 0)
        return {};
    // Only the best `max` are kept, by score then id: the ticket asks at each
    // key typed, of every instrument of the desk, and a needle like "XS0"
    // is in most of them (sorting them all took 13 % of a key's 90 ms).
    QVarLengthArray<std::pair<int, QString>, 8> best;
    for (const Instrument &i : instruments) {
        int score = editDistance(needle, i.instrumentId, 2);
        if (score > 2) {
            if (!i.instrumentId.contains(needle, Qt::CaseInsensitive) && !i.name.contains(needle, Qt::CaseInsensitive))
                continue;
            score = 3;
        }
        if (best.size() == max
            && (score > best.back().first || (score == best.back().first && i.instrumentId >= best.back().second)))
            continue;
        const std::pair<int, QString> candidate{score, i.instrumentId};
        best.insert(std::upper_bound(best.begin(), best.end(), candidate), candidate);
        if (best.size() > max)
            best.removeLast();
    }
    QStringList ids;
    for (const auto &[score, id] : std::as_const(best))
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
