#pragma once

#include "position.h"
#include "trade.h"

#include <QList>
#include <QMetaType>

// How a position came about: the position after each of its trades, in
// fold order. The same fold as every other (Position::apply), kept step by
// step, so the window can show why the average price is what it is.
struct PositionStep
{
    int step = 0; // 1 for the first trade
    Trade trade;
    Position after;
    double realizedByTrade = 0.0; // price units × quantity, like Position::realizedPnl
};

Q_DECLARE_METATYPE(PositionStep)

using PositionStepList = QList<PositionStep>;

// Folds the trades of one book and instrument (any order) step by step.
PositionStepList positionSteps(TradeList trades);
