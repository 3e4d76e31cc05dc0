#pragma once

#include "datatable.h"
#include "domain/agreement.h"
#include "domain/collateralranking.h"
#include "domain/positionsnapshot.h"
#include "domain/positionsteps.h"
#include "domain/snapshotcomparison.h"
#include "domain/valuation.h"

#include <QDate>

// The tables of DESIGN.md §3 "Output columns": their columns, in order, and
// how each value is read from a row. The command line, the exporters and
// the window's models all use these.

struct NoContext
{
};

// Positions marked to market; the context of a stored snapshot's is its
// business date.
struct PositionContext
{
    QDate businessDate;
};

struct PositionTraits
{
    using Row = ValuedPosition;
    using Context = PositionContext;
    enum Column { BookId, InstrumentId, Currency, Quantity, AveragePrice, RealizedPnl, MarketPrice, MarketValue,
                  UnrealizedPnl, FxRate, MarketValueBase };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
    static QString currency(const Row &row, int column, const Context &);
    // On screen: the instrument's name next to its id.
    static QString displayText(const Row &row, int column, const Context &);
};

// The same with business_date after book_id (snapshot-positions).
struct SnapshotPositionTraits
{
    using Row = ValuedPosition;
    using Context = PositionContext;
    enum Column { BookId, BusinessDate, InstrumentId, Currency, Quantity, AveragePrice, RealizedPnl, MarketPrice,
                  MarketValue, UnrealizedPnl, FxRate, MarketValueBase };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &context);
    static QString currency(const Row &row, int column, const Context &context);
    static QString displayText(const Row &row, int column, const Context &);
};

struct SnapshotSummaryTraits
{
    using Row = SnapshotSummary;
    using Context = NoContext;
    enum Column { BookId, BusinessDate, SnapshotTime, Positions, BaseCurrency, NetValue, GrossValue, MarketValue,
                  Unconverted };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
    static QString currency(const Row &row, int column, const Context &);
};

struct RankingTraits
{
    using Row = CollateralItem;
    struct Context
    {
        QString bookId;
        QDate businessDate;
        QString agreementId = QString();
        QString currency = QString(); // of collateral and counted values
    };
    enum Column { Rank, BookId, BusinessDate, AgreementId, InstrumentId, Currency, Quantity, Price, PriceSource,
                  MarketValue, FxRate, Haircut, FxHaircut, CollateralValue, CountedValue, Note };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &context);
    static QString currency(const Row &row, int column, const Context &context);
    // On screen: the note and the price source in the window's language.
    static QString displayText(const Row &row, int column, const Context &context);
};

struct ComparisonTraits
{
    using Row = ComparisonRow;
    using Context = NoContext;
    enum Column { InstrumentId, Currency, Status, QuantityBefore, QuantityAfter, QuantityChange, ValueBefore,
                  ValueAfter, ValueChange };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
    static QString currency(const Row &row, int column, const Context &);
    // On screen: the status in the window's language.
    static QString displayText(const Row &row, int column, const Context &);
};

// What to deliver under an agreement, step by step (DESIGN.md §3 "allocate").
struct AllocationTraits
{
    using Row = AllocationLine;
    struct Context
    {
        QString bookId;
        QDate businessDate;
        QString agreementId;
        QString currency; // the agreement's
    };
    enum Column { Step, BookId, BusinessDate, AgreementId, InstrumentId, Currency, Quantity, CollateralValue, CostRate,
                  AnnualCost, CumulativeValue };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &context);
    static QString currency(const Row &row, int column, const Context &context);
    // On screen: the instrument's name next to its id.
    static QString displayText(const Row &row, int column, const Context &);
};

// Collateral agreements as imported (DESIGN.md §3 "agreements"): the same
// columns, so an export can be imported again.
struct AgreementTraits
{
    using Row = Agreement;
    using Context = NoContext;
    enum Column { AgreementId, Counterparty, Type, BaseCurrency, FxHaircut, IssuerLimit, ExcludedIssuer };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

// An agreement's eligibility schedule as imported (DESIGN.md §3
// "eligibility").
struct EligibilityRuleTraits
{
    using Row = EligibilityRule;
    using Context = NoContext;
    enum Column { AgreementId, RuleId, Include, AssetClass, IssuerType, MinRating, MaxMaturityYears, Currencies,
                  MainIndex, Haircut };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

// The trades of a book as imported (DESIGN.md §3 trades), for the blotter.
struct TradeTraits
{
    using Row = Trade;
    struct Context
    {
        InstrumentMap instruments; // their names, for the window
    };
    enum Column { TradeId, BookId, InstrumentId, Quantity, Price, TradeTime };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
    // On screen: the instrument's name next to its id.
    static QString displayText(const Row &row, int column, const Context &context);
};

// A position trade by trade (positionSteps): the trade, then the position
// after it. Realized P&L is money (the quote factor applied) in the
// instrument's currency; without reference data it stays in price units.
struct PositionStepTraits
{
    using Row = PositionStep;
    struct Context
    {
        std::optional<Instrument> instrument; // its currency and quote factor
    };
    enum Column { Step, TradeId, TradeTime, Quantity, Price, PositionQuantity, AveragePrice, TradeRealizedPnl,
                  RealizedPnl };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &context);
    static QString currency(const Row &row, int column, const Context &context);
};

using AllocationTable = ListTable<AllocationTraits>;
AllocationTable allocationTable(const Allocation &allocation);

using PositionTable = ListTable<PositionTraits>;
using ComparisonTable = ListTable<ComparisonTraits>;
using SnapshotSummaryTable = ListTable<SnapshotSummaryTraits>;
using SnapshotPositionTable = ListTable<SnapshotPositionTraits>;
using RankingTable = ListTable<RankingTraits>;
using TradeTable = ListTable<TradeTraits>;
using PositionStepTable = ListTable<PositionStepTraits>;

SnapshotPositionTable snapshotPositionTable(const QString &bookId, const PositionContext &context,
                                            const ValuedPositionList &positions);
RankingTable rankingTable(const CollateralRanking &ranking);
