#pragma once

#include "quantity.h"

#include <QList>
#include <QMetaType>
#include <QString>

// A book's holding in one instrument under the average-cost method
// (DESIGN.md §2). A plain value: the fold of the trades applied to it.
// Knows no reference data: averagePrice is in price units (a bond's in
// percent of nominal) and realizedPnl in price units × quantity; money is
// made from them with the quote factor (see Money).
struct Position
{
    QString bookId;
    QString instrumentId;
    Quantity quantity = Quantity();
    double averagePrice = 0.0;
    double realizedPnl = 0.0;

    // Applies one trade of `tradeQuantity` (signed) at `price`: open or
    // increase, reduce, close or flip. Flat exactly when the quantity is 0.
    void apply(Quantity tradeQuantity, double price);

    bool isFlat() const { return quantity.isZero(); }

    friend bool operator==(const Position &, const Position &) = default;
};

Q_DECLARE_TYPEINFO(Position, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Position)

using PositionList = QList<Position>;
