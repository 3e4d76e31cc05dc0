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
    const PositionStore::Books books = PositionStore(connection).positionsAsOf(instant, bookId);
    SnapshotStore store(connection);
    QList<SnapshotReport> reports;
    for (const TradingBook &book : books.books) {
        PositionSnapshot snapshot{book.bookId(), businessDate, instant.toUTC(), book.positions(), book.flatPositions(),
                                  books.tradeMark};
        SnapshotStore::Result result{};
        try {
            result = store.store(snapshot); // one transaction: a failure leaves the day as it was
        } catch (const StorageError &e) {
            if (!failures)
                throw;
            failures->append({book.bookId(), e.message()});
            continue;
        }
        reports.append({book.bookId(), businessDate, snapshot.instant, result.outcome, result.storedInstant,
                        int(snapshot.positions.size())});
    }
    return reports;
}

} // namespace SnapshotJob
