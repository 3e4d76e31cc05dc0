#pragma once

#include <QDate>
#include <QHash>
#include <QString>

// One imported market price: bonds in percent of nominal, others per unit.
struct MarketPrice
{
    QString instrumentId;
    QDate businessDate;
    double price = 0.0;

    friend bool operator==(const MarketPrice &, const MarketPrice &) = default;
};

// A desk's per-instrument haircut, which wins over the schedule.
struct HaircutOverride
{
    QString instrumentId;
    double haircut = 0.0;

    friend bool operator==(const HaircutOverride &, const HaircutOverride &) = default;
};
