#pragma once

#include "instrument.h"
#include "money.h"
#include "position.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

// A position marked to market (DESIGN.md §2 "Money"): money in the
// instrument's currency with the quote factor applied, and converted to
// the book's base currency where a rate exists. Without reference data the
// currency is empty, amounts stay per unit in price units and nothing is
// converted; without a price the market columns are empty, never zero.
struct ValuedPosition
{
    Position position;
    QString name;       // the instrument's, empty without reference data
    QString currency;   // the instrument's, empty without reference data
    double costValue = 0.0;   // q·a·f
    double realizedPnl = 0.0; // R·f
    std::optional<double> marketPrice;
    std::optional<double> marketValue;   // q·m·f
    std::optional<double> unrealizedPnl; // q·(m − a)·f
    std::optional<double> fxRate;        // instrument currency → base currency
    std::optional<double> marketValueBase;
    QString baseCurrency; // the book's: of marketValueBase

    bool hasReference() const { return !currency.isEmpty(); }
};

Q_DECLARE_METATYPE(ValuedPosition)

using ValuedPositionList = QList<ValuedPosition>;

// What marking a book to market on a business date needs.
struct MarketContext
{
    QDate businessDate;
    QString baseCurrency;
    InstrumentMap instruments;
    QHash<QString, double> prices; // latest price on or before businessDate
    FxRates fx;

    // The market price of an instrument on the date: its latest imported
    // price; cash without one is priced at 1.
    std::optional<double> marketPrice(const QString &instrumentId) const;
    ValuedPosition value(const Position &position) const;
    ValuedPositionList value(const PositionList &positions) const;
};

// A book's headline in its base currency: what converted, and how many
// positions were left out for want of a price, reference data or a rate.
struct BookTotals
{
    QString baseCurrency;
    double marketValue = 0.0;
    double unrealizedPnl = 0.0;
    double realizedPnl = 0.0;
    int leftOut = 0;

    static BookTotals of(const ValuedPositionList &positions, const QString &baseCurrency);
};

// Per-currency sums, for the places that show amounts unconverted: each
// currency on its own, never added to another.
struct CurrencyTotal
{
    QString currency; // empty: instruments without reference data (price units)
    double costValue = 0.0;
    double marketValue = 0.0;   // positions with a market price only
    double unrealizedPnl = 0.0; // the same positions
    double realizedPnl = 0.0;   // flat positions included
    int positions = 0;          // non-flat
    int unpriced = 0;           // non-flat without a market price: not in the market sums
};

// Adds positions up currency by currency (one pass, any subset of a table).
class CurrencyTotals
{
public:
    void add(const ValuedPosition &position);
    // In currency order.
    QList<CurrencyTotal> totals() const;

private:
    QList<CurrencyTotal> m_byCurrency;
    qsizetype m_last = 0; // where the previous position's currency is
};

QList<CurrencyTotal> totalsByCurrency(const ValuedPositionList &positions);
