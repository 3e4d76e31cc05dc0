#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

// Money rules of DESIGN.md §2: every amount is in a currency, amounts of
// different currencies are never added, conversions go through FxRates.
namespace Money {

// ISO 4217 minor units: 0 for JPY and KRW, 3 for BHD, KWD, OMR, JOD, TND,
// 2 otherwise (also for an empty or unknown code).
int minorUnits(QStringView currency);

// A three-letter ISO 4217 code shape: three capital letters A–Z.
bool isCurrencyCode(QStringView text);

} // namespace Money

// One imported FX close: `EURUSD 1.08` on a date means 1 EUR = 1.08 USD.
struct FxRate
{
    QString pair; // six capital letters, two different codes
    QDate businessDate;
    double rate = 0.0;

    QString base() const { return pair.left(3); }
    QString quote() const { return pair.mid(3); }

    friend bool operator==(const FxRate &, const FxRate &) = default;
};

// The desk's FX closes, and the conversion rule of DESIGN.md §2: from C to
// B on date D the factor is 1 if C = B; else, of CB (multiply) and BC
// (divide), the rate with the latest date ≤ D (CB when both have it); else
// through USD, each leg by the same rule; else none.
class FxRates
{
public:
    FxRates() = default;
    explicit FxRates(const QList<FxRate> &rates);

    // The factor that multiplies an amount in `from` to give it in `to`.
    std::optional<double> factor(const QString &from, const QString &to, const QDate &date) const;
    bool isEmpty() const { return m_byPair.isEmpty(); }

private:
    struct Found
    {
        QDate date;
        double factor;
    };
    std::optional<Found> latest(const QString &pair, const QDate &date) const;
    std::optional<double> leg(const QString &from, const QString &to, const QDate &date) const;

    QHash<QString, QList<std::pair<QDate, double>>> m_byPair; // each sorted by date
};

Q_DECLARE_METATYPE(FxRates)
