#pragma once

#include "services/deskdata.h"
#include "services/tradebooking.h"

#include <QFuture>
#include <QObject>

// The desk's storage as the window sees it: its reads, its writes, and what
// changed in the database whoever wrote it. Every call returns at once with
// a future (watch it with a QFutureWatcher connected before setFuture());
// the work runs on the storage's own threads, never on the UI thread.
// SqlDeskStorage is the database behind it; tests may put a fake in its
// place (DeskSession's second constructor), so a window can be driven
// without a database.
class DeskStorage : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~DeskStorage() override;

    // Reads.
    virtual QFuture<Loaded<DeskSettings>> settings() const = 0;
    virtual QFuture<Loaded<QList<BookInfo>>> books() const = 0;
    // From each book's newest snapshot and the trades since.
    virtual QFuture<Loaded<QHash<QString, int>>> openPositionCounts() const = 0;
    // The book's positions now, ready to follow new trades, and today's market.
    virtual QFuture<Loaded<LiveBookLoad>> liveBook(const QString &bookId) const = 0;
    // With values: slow lane.
    virtual QFuture<Loaded<QList<SnapshotSummary>>> snapshots(const QString &bookId, bool withValues) const = 0;
    virtual QFuture<Loaded<std::optional<SnapshotLoad>>> snapshot(const QString &bookId, const QDate &date) const = 0;
    // The ranking of that day (an empty agreement id: the desk ranking).
    virtual QFuture<Loaded<std::optional<CollateralRanking>>> ranking(const QString &bookId, const QDate &date,
                                                                      const QString &agreementId = {}) const = 0;
    virtual QFuture<Loaded<AgreementsLoad>> agreements() const = 0;
    // Each instrument's latest cost rate on or before `date` (allocation).
    virtual QFuture<Loaded<QHash<QString, double>>> costRates(const QDate &date) const = 0;
    virtual QFuture<Loaded<InstrumentMap>> instruments() const = 0;
    // The book's newest `limit` trades, newest first.
    virtual QFuture<Loaded<BlotterLoad>> blotter(const QString &bookId, int limit) const = 0;
    // Slow lane: one instrument's position in the book, trade by trade.
    virtual QFuture<Loaded<PositionStepsLoad>> positionSteps(const QString &bookId, const QString &instrumentId) const = 0;

    // Writes, one at a time, all or nothing.
    virtual QFuture<TradeBooking::Result> book(const TradeList &trades) = 0;
    virtual QFuture<TradeBooking::Result> importFile(const QString &path) = 0;
    virtual QFuture<QString> saveDeskSettings(const DeskSettings &settings) = 0;

    // Following the database: start() once the desk is ready; poke() to
    // look at once.
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void poke() = 0;
    // A read-only desk: rankings missing or older than their snapshot are
    // built for the reader, not stored.
    virtual void setReadOnly(bool readOnly) = 0;
    // Blocks until every read and write has finished (at quit, in tests).
    virtual void waitForDone() = 0;

signals:
    // Following has begun: from here on every change is reported.
    void started();
    void tradesArrived(const QList<LoggedTrade> &trades);
    // Other processes' changes (this desk's services signal their own).
    void snapshotStored(const QString &bookId, const QDate &businessDate);
    // An unchanged snapshot moved its instant, and its rankings theirs.
    void snapshotMoved(const QString &bookId, const QDate &businessDate);
    void rankingStored(const QString &bookId, const QDate &businessDate, const QString &agreementId);
    void referenceDataChanged();
    void agreementsChanged();
    void settingsChanged();
    // The database cannot be followed (retried), then can again.
    void failed(const QString &reason);
    void resumed();
};
