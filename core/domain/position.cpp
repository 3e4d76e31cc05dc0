#include "position.h"

void Position::apply(Quantity tradeQuantity, double price)
{
    const Quantity before = quantity;
    const Quantity after = before + tradeQuantity;
    const double direction = before.isNegative() ? -1.0 : 1.0;

    if (before.isZero() || before.isNegative() == tradeQuantity.isNegative()) {
        // Rule 1: open or increase.
        averagePrice = (before.toDouble() * averagePrice + tradeQuantity.toDouble() * price) / after.toDouble();
        quantity = after;
        return;
    }

    if (tradeQuantity.abs() <= before.abs()) {
        // Rule 2 (reduce) and rule 3 (close): the average is unchanged.
        realizedPnl += tradeQuantity.abs().toDouble() * (price - averagePrice) * direction;
        quantity = after;
        if (after.isZero())
            averagePrice = 0.0;
        return;
    }

    // Rule 4: flip. Close the whole position at the average, open the
    // remainder at the trade price.
    realizedPnl += before.abs().toDouble() * (price - averagePrice) * direction;
    quantity = after;
    averagePrice = price;
}
