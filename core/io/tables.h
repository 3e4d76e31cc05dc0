#pragma once

#include "datatable.h"
#include "domain/collateralranking.h"
#include "domain/position.h"
#include "domain/positionsnapshot.h"
#include "domain/snapshotcomparison.h"

#include <QDate>

// The tables of DESIGN.md §3 "Output columns": their columns, in order, and
// how each value is read from a row. The command line, the exporters and
// the window's models all use these.

struct NoContext
{
};

struct PositionTraits
{
    using Row = Position;
    using Context = NoContext;
    enum Column { BookId, InstrumentId, Quantity, AveragePrice, RealizedPnl };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

struct SnapshotSummaryTraits
{
    using Row = SnapshotSummary;
    using Context = NoContext;
    enum Column { BookId, BusinessDate, SnapshotTime, Positions, NetValue, GrossValue };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

struct SnapshotPositionTraits
{
    using Row = Position;
    using Context = QDate; // the business date of the snapshot
    enum Column { BookId, BusinessDate, InstrumentId, Quantity, AveragePrice, RealizedPnl };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &businessDate);
};

struct RankingTraits
{
    using Row = CollateralItem;
    struct Context
    {
        QString bookId;
        QDate businessDate;
    };
    enum Column { Rank, BookId, BusinessDate, InstrumentId, Quantity, Price, PriceSource, Haircut, CollateralValue, Note };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &context);
};

struct ComparisonTraits
{
    using Row = ComparisonRow;
    using Context = NoContext;
    enum Column { InstrumentId, Status, QuantityBefore, QuantityAfter, QuantityChange, ValueBefore, ValueAfter, ValueChange };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

using PositionTable = ListTable<PositionTraits>;
using ComparisonTable = ListTable<ComparisonTraits>;
using SnapshotSummaryTable = ListTable<SnapshotSummaryTraits>;
using SnapshotPositionTable = ListTable<SnapshotPositionTraits>;
using RankingTable = ListTable<RankingTraits>;

SnapshotPositionTable snapshotPositionTable(const PositionSnapshot &snapshot);
RankingTable rankingTable(const CollateralRanking &ranking);
