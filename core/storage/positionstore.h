#pragma once

#include "domain/tradingbook.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class Connection;

// Positions as of an instant at the cost of what changed since the last
// snapshot, not of the whole trade log (DESIGN.md §5). A book's fold as of T
// is resumed from its newest stored snapshot at T0 <= T (whose positions and
// flat positions are the fold's whole state at T0) with the trades of
// T0 < trade_time <= T. That is the fold from the first trade only if the
// snapshot saw every trade at or before T0: the snapshot keeps the log's
// high-water mark, and a book with a trade inserted after it at or before T0
// (a late, back-dated trade) is folded from the first trade instead. So the
// result is always the full fold; only its cost changes.
class PositionStore
{
public:
    explicit PositionStore(const Connection &connection);

    struct Books
    {
        QList<TradingBook> books; // by book id; books with no trade at or before the instant are absent
        qint64 tradeMark = 0;     // the log's high-water mark the fold saw
        int resumed = 0;          // books resumed from a snapshot (the rest folded from the start)
        // Books left as stored (see positionsAsOf), with their snapshot's instant.
        QHash<QString, QDateTime> asStored;
        QHash<QString, int> asStoredPositions; // their non-flat positions
        QStringList bookIds;      // all of them, folded or left as stored, in book order
    };
    // Whether a book whose fold is that of its snapshot of this instant may
    // be left as stored (not read).
    using LeaveAsStored = std::function<bool(const QDateTime &snapshotInstant)>;

    // Every book, or just `bookId`. Reads one consistent state of the
    // database, so it must not run inside a transaction. A book with no
    // trade after its newest resumable snapshot up to `asOf` has that
    // snapshot's positions: when `leaveAsStored` says so for its instant,
    // they are not even read, and the book is in `asStored`, not `books`.
    Books positionsAsOf(const QDateTime &asOf, const QString &bookId = {},
                        const LeaveAsStored &leaveAsStored = {}) const;

    // One book as of `asOf` for a view kept live (LiveBook): its fold, and
    // what tells whether a trade inserted later can go on top of it.
    struct Live
    {
        TradingBook book;
        qint64 tradeMark = 0;
        QDateTime resumedFrom;              // the snapshot's instant; invalid: folded from the start
        QHash<QString, Trade> lastApplied;  // per instrument, of the trades read after resumedFrom
    };
    Live liveBookAsOf(const QString &bookId, const QDateTime &asOf) const;

    // Non-flat positions per book as of `asOf`, from what is known: a book
    // with no trade since its newest snapshot has that snapshot's count
    // (nothing read), the others their snapshot plus the trades since. Not an
    // aggregate over the whole log.
    QHash<QString, int> openPositionCounts(const QDateTime &asOf) const;

private:
    // positionsAsOf's fold, each folded book handed to `take` as it is done.
    Books foldAsOf(const QDateTime &asOf, const QString &bookId, const LeaveAsStored &leaveAsStored,
                   const std::function<void(TradingBook &&)> &take) const;

    const Connection &m_connection;
};
