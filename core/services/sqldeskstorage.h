#pragma once

#include "services/changefeed.h"
#include "services/deskreader.h"
#include "services/deskstorage.h"
#include "services/tradebooking.h"

// DeskStorage on a SQLite or PostgreSQL database: reads in two lanes
// (DeskReader), writes one at a time (TradeBooking), and the change feed
// (ChangeFeed), each on threads that keep their connection.
class SqlDeskStorage final : public DeskStorage
{
    Q_OBJECT

public:
    explicit SqlDeskStorage(const DatabaseLocation &location, QObject *parent = nullptr);
    ~SqlDeskStorage() override;

    QFuture<Loaded<DeskSettings>> settings() const override { return m_reader.settings(); }
    QFuture<Loaded<QList<BookInfo>>> books() const override { return m_reader.books(); }
    QFuture<Loaded<QHash<QString, int>>> openPositionCounts() const override { return m_reader.openPositionCounts(); }
    QFuture<Loaded<LiveBookLoad>> liveBook(const QString &bookId) const override { return m_reader.liveBook(bookId); }
    QFuture<Loaded<QList<SnapshotSummary>>> snapshots(const QString &bookId, bool withValues) const override
    {
        return m_reader.snapshots(bookId, withValues);
    }
    QFuture<Loaded<std::optional<SnapshotLoad>>> snapshot(const QString &bookId, const QDate &date) const override
    {
        return m_reader.snapshot(bookId, date);
    }
    QFuture<Loaded<std::optional<CollateralRanking>>> ranking(const QString &bookId, const QDate &date,
                                                              const QString &agreementId = {}) const override
    {
        return m_reader.ranking(bookId, date, agreementId);
    }
    QFuture<Loaded<AgreementsLoad>> agreements() const override { return m_reader.agreements(); }
    QFuture<Loaded<QHash<QString, double>>> costRates(const QDate &date) const override { return m_reader.costRates(date); }
    QFuture<Loaded<InstrumentMap>> instruments() const override { return m_reader.instruments(); }
    QFuture<Loaded<BlotterLoad>> blotter(const QString &bookId, int limit) const override
    {
        return m_reader.blotter(bookId, limit);
    }
    QFuture<Loaded<PositionStepsLoad>> positionSteps(const QString &bookId, const QString &instrumentId) const override
    {
        return m_reader.positionSteps(bookId, instrumentId);
    }

    QFuture<TradeBooking::Result> book(const TradeList &trades) override { return m_booking.book(trades); }
    QFuture<TradeBooking::Result> importFile(const QString &path) override { return m_booking.importFile(path); }
    QFuture<QString> saveDeskSettings(const DeskSettings &settings) override { return m_booking.saveDeskSettings(settings); }

    void start() override { m_changes.start(); }
    void stop() override { m_changes.stop(); }
    void poke() override { m_changes.poke(); }
    void setReadOnly(bool readOnly) override { m_reader.setReadOnly(readOnly); }
    void waitForDone() override;

private:
    DeskReader m_reader;
    TradeBooking m_booking;
    ChangeFeed m_changes;
};
