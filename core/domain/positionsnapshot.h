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
    double netValue = 0.0;   // Σ quantity × average price (÷ 100 for bonds)
    double grossValue = 0.0; // Σ |quantity × average price|
};

Q_DECLARE_METATYPE(SnapshotSummary)
