#pragma once

#include "storage/snapshotstore.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

class Connection;

// What storing one book's snapshot did.
struct SnapshotReport
{
    QString bookId;
    QDate businessDate;
    QDateTime instant;
    SnapshotStore::Outcome outcome = SnapshotStore::Outcome::Inserted;
    QDateTime storedInstant; // what the day holds afterwards
    int positions = 0;

    // Whether the day's stored snapshot changed (its rows or its instant):
    // then its ranking is rebuilt.
    bool stored() const { return outcome != SnapshotStore::Outcome::DiscardedOlder; }
    QString describe() const;
};

Q_DECLARE_METATYPE(SnapshotReport)

// Taking snapshots: the fold of the trade log as of an instant, stored per
// the end-of-day rule, one transaction per book. Runs in whatever thread
// owns the Connection; the batch command and SnapshotService share it.
namespace SnapshotJob {

// A book whose snapshot could not be stored, and why.
struct Failure
{
    QString bookId;
    QString message;
};

// Every book with a trade at or before `instant` (or just `bookId`).
// Without `failures`, the first book that fails throws its StorageError;
// with it, a failing book is listed there and the other books are still
// snapshotted (one bad book never stops the others', DESIGN.md §2).
QList<SnapshotReport> run(const Connection &connection, const QDateTime &instant, const QString &bookId = {},
                          QList<Failure> *failures = nullptr);

} // namespace SnapshotJob
