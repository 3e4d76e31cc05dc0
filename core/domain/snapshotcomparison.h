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
    Status status = Status::Unchanged;
    double quantityBefore = 0.0;
    double quantityAfter = 0.0;
    double valueBefore = 0.0;
    double valueAfter = 0.0;

    static QString toString(Status s);
};

// Values use the quote convention of `instruments` (bonds ÷ 100).
QList<ComparisonRow> compareSnapshots(const PositionSnapshot &earlier, const PositionSnapshot &later,
                                      const InstrumentMap &instruments);
