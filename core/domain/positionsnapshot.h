#pragma once

#include "position.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QString>

// A book's non-flat positions as of an instant, with the business date of
// that instant in the desk time zone. Immutable once stored.
struct PositionSnapshot
{
    QString bookId;
    QDate businessDate;
    QDateTime instant;
    PositionList positions; // sorted by instrument id, none flat
    // The flat positions (quantity 0, average 0), sorted by instrument id:
    // only their realized P&L is left, but with `positions` they are the
    // fold's whole state at `instant`, so a later fold can resume from here.
    PositionList flat = PositionList();
    // The trade log's high-water mark (TradeStore::lastSequence) when these
    // positions were folded; -1 when unknown (then never resumed from).
    qint64 tradeMark = -1;

    // A digest of the positions and the flat ones' realized P&L (not of the
    // instant nor the mark): equal digests mean nothing changed, so a
    // re-store only moves the instant (and the mark) forward.
    QByteArray contentHash() const;
};

Q_DECLARE_METATYPE(PositionSnapshot)

// A stored snapshot's header, as listed.
struct SnapshotSummary
{
    QString bookId;
    QDate businessDate;
    QDateTime snapshotTime;
    int positionCount = 0;
    // In the book's base currency at the business date's FX (DESIGN.md §3
    // "snapshots"): Σ cost value × fx, Σ |cost value × fx|, Σ market value
    // × fx over positions with a market price; `unconverted` positions
    // (no reference data or no rate) are left out of all three.
    QString baseCurrency;
    double netValue = 0.0;
    double grossValue = 0.0;
    double marketValue = 0.0;
    int unconverted = 0;
};

Q_DECLARE_METATYPE(SnapshotSummary)
