#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

enum class AssetClass { Bond, Equity, Fund, Cash };
enum class IssuerType { None, Sovereign, Other, Securitisation };

// Instrument reference data (DESIGN.md §3 "instruments"). Bond prices are
// quoted in percent of nominal; every other price per unit. Amounts of
// money derived from its prices are in `currency`.
struct Instrument
{
    QString instrumentId;
    QString name;
    AssetClass assetClass = AssetClass::Equity;
    IssuerType issuerType = IssuerType::None;
    QString rating;      // empty when unrated
    QString currency;
    QDate maturityDate;  // invalid when none
    bool mainIndex = false;
    QString issuer = QString(); // free text (issuer concentration, own-issue exclusion); may be empty

    // The quote factor f of DESIGN.md §2 applied to an amount in price
    // units × quantity: a bond's prices are per 100 of nominal.
    double toMoney(double priceUnits) const { return assetClass == AssetClass::Bond ? priceUnits / 100.0 : priceUnits; }

    static QString toString(AssetClass c);
    static QString toString(IssuerType t);
    static std::optional<AssetClass> assetClassFrom(QStringView text);
    static std::optional<IssuerType> issuerTypeFrom(QStringView text);

    friend bool operator==(const Instrument &, const Instrument &) = default;
};

using InstrumentMap = QHash<QString, Instrument>;

// Instruments whose id is within two edits of `text`, or whose name or id
// contains it (a "did you mean" for a mistyped id), closest first.
QStringList closestInstruments(const InstrumentMap &instruments, const QString &text, int max = 3);

// The long-term issue rating scale, best first: AAA, AA+, …, C, D.
namespace Rating {
const QStringList &scale();
// Position on the scale (0 = AAA), or -1 for a rating not on it.
int notch(QStringView rating);
} // namespace Rating
