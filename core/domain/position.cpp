#include "position.h"

#include <cmath>

namespace {

// Quantities are doubles (fractional nominal is common), so a position that
// is closed by trades of 0.1 + 0.2 − 0.3 must come out exactly flat.
bool closesOut(double before, double after)
{
    return std::abs(after) <= 1e-9 * std::max(1.0, std::abs(before));
}

double sign(double x) { return x < 0 ? -1.0 : 1.0; }

} // namespace

void Position::apply(double tradeQuantity, double price)
{
    const double before = quantity;
    const double after = before + tradeQuantity;

    if (before == 0.0 || (before > 0) == (tradeQuantity > 0)) {
        // Rule 1: open or increase.
        averagePrice = (before * averagePrice + tradeQuantity * price) / after;
        quantity = after;
        return;
    }

    if (std::abs(tradeQuantity) <= std::abs(before) || closesOut(before, after)) {
        // Rule 2 (reduce) and rule 3 (close): the average is unchanged.
        realizedPnl += std::abs(tradeQuantity) * (price - averagePrice) * sign(before);
        if (closesOut(before, after)) {
            quantity = 0.0;
            averagePrice = 0.0;
        } else {
            quantity = after;
        }
        return;
    }

    // Rule 4: flip. Close the whole position at the average, open the
    // remainder at the trade price.
    realizedPnl += std::abs(before) * (price - averagePrice) * sign(before);
    quantity = after;
    averagePrice = price;
}
