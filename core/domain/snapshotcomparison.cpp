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
    auto costValue = [&](const Position &p) {
        const double units = p.quantity.toDouble() * p.averagePrice;
        const auto it = instruments.constFind(p.instrumentId);
        return it == instruments.cend() ? units : it->toMoney(units);
    };
    auto currency = [&](const QString &id) {
        const auto it = instruments.constFind(id);
        return it == instruments.cend() ? QString() : it->currency;
    };
    QMap<QString, ComparisonRow> rows;
    for (const Position &p : earlier.positions) {
        ComparisonRow &r = rows[p.instrumentId];
        r.instrumentId = p.instrumentId;
        r.currency = currency(p.instrumentId);
        r.quantityBefore = p.quantity;
        r.valueBefore = costValue(p);
    }
    for (const Position &p : later.positions) {
        ComparisonRow &r = rows[p.instrumentId];
        r.instrumentId = p.instrumentId;
        r.currency = currency(p.instrumentId);
        r.quantityAfter = p.quantity;
        r.valueAfter = costValue(p);
    }
    QList<ComparisonRow> result;
    result.reserve(rows.size());
    for (ComparisonRow &r : rows) {
        if (r.quantityBefore.isZero())
            r.status = ComparisonRow::Status::New;
        else if (r.quantityAfter.isZero())
            r.status = ComparisonRow::Status::Closed;
        else if (r.quantityBefore != r.quantityAfter || r.valueBefore != r.valueAfter)
            r.status = ComparisonRow::Status::Changed;
        else
            r.status = ComparisonRow::Status::Unchanged;
        result.append(r);
    }
    return result;
}
