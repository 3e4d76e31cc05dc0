#pragma once

#include "domain/positionsnapshot.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class Connection;

// End-of-day snapshots: one per (book, business date), the newest instant
// wins. The rule is the database's (a unique key and an upsert that only
// updates with a newer instant), so two desks writing at once keep one.
class SnapshotStore
{
public:
    explicit SnapshotStore(const Connection &connection);

    enum class Outcome {
        Inserted,       // first snapshot of that day
        Replaced,       // a newer one replaced the day's snapshot, rows rewritten
        InstantMoved,   // same positions: only the stored instant moved forward
        DiscardedOlder, // the stored one is as new or newer: nothing written
    };
    struct Result
    {
        Outcome outcome;
        QDateTime storedInstant; // the instant stored for that day afterwards
        int positions = -1;      // moveInstant(): the stored snapshot's positions
    };

    // One transaction: a reader sees the old snapshot whole or the new one.
    Result store(const PositionSnapshot &snapshot);
    // When the fold at `instant` is known to be the day's stored snapshot of
    // `from` (no trade dated between them, none inserted back-dated): moves
    // its instant and trade mark forward as store() would, without the
    // positions. nullopt when the day's snapshot is no longer the one of
    // `from` (another desk stored one meanwhile): store the fold instead.
    std::optional<Result> moveInstant(const QString &bookId, const QDate &date, const QDateTime &from,
                                      const QDateTime &instant, qint64 tradeMark);

    std::optional<PositionSnapshot> load(const QString &bookId, const QDate &date) const;

    // A stored snapshot a fold can resume from (it has a trade mark).
    struct Resumable
    {
        qint64 snapshotId = 0;
        QDateTime instant;
        qint64 tradeMark = 0;
        int positionCount = 0; // its non-flat positions
    };
    // Per book (every book, or just `bookId`), the newest snapshot with an
    // instant at or before `asOf` that has a trade mark.
    QHash<QString, Resumable> resumable(const QDateTime &asOf, const QString &bookId = {}) const;
    // The fold's state a snapshot kept: its positions and its flat ones.
    PositionList foldState(qint64 snapshotId, const QString &bookId) const;

    // Summaries ordered by book and date; empty book = every book; invalid
    // dates leave that end open. With `withValues`, net and gross value at
    // cost use today's instrument reference data for the quote convention.
    QList<SnapshotSummary> list(const QString &bookId, const QDate &from, const QDate &to,
                                bool withValues = true) const;

private:
    void moveStored(const QString &bookId, const QString &date, qint64 storedTime, qint64 instant,
                    const QVariant &tradeMark);

    const Connection &m_connection;
};
