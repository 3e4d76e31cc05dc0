#include "tables.h"

#include <QCoreApplication>
#include <QtGlobal>

// QT_TRANSLATE_NOOP marks the titles for lupdate; the window translates
// them in the "Column" context.

namespace {

QVariant optional(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}

const ColumnSpec BookColumn{QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text};
const ColumnSpec DateColumn{QStringLiteral("business_date"), QT_TRANSLATE_NOOP("Column", "Business date"), ColumnKind::Date};

// The columns of a valued position from instrument_id on, shared by the
// live and the snapshot tables.
QList<ColumnSpec> valuedColumns()
{
    return {
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("currency"), QT_TRANSLATE_NOOP("Column", "Currency"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("average_price"), QT_TRANSLATE_NOOP("Column", "Average price"), ColumnKind::Price},
        {QStringLiteral("realized_pnl"), QT_TRANSLATE_NOOP("Column", "Realized P&L"), ColumnKind::Money},
        {QStringLiteral("market_price"), QT_TRANSLATE_NOOP("Column", "Market price"), ColumnKind::Price},
        {QStringLiteral("market_value"), QT_TRANSLATE_NOOP("Column", "Market value"), ColumnKind::Money},
        {QStringLiteral("unrealized_pnl"), QT_TRANSLATE_NOOP("Column", "Unrealized P&L"), ColumnKind::Money},
        {QStringLiteral("fx_rate"), QT_TRANSLATE_NOOP("Column", "FX rate"), ColumnKind::Rate},
        {QStringLiteral("market_value_base"), QT_TRANSLATE_NOOP("Column", "Market value (base)"), ColumnKind::Money},
    };
}

// Column `c` of the shared part (0 = instrument_id).
QVariant valuedValue(const ValuedPosition &v, int c)
{
    switch (c) {
    case 0: return v.position.instrumentId;
    case 1: return v.currency;
    case 2: return QVariant::fromValue(v.position.quantity);
    case 3: return v.position.averagePrice;
    case 4: return v.realizedPnl;
    case 5: return optional(v.marketPrice);
    case 6: return optional(v.marketValue);
    case 7: return optional(v.unrealizedPnl);
    case 8: return optional(v.fxRate);
    case 9: return optional(v.marketValueBase);
    }
    return {};
}

// "DE0001102580 · Bund 2.5% 2030", for the window.
QString withName(const QString &id, const QString &name)
{
    return name.isEmpty() ? QString() : id + QStringLiteral(" · ") + name;
}

QString valuedCurrency(const ValuedPosition &v, int c)
{
    return c == 9 ? v.baseCurrency : v.currency;
}

} // namespace

const QList<ColumnSpec> &PositionTraits::columns()
{
    static const QList<ColumnSpec> specs = QList<ColumnSpec>{BookColumn} + valuedColumns();
    return specs;
}

QVariant PositionTraits::value(const Row &v, int column, const Context &)
{
    return column == BookId ? QVariant(v.position.bookId) : valuedValue(v, column - InstrumentId);
}

QString PositionTraits::currency(const Row &v, int column, const Context &)
{
    return valuedCurrency(v, column - InstrumentId);
}

QString PositionTraits::displayText(const Row &v, int column, const Context &)
{
    return column == InstrumentId ? withName(v.position.instrumentId, v.name) : QString();
}

QString SnapshotPositionTraits::displayText(const Row &v, int column, const Context &)
{
    return column == InstrumentId ? withName(v.position.instrumentId, v.name) : QString();
}

const QList<ColumnSpec> &SnapshotPositionTraits::columns()
{
    static const QList<ColumnSpec> specs = QList<ColumnSpec>{BookColumn, DateColumn} + valuedColumns();
    return specs;
}

QVariant SnapshotPositionTraits::value(const Row &v, int column, const Context &context)
{
    switch (column) {
    case BookId: return v.position.bookId;
    case BusinessDate: return context.businessDate;
    default: return valuedValue(v, column - InstrumentId);
    }
}

QString SnapshotPositionTraits::currency(const Row &v, int column, const Context &)
{
    return valuedCurrency(v, column - InstrumentId);
}

const QList<ColumnSpec> &SnapshotSummaryTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        BookColumn,
        DateColumn,
        {QStringLiteral("snapshot_time"), QT_TRANSLATE_NOOP("Column", "Snapshot time"), ColumnKind::Instant},
        {QStringLiteral("positions"), QT_TRANSLATE_NOOP("Column", "Positions"), ColumnKind::Integer},
        {QStringLiteral("base_currency"), QT_TRANSLATE_NOOP("Column", "Base currency"), ColumnKind::Text},
        {QStringLiteral("net_value"), QT_TRANSLATE_NOOP("Column", "Net value"), ColumnKind::Money},
        {QStringLiteral("gross_value"), QT_TRANSLATE_NOOP("Column", "Gross value"), ColumnKind::Money},
        {QStringLiteral("market_value"), QT_TRANSLATE_NOOP("Column", "Market value"), ColumnKind::Money},
        {QStringLiteral("unconverted"), QT_TRANSLATE_NOOP("Column", "Unconverted"), ColumnKind::Integer},
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
    case BaseCurrency: return s.baseCurrency;
    case NetValue: return s.netValue;
    case GrossValue: return s.grossValue;
    case MarketValue: return s.marketValue;
    case Unconverted: return s.unconverted;
    }
    return {};
}

QString SnapshotSummaryTraits::currency(const Row &s, int, const Context &)
{
    return s.baseCurrency;
}

const QList<ColumnSpec> &RankingTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("rank"), QT_TRANSLATE_NOOP("Column", "Rank"), ColumnKind::Integer},
        BookColumn,
        DateColumn,
        {QStringLiteral("agreement_id"), QT_TRANSLATE_NOOP("Column", "Agreement"), ColumnKind::Text},
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("currency"), QT_TRANSLATE_NOOP("Column", "Currency"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("price"), QT_TRANSLATE_NOOP("Column", "Price"), ColumnKind::Price},
        {QStringLiteral("price_source"), QT_TRANSLATE_NOOP("Column", "Price source"), ColumnKind::Text},
        {QStringLiteral("market_value"), QT_TRANSLATE_NOOP("Column", "Market value"), ColumnKind::Money},
        {QStringLiteral("fx_rate"), QT_TRANSLATE_NOOP("Column", "FX rate"), ColumnKind::Rate},
        {QStringLiteral("haircut"), QT_TRANSLATE_NOOP("Column", "Haircut"), ColumnKind::Percent},
        {QStringLiteral("fx_haircut"), QT_TRANSLATE_NOOP("Column", "FX haircut"), ColumnKind::Percent},
        {QStringLiteral("collateral_value"), QT_TRANSLATE_NOOP("Column", "Collateral value"), ColumnKind::Money},
        {QStringLiteral("counted_value"), QT_TRANSLATE_NOOP("Column", "Counted value"), ColumnKind::Money},
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
    case AgreementId: return context.agreementId;
    case InstrumentId: return item.instrumentId;
    case Currency: return item.currency;
    case Quantity: return QVariant::fromValue(item.quantity);
    case Price: return item.price;
    case PriceSource: return CollateralItem::toString(item.priceSource);
    case MarketValue: return optional(item.marketValue);
    case FxRate: return optional(item.fxRate);
    case Haircut: return optional(item.haircut);
    case FxHaircut: return optional(item.fxHaircut);
    case CollateralValue: return optional(item.collateralValue);
    case CountedValue: return optional(item.countedValue);
    case Note: return item.note.text();
    }
    return {};
}

QString RankingTraits::currency(const Row &item, int column, const Context &context)
{
    return column == MarketValue ? item.currency : context.currency;
}

QString RankingTraits::displayText(const Row &item, int column, const Context &)
{
    switch (column) {
    case InstrumentId: return withName(item.instrumentId, item.name);
    case Note: return item.note.display();
    case PriceSource:
        return item.priceSource == CollateralItem::PriceSource::Market
            ? QCoreApplication::translate("Note", "market")
            : QCoreApplication::translate("Note", "average");
    }
    return {};
}

const QList<ColumnSpec> &ComparisonTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("currency"), QT_TRANSLATE_NOOP("Column", "Currency"), ColumnKind::Text},
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
    case Currency: return r.currency;
    case Status: return ComparisonRow::toString(r.status);
    case QuantityBefore: return QVariant::fromValue(r.quantityBefore);
    case QuantityAfter: return QVariant::fromValue(r.quantityAfter);
    case QuantityChange: return QVariant::fromValue(r.quantityAfter - r.quantityBefore);
    case ValueBefore: return r.valueBefore;
    case ValueAfter: return r.valueAfter;
    case ValueChange: return r.valueAfter - r.valueBefore;
    }
    return {};
}

QString ComparisonTraits::displayText(const Row &r, int column, const Context &)
{
    if (column != Status)
        return {};
    switch (r.status) {
    case ComparisonRow::Status::New: return QCoreApplication::translate("Comparison", "new");
    case ComparisonRow::Status::Closed: return QCoreApplication::translate("Comparison", "closed");
    case ComparisonRow::Status::Changed: return QCoreApplication::translate("Comparison", "changed");
    case ComparisonRow::Status::Unchanged: return QCoreApplication::translate("Comparison", "unchanged");
    }
    return {};
}

QString ComparisonTraits::currency(const Row &r, int, const Context &)
{
    return r.currency;
}

const QList<ColumnSpec> &AllocationTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("step"), QT_TRANSLATE_NOOP("Column", "Step"), ColumnKind::Integer},
        BookColumn,
        DateColumn,
        {QStringLiteral("agreement_id"), QT_TRANSLATE_NOOP("Column", "Agreement"), ColumnKind::Text},
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("currency"), QT_TRANSLATE_NOOP("Column", "Currency"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("collateral_value"), QT_TRANSLATE_NOOP("Column", "Collateral value"), ColumnKind::Money},
        {QStringLiteral("cost_rate"), QT_TRANSLATE_NOOP("Column", "Cost rate"), ColumnKind::Percent},
        {QStringLiteral("annual_cost"), QT_TRANSLATE_NOOP("Column", "Annual cost"), ColumnKind::Money},
        {QStringLiteral("cumulative_value"), QT_TRANSLATE_NOOP("Column", "Cumulative value"), ColumnKind::Money},
    };
    return specs;
}

const QList<ColumnSpec> &AgreementTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("agreement_id"), QT_TRANSLATE_NOOP("Column", "Agreement"), ColumnKind::Text},
        {QStringLiteral("counterparty"), QT_TRANSLATE_NOOP("Column", "Counterparty"), ColumnKind::Text},
        {QStringLiteral("type"), QT_TRANSLATE_NOOP("Column", "Type"), ColumnKind::Text},
        {QStringLiteral("base_currency"), QT_TRANSLATE_NOOP("Column", "Base currency"), ColumnKind::Text},
        {QStringLiteral("fx_haircut"), QT_TRANSLATE_NOOP("Column", "FX haircut"), ColumnKind::Percent},
        {QStringLiteral("issuer_limit"), QT_TRANSLATE_NOOP("Column", "Issuer limit"), ColumnKind::Percent},
        {QStringLiteral("excluded_issuer"), QT_TRANSLATE_NOOP("Column", "Excluded issuer"), ColumnKind::Text},
    };
    return specs;
}

QVariant AgreementTraits::value(const Row &a, int column, const Context &)
{
    switch (column) {
    case AgreementId: return a.agreementId;
    case Counterparty: return a.counterparty;
    case Type: return Agreement::toString(a.type);
    case BaseCurrency: return a.baseCurrency;
    case FxHaircut: return optional(a.fxHaircut);
    case IssuerLimit: return optional(a.issuerLimit);
    case ExcludedIssuer: return a.excludedIssuer;
    }
    return {};
}

const QList<ColumnSpec> &EligibilityRuleTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("agreement_id"), QT_TRANSLATE_NOOP("Column", "Agreement"), ColumnKind::Text},
        {QStringLiteral("rule_id"), QT_TRANSLATE_NOOP("Column", "Rule"), ColumnKind::Text},
        {QStringLiteral("include"), QT_TRANSLATE_NOOP("Column", "Include"), ColumnKind::Text},
        {QStringLiteral("asset_class"), QT_TRANSLATE_NOOP("Column", "Asset class"), ColumnKind::Text},
        {QStringLiteral("issuer_type"), QT_TRANSLATE_NOOP("Column", "Issuer type"), ColumnKind::Text},
        {QStringLiteral("min_rating"), QT_TRANSLATE_NOOP("Column", "Minimum rating"), ColumnKind::Text},
        {QStringLiteral("max_maturity_years"), QT_TRANSLATE_NOOP("Column", "Maximum maturity (years)"), ColumnKind::Text},
        {QStringLiteral("currencies"), QT_TRANSLATE_NOOP("Column", "Currencies"), ColumnKind::Text},
        {QStringLiteral("main_index"), QT_TRANSLATE_NOOP("Column", "Main index"), ColumnKind::Text},
        {QStringLiteral("haircut"), QT_TRANSLATE_NOOP("Column", "Haircut"), ColumnKind::Percent},
    };
    return specs;
}

QVariant EligibilityRuleTraits::value(const Row &r, int column, const Context &)
{
    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    switch (column) {
    case AgreementId: return r.agreementId;
    case RuleId: return r.ruleId;
    case Include: return flag(r.include);
    case AssetClass: return r.assetClass ? Instrument::toString(*r.assetClass) : QString();
    case IssuerType: return r.issuerType ? Instrument::toString(*r.issuerType) : QString();
    case MinRating: return r.minRating;
    case MaxMaturityYears: return r.maxMaturityYears ? QString::number(*r.maxMaturityYears, 'g', 15) : QString();
    case Currencies: return r.currencies.join(u' ');
    case MainIndex: return r.mainIndex ? flag(*r.mainIndex) : QString();
    case Haircut: return optional(r.haircut);
    }
    return {};
}

const QList<ColumnSpec> &TradeTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("trade_id"), QT_TRANSLATE_NOOP("Column", "Trade"), ColumnKind::Text},
        BookColumn,
        {QStringLiteral("instrument_id"), QT_TRANSLATE_NOOP("Column", "Instrument"), ColumnKind::Text},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("price"), QT_TRANSLATE_NOOP("Column", "Price"), ColumnKind::Price},
        {QStringLiteral("trade_time"), QT_TRANSLATE_NOOP("Column", "Trade time"), ColumnKind::Instant},
    };
    return specs;
}

QVariant AllocationTraits::value(const Row &line, int column, const Context &context)
{
    switch (column) {
    case Step: return line.step;
    case BookId: return context.bookId;
    case BusinessDate: return context.businessDate;
    case AgreementId: return context.agreementId;
    case InstrumentId: return line.instrumentId;
    case Currency: return line.currency;
    case Quantity: return QVariant::fromValue(line.quantity);
    case CollateralValue: return line.collateralValue;
    case CostRate: return optional(line.costRate);
    case AnnualCost: return optional(line.annualCost);
    case CumulativeValue: return line.cumulativeValue;
    }
    return {};
}

QVariant TradeTraits::value(const Row &t, int column, const Context &)
{
    switch (column) {
    case TradeId: return t.tradeId;
    case BookId: return t.bookId;
    case InstrumentId: return t.instrumentId;
    case Quantity: return QVariant::fromValue(t.quantity);
    case Price: return t.price;
    case TradeTime: return t.tradeTime;
    }
    return {};
}

QString AllocationTraits::currency(const Row &, int, const Context &context)
{
    return context.currency; // every amount of a line is in the agreement's currency
}

QString AllocationTraits::displayText(const Row &line, int column, const Context &)
{
    return column == InstrumentId ? withName(line.instrumentId, line.name) : QString();
}

AllocationTable allocationTable(const Allocation &a)
{
    return AllocationTable(a.lines, {a.bookId, a.businessDate, a.agreementId, a.currency}, {},
                           QStringLiteral("%1 %2 %3").arg(a.bookId, a.businessDate.toString(Qt::ISODate), a.agreementId));
}

QString TradeTraits::displayText(const Row &t, int column, const Context &context)
{
    return column == InstrumentId ? withName(t.instrumentId, context.instruments.value(t.instrumentId).name) : QString();
}

const QList<ColumnSpec> &PositionStepTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("step"), QT_TRANSLATE_NOOP("Column", "Step"), ColumnKind::Integer},
        {QStringLiteral("trade_id"), QT_TRANSLATE_NOOP("Column", "Trade"), ColumnKind::Text},
        {QStringLiteral("trade_time"), QT_TRANSLATE_NOOP("Column", "Trade time"), ColumnKind::Instant},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Column", "Quantity"), ColumnKind::Quantity},
        {QStringLiteral("price"), QT_TRANSLATE_NOOP("Column", "Price"), ColumnKind::Price},
        {QStringLiteral("position_quantity"), QT_TRANSLATE_NOOP("Column", "Position after"), ColumnKind::Quantity},
        {QStringLiteral("average_price"), QT_TRANSLATE_NOOP("Column", "Average price after"), ColumnKind::Price},
        {QStringLiteral("trade_realized_pnl"), QT_TRANSLATE_NOOP("Column", "Realized by the trade"), ColumnKind::Money},
        {QStringLiteral("realized_pnl"), QT_TRANSLATE_NOOP("Column", "Realized P&L after"), ColumnKind::Money},
    };
    return specs;
}

QVariant PositionStepTraits::value(const Row &s, int column, const Context &context)
{
    auto money = [&](double priceUnits) { return context.instrument ? context.instrument->toMoney(priceUnits) : priceUnits; };
    switch (column) {
    case Step: return s.step;
    case TradeId: return s.trade.tradeId;
    case TradeTime: return s.trade.tradeTime;
    case Quantity: return QVariant::fromValue(s.trade.quantity);
    case Price: return s.trade.price;
    case PositionQuantity: return QVariant::fromValue(s.after.quantity);
    case AveragePrice: return s.after.averagePrice;
    case TradeRealizedPnl: return money(s.realizedByTrade);
    case RealizedPnl: return money(s.after.realizedPnl);
    }
    return {};
}

QString PositionStepTraits::currency(const Row &, int, const Context &context)
{
    return context.instrument ? context.instrument->currency : QString();
}

SnapshotPositionTable snapshotPositionTable(const QString &bookId, const PositionContext &context,
                                            const ValuedPositionList &positions)
{
    return SnapshotPositionTable(positions, context, {},
                                 QStringLiteral("%1 %2").arg(bookId, context.businessDate.toString(Qt::ISODate)));
}

RankingTable rankingTable(const CollateralRanking &ranking)
{
    QString title = QStringLiteral("%1 %2").arg(ranking.bookId, ranking.businessDate.toString(Qt::ISODate));
    if (!ranking.agreementId.isEmpty())
        title += u' ' + ranking.agreementId;
    return RankingTable(ranking.items, {ranking.bookId, ranking.businessDate, ranking.agreementId, ranking.currency},
                        {}, title);
}
