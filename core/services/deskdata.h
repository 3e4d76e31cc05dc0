#pragma once

// What the desk's storage hands the window: each read's result and the
// loads it is made of (DeskStorage, DeskReader).

#include "domain/agreement.h"
#include "domain/collateralranking.h"
#include "domain/instrument.h"
#include "domain/livebook.h"
#include "domain/positionsnapshot.h"
#include "domain/positionsteps.h"
#include "domain/valuation.h"
#include "storage/tradestore.h"

#include <QHash>
#include <QMetaType>
#include <QTimeZone>

#include <optional>

// What a read gave: the value, or why there is none.
template<typename T>
struct Loaded
{
    T value = T(); // not `T value{}`: that would be copy-list-init through an explicit default constructor
    QString error;
    bool ok() const { return error.isEmpty(); }
};

struct DeskSettings
{
    QTimeZone deskTimeZone;
    double defaultHaircut = 0.10;
    QString baseCurrency = QStringLiteral("USD");
    double fxHaircut = 0.08;
    // Why this desk may not write to the database (Access); empty when it may.
    QString readOnlyReason;
};

// A book's live positions with what marks them to market today.
struct LiveBookLoad
{
    LiveBook book = LiveBook(QString());
    MarketContext market = MarketContext(); // in the book's base currency
};

// A stored end-of-day snapshot valued at its business date.
struct SnapshotLoad
{
    PositionSnapshot snapshot = PositionSnapshot();
    MarketContext market = MarketContext(); // in the book's base currency, at the business date
};

// A book's trade blotter: its newest trades first, and the log's sequence
// they were read at (trades the watcher brings later are after it, or
// already in the list).
struct BlotterLoad
{
    TradeList trades;
    qint64 sequence = 0;
    bool truncated = false; // the book has more trades than were read
    InstrumentMap instruments; // for their names
};

// How one position came about, with what makes money of its fold.
struct PositionStepsLoad
{
    QString bookId;
    QString instrumentId;
    PositionStepList steps;
    std::optional<Instrument> instrument; // none without reference data
};

// The desk's collateral agreements and their eligibility schedules.
struct AgreementsLoad
{
    QList<Agreement> agreements; // by id
    QHash<QString, QList<EligibilityRule>> rules; // by agreement id, by rule id
};

Q_DECLARE_METATYPE(DeskSettings)
