#pragma once

#include "quantity.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// One execution in a book's trade log (DESIGN.md §2). `tradeTime` is an
// instant, kept in UTC.
struct Trade
{
    QString tradeId;
    QString bookId;
    QString instrumentId;
    Quantity quantity = Quantity(); // signed: + buy, − sell; exact
    double price = 0.0;
    QDateTime tradeTime;

    // The fold order of a book's trades: by time, then by id.
    static bool foldOrder(const Trade &a, const Trade &b)
    {
        if (a.tradeTime != b.tradeTime)
            return a.tradeTime < b.tradeTime;
        return a.tradeId < b.tradeId;
    }

    friend bool operator==(const Trade &, const Trade &) = default;
};

Q_DECLARE_METATYPE(Trade)

using TradeList = QList<Trade>;
