#pragma once

#include "instrument.h"
#include "positionsnapshot.h"

#include <QList>
#include <QString>

// Day over day: each instrument held on either day, its quantity and value
// at cost on both, and whether the position is new, closed or changed.
struct ComparisonRow
{
    enum class Status { New, Closed, Changed, Unchanged };

    QString instrumentId;
    QString currency; // of the values; empty without reference data
    Status status = Status::Unchanged;
    Quantity quantityBefore = Quantity();
    Quantity quantityAfter = Quantity();
    double valueBefore = 0.0;
    double valueAfter = 0.0;

    static QString toString(Status s);
};

// Values at cost in the instrument's currency, with the quote factor of
// `instruments` (bonds ÷ 100).
QList<ComparisonRow> compareSnapshots(const PositionSnapshot &earlier, const PositionSnapshot &later,
                                      const InstrumentMap &instruments);
