#include "positionstore.h"

#include "connection.h"
#include "snapshotstore.h"
#include "tradestore.h"

#include <optional>

namespace {

// The book's newest resumable snapshot, unless a trade it did not see (one
// inserted after its mark, dated at or before its instant) was added since.
std::optional<SnapshotStore::Resumable> usableBase(const QHash<QString, SnapshotStore::Resumable> &bases,
                                                   const QString &bookId, const TradeStore &trades)
{
    const auto base = bases.constFind(bookId);
    if (base == bases.cend() || trades.insertedBackDated(bookId, base->tradeMark, base->instant))
        return std::nullopt;
    return *base;
}

} // namespace

PositionStore::PositionStore(const Connection &connection)
    : m_connection(connection)
{
}

PositionStore::Books PositionStore::positionsAsOf(const QDateTime &asOf, const QString &bookId,
                                                  const LeaveAsStored &leaveAsStored) const
{
    QList<TradingBook> books;
    Books result = foldAsOf(asOf, bookId, leaveAsStored, [&books](TradingBook &&book) { books.append(std::move(book)); });
    result.books = std::move(books);
    return result;
}

PositionStore::Books PositionStore::foldAsOf(const QDateTime &asOf, const QString &bookId,
                                             const LeaveAsStored &leaveAsStored,
                                             const std::function<void(TradingBook &&)> &take) const
{
    const TradeStore trades(m_connection);
    const SnapshotStore snapshots(m_connection);
    Books result;
    // The mark first, then the rest, all in one state of the database: a
    // snapshot replaced meanwhile cannot pair its old instant with its new
    // rows, and whatever commits later has a higher sequence number.
    const ReadTransaction view(m_connection);
    result.tradeMark = trades.lastSequence();
    const auto bases = snapshots.resumable(asOf, bookId);
    QStringList bookIds;
    if (bookId.isEmpty()) {
        for (const BookInfo &b : trades.books())
            bookIds.append(b.bookId);
    } else {
        bookIds.append(bookId);
    }
    for (const QString &id : std::as_const(bookIds)) {
        const auto base = usableBase(bases, id, trades);
        const bool resume = base.has_value();
        if (resume && leaveAsStored && leaveAsStored(base->instant) && !trades.hasTrades(id, base->instant, asOf)) {
            result.asStored.insert(id, base->instant);
            result.asStoredPositions.insert(id, base->positionCount);
            result.bookIds.append(id);
            continue;
        }
        TradingBook book = resume ? TradingBook(id, snapshots.foldState(base->snapshotId, id)) : TradingBook(id);
        trades.foldInto(book, resume ? base->instant : QDateTime(), asOf);
        // A snapshot is stored for every book with a trade at or before its
        // instant, even when all its positions are flat: a book resumed
        // from one is never empty.
        if (resume || !book.isEmpty()) {
            take(std::move(book));
            result.bookIds.append(id);
            result.resumed += resume ? 1 : 0;
        }
    }
    return result;
}

PositionStore::Live PositionStore::liveBookAsOf(const QString &bookId, const QDateTime &asOf) const
{
    const TradeStore trades(m_connection);
    const SnapshotStore snapshots(m_connection);
    Live live;
    const ReadTransaction view(m_connection);
    live.tradeMark = trades.lastSequence();
    const auto base = usableBase(snapshots.resumable(asOf, bookId), bookId, trades);
    live.book = base ? TradingBook(bookId, snapshots.foldState(base->snapshotId, bookId)) : TradingBook(bookId);
    if (base)
        live.resumedFrom = base->instant;
    trades.foldInto(live.book, live.resumedFrom, asOf, &live.lastApplied);
    return live;
}

QHash<QString, int> PositionStore::openPositionCounts(const QDateTime &asOf) const
{
    // Counted as each book is folded: the books are not held all at once,
    // nor listed (100,000 positions made 25 MB more at the window's start).
    QHash<QString, int> folded;
    const Books now = foldAsOf(asOf, {}, [](const QDateTime &) { return true; }, [&folded](TradingBook &&book) {
        folded.insert(book.bookId(), int(book.nonFlatCount()));
    });
    QHash<QString, int> counts = now.asStoredPositions;
    counts.insert(folded);
    return counts;
}
