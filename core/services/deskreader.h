#pragma once

#include "domain/agreement.h"
#include "domain/collateralranking.h"
#include "domain/instrument.h"
#include "domain/livebook.h"
#include "domain/positionsnapshot.h"
#include "domain/positionsteps.h"
#include "domain/valuation.h"
#include "storage/databaselocation.h"
#include "storage/tradestore.h"

#include <QFuture>
#include <QHash>
#include <QThreadPool>
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
    QHash<QString, QString> names; // instrument names by id
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

// The window's reads, each off the UI thread on a small pool, each task with
// its own connection (opened and closed in the worker thread). Watch the
// futures with a QFutureWatcher connected before setFuture().
class DeskReader
{
public:
    explicit DeskReader(const DatabaseLocation &location);
    ~DeskReader();

    const DatabaseLocation &location() const { return m_location; }
    // A read-only desk: a ranking missing or older than its snapshot is
    // built for the reader and not stored (ranking()).
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    QFuture<Loaded<DeskSettings>> settings() const;
    QFuture<Loaded<QList<BookInfo>>> books() const;
    QFuture<Loaded<QHash<QString, int>>> openPositionCounts() const;
    // The book's positions now, ready to follow new trades, and today's
    // market (prices, FX to the book's base currency).
    QFuture<Loaded<LiveBookLoad>> liveBook(const QString &bookId) const;
    QFuture<Loaded<QList<LoggedTrade>>> tradesAfter(qint64 sequence) const;
    QFuture<Loaded<qint64>> lastSequence() const;
    QFuture<Loaded<QList<SnapshotSummary>>> snapshots(const QString &bookId, bool withValues) const;
    QFuture<Loaded<std::optional<SnapshotLoad>>> snapshot(const QString &bookId, const QDate &date) const;
    // The stored ranking (an empty agreement id: the desk ranking).
    QFuture<Loaded<std::optional<CollateralRanking>>> ranking(const QString &bookId, const QDate &date,
                                                              const QString &agreementId = {}) const;
    QFuture<Loaded<AgreementsLoad>> agreements() const;
    // Each instrument's latest cost rate on or before `date` (allocation).
    QFuture<Loaded<QHash<QString, double>>> costRates(const QDate &date) const;
    QFuture<Loaded<InstrumentMap>> instruments() const;
    // The book's newest `limit` trades, newest first.
    QFuture<Loaded<BlotterLoad>> blotter(const QString &bookId, int limit) const;
    // The position of one instrument in the book, trade by trade.
    QFuture<Loaded<PositionStepsLoad>> positionSteps(const QString &bookId, const QString &instrumentId) const;

    // Blocks until every read has finished (at quit, in tests).
    void waitForDone() const;

private:
    template<typename F>
    auto read(F work) const;

    DatabaseLocation m_location;
    bool m_readOnly = false;
    mutable QThreadPool m_pool;
};
