#include "positionstore.h"

#include "connection.h"
#include "snapshotstore.h"
#include "tradestore.h"

PositionStore::PositionStore(const Connection &connection)
    : m_connection(connection)
{
}

PositionStore::Books PositionStore::positionsAsOf(const QDateTime &asOf, const QString &bookId,
                                                  const LeaveAsStored &leaveAsStored) const
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
        const auto base = bases.constFind(id);
        const bool resume = base != bases.cend() && !trades.insertedBackDated(id, base->tradeMark, base->instant);
        if (resume && leaveAsStored && leaveAsStored(base->instant) && !trades.hasTrades(id, base->instant, asOf)) {
            result.asStored.insert(id, base->instant);
            result.bookIds.append(id);
            continue;
        }
        TradingBook book = resume ? TradingBook(id, snapshots.foldState(base->snapshotId, id)) : TradingBook(id);
        trades.foldInto(book, resume ? base->instant : QDateTime(), asOf);
        // A snapshot is stored for every book with a trade at or before its
        // instant, even when all its positions are flat: a book resumed
        // from one is never empty.
        if (resume || !book.isEmpty()) {
            result.books.append(std::move(book));
            result.bookIds.append(id);
            result.resumed += resume ? 1 : 0;
        }
    }
    return result;
}
