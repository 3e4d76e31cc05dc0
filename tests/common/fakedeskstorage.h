#pragma once

#include "services/deskstorage.h"

// A desk's storage in memory, for widget tests that need no database: the
// reads answer from the fields below (at once, as ready futures); book()
// appends to a trade log and reports the trades as the change feed would.
// Everything is on the test's thread.
class FakeDeskStorage final : public DeskStorage
{
    Q_OBJECT

public:
    DeskSettings deskSettings;
    QList<BookInfo> bookList;
    InstrumentMap instrumentMap;
    QList<LoggedTrade> log;
    int reads = 0; // how many reads the window made

    // Trades written by "another desk": logged and reported.
    void deliver(const TradeList &trades);

    QFuture<Loaded<DeskSettings>> settings() const override;
    QFuture<Loaded<QList<BookInfo>>> books() const override;
    QFuture<Loaded<QHash<QString, int>>> openPositionCounts() const override;
    QFuture<Loaded<LiveBookLoad>> liveBook(const QString &bookId) const override;
    QFuture<Loaded<QList<SnapshotSummary>>> snapshots(const QString &bookId, bool withValues) const override;
    QFuture<Loaded<std::optional<SnapshotLoad>>> snapshot(const QString &bookId, const QDate &date) const override;
    QFuture<Loaded<std::optional<CollateralRanking>>> ranking(const QString &bookId, const QDate &date,
                                                              const QString &agreementId = {}) const override;
    QFuture<Loaded<AgreementsLoad>> agreements() const override;
    QFuture<Loaded<QHash<QString, double>>> costRates(const QDate &date) const override;
    QFuture<Loaded<InstrumentMap>> instruments() const override;
    QFuture<Loaded<BlotterLoad>> blotter(const QString &bookId, int limit) const override;
    QFuture<Loaded<PositionStepsLoad>> positionSteps(const QString &bookId, const QString &instrumentId) const override;

    QFuture<TradeBooking::Result> book(const TradeList &trades) override;
    QFuture<TradeBooking::Result> importFile(const QString &path) override;
    QFuture<QString> saveDeskSettings(const DeskSettings &settings) override;

    void start() override;
    void stop() override {}
    void poke() override {}
    void setReadOnly(bool) override {}
    void waitForDone() override {}

private:
    TradeList tradesOf(const QString &bookId) const;
};
