#include "tables.h"

#include <QtGlobal>

// QT_TRANSLATE_NOOP marks the titles for lupdate; the window translates
// them in the "Column" context.

const QList<ColumnSpec> &PositionTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text},
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("average_price"), QT_TRANSLATE_NOOP("Column", "Average price"), ColumnKind::Price},
        {QStringLiteral("realized_pnl"), QT_TRANSLATE_NOOP("Column", "Realized P&L"), ColumnKind::Money},
    };
    return specs;
}

QVariant PositionTraits::value(const Row &p, int column, const Context &)
{
    switch (column) {
    case BookId: return p.bookId;
    case InstrumentId: return p.instrumentId;
    case Quantity: return p.quantity;
    case AveragePrice: return p.averagePrice;
    case RealizedPnl: return p.realizedPnl;
    }
    return {};
}

const QList<ColumnSpec> &SnapshotSummaryTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text},
        {QStringLiteral("business_date"), QT_TRANSLATE_NOOP("Column", "Business date"), ColumnKind::Date},
        {QStringLiteral("snapshot_time"), QT_TRANSLATE_NOOP("Column", "Snapshot time"), ColumnKind::Instant},
        {QStringLiteral("positions"), QT_TRANSLATE_NOOP("Column", "Positions"), ColumnKind::Integer},
        {QStringLiteral("net_value"), QT_TRANSLATE_NOOP("Column", "Net value"), ColumnKind::Money},
        {QStringLiteral("gross_value"), QT_TRANSLATE_NOOP("Column", "Gross value"), ColumnKind::Money},
    };
    return specs;
}

QVariant SnapshotSummaryTraits::value(const Row &s, int column, const Context &)
{
    switch (column) {
    case BookId: return s.bookId;
    case BusinessDate: return s.businessDate;
    case SnapshotTime: return s.snapshotTime;
    case Positions: return s.positionCount;
    case NetValue: return s.netValue;
    case GrossValue: return s.grossValue;
    }
    return {};
}

const QList<ColumnSpec> &SnapshotPositionTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text},
        {QStringLiteral("business_date"), QT_TRANSLATE_NOOP("Column", "Business date"), ColumnKind::Date},
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("average_price"), QT_TRANSLATE_NOOP("Column", "Average price"), ColumnKind::Price},
        {QStringLiteral("realized_pnl"), QT_TRANSLATE_NOOP("Column", "Realized P&L"), ColumnKind::Money},
    };
    return specs;
}

QVariant SnapshotPositionTraits::value(const Row &p, int column, const Context &businessDate)
{
    switch (column) {
    case BookId: return p.bookId;
    case BusinessDate: return businessDate;
    case InstrumentId: return p.instrumentId;
    case Quantity: return p.quantity;
    case AveragePrice: return p.averagePrice;
    case RealizedPnl: return p.realizedPnl;
    }
    return {};
}

const QList<ColumnSpec> &RankingTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("rank"), QT_TRANSLATE_NOOP("Column", "Rank"), ColumnKind::Integer},
        {QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text},
        {QStringLiteral("business_date"), QT_TRANSLATE_NOOP("Column", "Business date"), ColumnKind::Date},
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("price"), QT_TRANSLATE_NOOP("Column", "Price"), ColumnKind::Price},
        {QStringLiteral("price_source"), QT_TRANSLATE_NOOP("Column", "Price source"), ColumnKind::Text},
        {QStringLiteral("haircut"), QT_TRANSLATE_NOOP("Column", "Haircut"), ColumnKind::Percent},
        {QStringLiteral("collateral_value"), QT_TRANSLATE_NOOP("Column", "Collateral value"), ColumnKind::Money},
        {QStringLiteral("note"), QT_TRANSLATE_NOOP("Column", "Note"), ColumnKind::Text},
    };
    return specs;
}

QVariant RankingTraits::value(const Row &item, int column, const Context &context)
{
    switch (column) {
    case Rank: return item.isRanked() ? QVariant(item.rank) : QVariant();
    case BookId: return context.bookId;
    case BusinessDate: return context.businessDate;
    case InstrumentId: return item.instrumentId;
    case Quantity: return item.quantity;
    case Price: return item.price;
    case PriceSource: return CollateralItem::toString(item.priceSource);
    case Haircut: return item.haircut ? QVariant(*item.haircut) : QVariant();
    case CollateralValue: return item.collateralValue ? QVariant(*item.collateralValue) : QVariant();
    case Note: return item.note;
    }
    return {};
}

const QList<ColumnSpec> &ComparisonTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("Column", "Status"), ColumnKind::Text},
        {QStringLiteral("quantity_before"), QT_TRANSLATE_NOOP("Column", "Quantity before"), ColumnKind::Quantity},
        {QStringLiteral("quantity_after"), QT_TRANSLATE_NOOP("Column", "Quantity after"), ColumnKind::Quantity},
        {QStringLiteral("quantity_change"), QT_TRANSLATE_NOOP("Column", "Quantity change"), ColumnKind::Quantity},
        {QStringLiteral("value_before"), QT_TRANSLATE_NOOP("Column", "Value before"), ColumnKind::Money},
        {QStringLiteral("value_after"), QT_TRANSLATE_NOOP("Column", "Value after"), ColumnKind::Money},
        {QStringLiteral("value_change"), QT_TRANSLATE_NOOP("Column", "Value change"), ColumnKind::Money},
    };
    return specs;
}

QVariant ComparisonTraits::value(const Row &r, int column, const Context &)
{
    switch (column) {
    case InstrumentId: return r.instrumentId;
    case Status: return ComparisonRow::toString(r.status);
    case QuantityBefore: return r.quantityBefore;
    case QuantityAfter: return r.quantityAfter;
    case QuantityChange: return r.quantityAfter - r.quantityBefore;
    case ValueBefore: return r.valueBefore;
    case ValueAfter: return r.valueAfter;
    case ValueChange: return r.valueAfter - r.valueBefore;
    }
    return {};
}

SnapshotPositionTable snapshotPositionTable(const PositionSnapshot &snapshot)
{
    return SnapshotPositionTable(snapshot.positions, snapshot.businessDate, {},
                                 QStringLiteral("%1 %2").arg(snapshot.bookId, snapshot.businessDate.toString(Qt::ISODate)));
}

RankingTable rankingTable(const CollateralRanking &ranking)
{
    return RankingTable(ranking.items, {ranking.bookId, ranking.businessDate}, {},
                        QStringLiteral("%1 %2").arg(ranking.bookId, ranking.businessDate.toString(Qt::ISODate)));
}
