#include "instrument.h"

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
