#include "snapshotcomparison.h"

#include <QMap>

QString ComparisonRow::toString(Status s)
{
    switch (s) {
    case Status::New: return QStringLiteral("new");
    case Status::Closed: return QStringLiteral("closed");
    case Status::Changed: return QStringLiteral("changed");
    case Status::Unchanged: return QStringLiteral("unchanged");
    }
    return {};
}

QList<ComparisonRow> compareSnapshots(const PositionSnapshot &earlier, const PositionSnapshot &later,
                                      const InstrumentMap &instruments)
{
    auto inPercent = [&](const QString &id) {
        const auto it = instruments.constFind(id);
        return it != instruments.cend() && it->quotedInPercent();
    };
    QMap<QString, ComparisonRow> rows;
    for (const Position &p : earlier.positions) {
        ComparisonRow &r = rows[p.instrumentId];
        r.instrumentId = p.instrumentId;
        r.quantityBefore = p.quantity;
        r.valueBefore = p.costValue(inPercent(p.instrumentId));
    }
    for (const Position &p : later.positions) {
        ComparisonRow &r = rows[p.instrumentId];
        r.instrumentId = p.instrumentId;
        r.quantityAfter = p.quantity;
        r.valueAfter = p.costValue(inPercent(p.instrumentId));
    }
    QList<ComparisonRow> result;
    result.reserve(rows.size());
    for (ComparisonRow &r : rows) {
        if (r.quantityBefore == 0.0)
            r.status = ComparisonRow::Status::New;
        else if (r.quantityAfter == 0.0)
            r.status = ComparisonRow::Status::Closed;
        else if (r.quantityBefore != r.quantityAfter || r.valueBefore != r.valueAfter)
            r.status = ComparisonRow::Status::Changed;
        else
            r.status = ComparisonRow::Status::Unchanged;
        result.append(r);
    }
    return result;
}
