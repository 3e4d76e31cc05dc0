#pragma once

#include "domain/collateralranking.h"
#include "domain/valuation.h"

#include <QCoreApplication>
#include <QString>

// The footers under the tables: totals of the rows shown, one line per
// currency (DESIGN.md §2 Money: amounts of two currencies are never added).
class TotalsText
{
    Q_DECLARE_TR_FUNCTIONS(TotalsText)

public:
    static QString positions(const QList<CurrencyTotal> &totals, int shown, int all);
    static QString ranking(const RankingTotals &totals, const QString &currency, int shown, int all);
};
