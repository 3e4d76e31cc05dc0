#include "positionsteps.h"

#include <algorithm>

PositionStepList positionSteps(TradeList trades)
{
    std::sort(trades.begin(), trades.end(), Trade::foldOrder);
    PositionStepList steps;
    steps.reserve(trades.size());
    Position position;
    for (const Trade &t : std::as_const(trades)) {
        if (steps.isEmpty()) {
            position.bookId = t.bookId;
            position.instrumentId = t.instrumentId;
        }
        const double realizedBefore = position.realizedPnl;
        position.apply(t.quantity, t.price);
        steps.append({int(steps.size()) + 1, t, position, position.realizedPnl - realizedBefore});
    }
    return steps;
}
