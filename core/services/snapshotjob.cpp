#include "snapshotjob.h"

#include "domain/desktime.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/storageerror.h"
#include "storage/positionstore.h"

#include <QCoreApplication>

QString SnapshotReport::describe() const
{
    const QString when = DeskTime::formatInstant(instant);
    const QString day = DeskTime::formatDate(businessDate);
    switch (outcome) {
    case SnapshotStore::Outcome::Inserted:
        return QCoreApplication::translate("SnapshotJob", "%1 %2: stored the snapshot of %3 (%n position(s))", nullptr, positions)
            .arg(bookId, day, when);
    case SnapshotStore::Outcome::Replaced:
        return QCoreApplication::translate("SnapshotJob", "%1 %2: replaced the day's snapshot with the one of %3 (%n position(s))", nullptr, positions)
            .arg(bookId, day, when);
    case SnapshotStore::Outcome::InstantMoved:
        return QCoreApplication::translate("SnapshotJob", "%1 %2: unchanged since the stored snapshot; its time moved to %3")
            .arg(bookId, day, when);
    case SnapshotStore::Outcome::DiscardedOlder:
        return QCoreApplication::translate("SnapshotJob", "%1 %2: the snapshot of %3 is older than the stored one of %4; discarded")
            .arg(bookId, day, when, DeskTime::formatInstant(storedInstant));
    }
    return {};
}

namespace SnapshotJob {

QList<SnapshotReport> run(const Connection &connection, const QDateTime &instant, const QString &bookId,
                          QList<Failure> *failures)
{
    const QTimeZone zone = DeskSettingsStore(connection).deskTimeZone();
    const QDate businessDate = DeskTime::businessDate(instant, zone);
    // A book with no trade since the day's stored snapshot is that
    // snapshot: its positions are not even read, its instant just moves.
    const PositionStore positionStore(connection);
    const PositionStore::Books books = positionStore.positionsAsOf(instant, bookId, [&](const QDateTime &stored) {
        return DeskTime::businessDate(stored, zone) == businessDate;
    });
    SnapshotStore store(connection);
    QList<SnapshotReport> reports;
    qsizetype next = 0; // books.books is in the order of books.bookIds
    for (const QString &id : books.bookIds) {
        const auto asStored = books.asStored.constFind(id);
        const TradingBook *folded = asStored == books.asStored.cend() ? &books.books.at(next++) : nullptr;
        try {
            // One transaction each: a failure leaves the day as it was.
            if (!folded) {
                const auto moved = store.moveInstant(id, businessDate, *asStored, instant.toUTC(), books.tradeMark);
                if (moved) {
                    reports.append({id, businessDate, instant.toUTC(), moved->outcome, moved->storedInstant,
                                    moved->positions});
                    continue;
                }
            }
            // Another desk replaced the day's snapshot meanwhile: fold after all.
            const auto again = folded ? PositionStore::Books() : positionStore.positionsAsOf(instant, id);
            if (!folded && again.books.isEmpty())
                continue; // cannot be: the book had a snapshot at or before the instant
            const TradingBook &book = folded ? *folded : again.books.constFirst();
            const PositionSnapshot snapshot{id, businessDate, instant.toUTC(), book.positions(), book.flatPositions(),
                                            folded ? books.tradeMark : again.tradeMark};
            const SnapshotStore::Result result = store.store(snapshot);
            reports.append({id, businessDate, snapshot.instant, result.outcome, result.storedInstant,
                            int(snapshot.positions.size())});
        } catch (const StorageError &e) {
            if (!failures)
                throw;
            failures->append({id, e.message()});
        }
    }
    return reports;
}

} // namespace SnapshotJob
