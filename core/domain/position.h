#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// A book's holding in one instrument under the average-cost method
// (DESIGN.md §2). A plain value: the fold of the trades applied to it.
struct Position
{
    QString bookId;
    QString instrumentId;
    double quantity = 0.0;
    double averagePrice = 0.0;
    double realizedPnl = 0.0;

    // Applies one trade of `tradeQuantity` (signed) at `price`: open or
    // increase, reduce, close or flip.
    void apply(double tradeQuantity, double price);

    bool isFlat() const { return quantity == 0.0; }
    // Value at cost in the instrument's quote convention (bond prices are in
    // percent of nominal).
    double costValue(bool quotedInPercent) const
    {
        return quantity * averagePrice / (quotedInPercent ? 100.0 : 1.0);
    }

    friend bool operator==(const Position &, const Position &) = default;
};

Q_DECLARE_TYPEINFO(Position, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Position)

using PositionList = QList<Position>;
