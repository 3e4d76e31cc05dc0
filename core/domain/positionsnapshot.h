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

    // A digest of the positions (not of the instant): equal digests mean
    // nothing changed, so a re-store only moves the instant forward.
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
