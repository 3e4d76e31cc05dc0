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

// Every book with a trade at or before `instant` (or just `bookId`).
QList<SnapshotReport> run(const Connection &connection, const QDateTime &instant, const QString &bookId = {});

} // namespace SnapshotJob
