#include "deskreader.h"

#include "domain/desktime.h"
#include "services/background.h"
#include "services/rankingjob.h"
#include "services/valuationjob.h"
#include "storage/access.h"
#include "storage/agreementstore.h"
#include "storage/changestore.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/keptconnection.h"
#include "storage/positionstore.h"
#include "storage/rankingstore.h"
#include "storage/referencedatastore.h"
#include "storage/snapshotstore.h"
#include "storage/storageerror.h"

#include <QtConcurrent>

DeskReader::DeskReader(const DatabaseLocation &location)
    : m_location(location)
{
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(-1); // its threads keep their connections (KeptConnection)
    m_slowPool.setMaxThreadCount(1);
    m_slowPool.setExpiryTimeout(-1);
}

DeskReader::~DeskReader()
{
    waitForDone();
}

void DeskReader::waitForDone() const
{
    m_pool.waitForDone();
    m_slowPool.waitForDone();
}

InstrumentMap DeskReader::sharedInstruments(const Connection &connection) const
{
    const qint64 version = ChangeStore(connection).lastOf(Change::Kind::ReferenceData);
    // Held while reading: the tabs of a book ask at once, and the second
    // read thread waits for the first one's map rather than reading its own.
    const QMutexLocker lock(&m_instrumentsLock);
    if (version != m_instrumentsVersion) {
        m_instruments = ReferenceDataStore(connection).instruments();
        m_instrumentsVersion = version;
    }
    return m_instruments;
}

template<typename F>
auto DeskReader::read(F work, Lane lane) const
{
    using T = std::invoke_result_t<F, const Connection &>;
    return QtConcurrent::run(lane == Lane::Slow ? &m_slowPool : &m_pool, [location = m_location, work]() -> Loaded<T> {
        Background::lowerThisThread();
        Loaded<T> loaded;
        // A kept connection the server dropped (a restart, an idle timeout,
        // a failover) shows only when used: a read is tried once more on a
        // new connection, so the window does not show that error at all.
        for (int attempt = 0; attempt < 2; ++attempt) {
            bool broken = false;
            try {
                const KeptConnection::Lease lease(location);
                loaded.value = work(*lease);
                loaded.error.clear();
                break;
            } catch (const StorageError &e) {
                loaded.error = e.message();
                broken = KeptConnection::dropIfBroken(location);
            }
            if (!broken)
                break;
        }
        return loaded;
    });
}

QFuture<Loaded<DeskSettings>> DeskReader::settings() const
{
    return read([](const Connection &c) {
        const DeskSettingsStore s(c);
        return DeskSettings{s.deskTimeZone(), s.defaultHaircut(), s.baseCurrency(), s.fxHaircut(),
                            Access::readOnlyReason(c)};
    });
}

QFuture<Loaded<QList<BookInfo>>> DeskReader::books() const
{
    return read([](const Connection &c) { return TradeStore(c).books(); });
}

QFuture<Loaded<QHash<QString, int>>> DeskReader::openPositionCounts() const
{
    // From each book's newest snapshot and the trades since: a fast read.
    return read([](const Connection &c) { return PositionStore(c).openPositionCounts(QDateTime::currentDateTimeUtc()); });
}

QFuture<Loaded<LiveBookLoad>> DeskReader::liveBook(const QString &bookId) const
{
    return read([this, bookId](const Connection &c) {
        // Resumed from the book's last snapshot, as a snapshot is: the
        // trades since, not the whole log.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        PositionStore::Live live = PositionStore(c).liveBookAsOf(bookId, now);
        ValuationJob::Market market = ValuationJob::load(c, DeskTime::businessDate(now, DeskSettingsStore(c).deskTimeZone()),
                                                         sharedInstruments(c));
        market.context.baseCurrency = market.baseCurrency(bookId);
        return LiveBookLoad{LiveBook::resume(std::move(live.book), live.tradeMark, live.resumedFrom,
                                             std::move(live.lastApplied)),
                            std::move(market.context)};
    });
}

QFuture<Loaded<QList<LoggedTrade>>> DeskReader::tradesAfter(qint64 sequence) const
{
    return read([sequence](const Connection &c) { return TradeStore(c).insertedAfter(sequence); });
}

QFuture<Loaded<qint64>> DeskReader::lastSequence() const
{
    return read([](const Connection &c) { return TradeStore(c).lastSequence(); });
}

QFuture<Loaded<QList<SnapshotSummary>>> DeskReader::snapshots(const QString &bookId, bool withValues) const
{
    // With values: every day's positions valued at that day's prices.
    return read([bookId, withValues](const Connection &c) { return SnapshotStore(c).list(bookId, {}, {}, withValues); },
                withValues ? Lane::Slow : Lane::Fast);
}

QFuture<Loaded<std::optional<SnapshotLoad>>> DeskReader::snapshot(const QString &bookId, const QDate &date) const
{
    return read([this, bookId, date](const Connection &c) -> std::optional<SnapshotLoad> {
        auto snapshot = SnapshotStore(c).load(bookId, date);
        if (!snapshot)
            return std::nullopt;
        ValuationJob::Market market = ValuationJob::load(c, date, sharedInstruments(c));
        market.context.baseCurrency = market.baseCurrency(bookId);
        return SnapshotLoad{std::move(*snapshot), std::move(market.context)};
    });
}

QFuture<Loaded<std::optional<CollateralRanking>>> DeskReader::ranking(const QString &bookId, const QDate &date,
                                                                      const QString &agreementId) const
{
    if (m_readOnly) {
        return read([bookId, date, agreementId](const Connection &c) {
            return RankingJob::ensure(c, bookId, date, agreementId, false);
        });
    }
    return read([bookId, date, agreementId](const Connection &c) { return RankingStore(c).load(bookId, date, agreementId); });
}

QFuture<Loaded<AgreementsLoad>> DeskReader::agreements() const
{
    return read([](const Connection &c) {
        const AgreementStore store(c);
        AgreementsLoad load{store.agreements(), {}};
        for (const Agreement &a : std::as_const(load.agreements))
            load.rules.insert(a.agreementId, store.rules(a.agreementId));
        return load;
    });
}

QFuture<Loaded<QHash<QString, double>>> DeskReader::costRates(const QDate &date) const
{
    return read([date](const Connection &c) { return AgreementStore(c).costRates(date); });
}

QFuture<Loaded<InstrumentMap>> DeskReader::instruments() const
{
    return read([this](const Connection &c) { return sharedInstruments(c); });
}

QFuture<Loaded<BlotterLoad>> DeskReader::blotter(const QString &bookId, int limit) const
{
    return read([this, bookId, limit](const Connection &c) {
        const TradeStore store(c);
        BlotterLoad load;
        load.sequence = store.lastSequence();
        // One more than asked tells whether there are more.
        load.trades = store.recentTrades(bookId, limit + 1);
        load.truncated = load.trades.size() > limit;
        if (load.truncated)
            load.trades.removeLast();
        load.instruments = sharedInstruments(c);
        return load;
    });
}

QFuture<Loaded<PositionStepsLoad>> DeskReader::positionSteps(const QString &bookId, const QString &instrumentId) const
{
    return read([this, bookId, instrumentId](const Connection &c) {
        PositionStepsLoad load{bookId, instrumentId, ::positionSteps(TradeStore(c).trades(bookId, instrumentId)), {}};
        const InstrumentMap instruments = sharedInstruments(c);
        const auto it = instruments.constFind(instrumentId);
        if (it != instruments.cend())
            load.instrument = *it;
        return load;
    }, Lane::Slow);
}
