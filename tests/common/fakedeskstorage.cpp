#include "fakedeskstorage.h"

#include <QTimer>

namespace {

// Constructed, not assigned: g++ -O1 (the sanitized build) takes the move
// assignment of an empty std::optional for a read of uninitialized memory.
template<typename T>
QFuture<Loaded<T>> ready(T value)
{
    return QtFuture::makeReadyFuture(Loaded<T>{std::move(value), QString()});
}

template<typename T>
QFuture<Loaded<T>> nothing()
{
    return QtFuture::makeReadyFuture(Loaded<T>());
}

} // namespace

TradeList FakeDeskStorage::tradesOf(const QString &bookId) const
{
    TradeList trades;
    for (const LoggedTrade &t : log) {
        if (t.trade.bookId == bookId)
            trades.append(t.trade);
    }
    return trades;
}

void FakeDeskStorage::deliver(const TradeList &trades)
{
    QList<LoggedTrade> logged;
    for (const Trade &t : trades) {
        logged.append({log.size() + 1, t});
        log.append(logged.constLast());
    }
    emit tradesArrived(logged);
}

QFuture<Loaded<DeskSettings>> FakeDeskStorage::settings() const
{
    ++const_cast<FakeDeskStorage *>(this)->reads;
    return ready(deskSettings);
}

QFuture<Loaded<QList<BookInfo>>> FakeDeskStorage::books() const
{
    ++const_cast<FakeDeskStorage *>(this)->reads;
    return ready(bookList);
}

QFuture<Loaded<QHash<QString, int>>> FakeDeskStorage::openPositionCounts() const
{
    ++const_cast<FakeDeskStorage *>(this)->reads;
    QHash<QString, int> counts;
    for (const BookInfo &b : bookList)
        counts.insert(b.bookId, int(LiveBook::fold(b.bookId, tradesOf(b.bookId), log.size()).book().positions().size()));
    return ready(counts);
}

QFuture<Loaded<LiveBookLoad>> FakeDeskStorage::liveBook(const QString &bookId) const
{
    ++const_cast<FakeDeskStorage *>(this)->reads;
    LiveBookLoad load;
    load.book = LiveBook::fold(bookId, tradesOf(bookId), log.size());
    load.market.businessDate = QDate::currentDate();
    load.market.baseCurrency = deskSettings.baseCurrency;
    load.market.instruments = instrumentMap;
    return ready(load);
}

QFuture<Loaded<QList<SnapshotSummary>>> FakeDeskStorage::snapshots(const QString &, bool) const
{
    return nothing<QList<SnapshotSummary>>();
}

QFuture<Loaded<std::optional<SnapshotLoad>>> FakeDeskStorage::snapshot(const QString &, const QDate &) const
{
    return nothing<std::optional<SnapshotLoad>>();
}

QFuture<Loaded<std::optional<CollateralRanking>>> FakeDeskStorage::ranking(const QString &, const QDate &,
                                                                           const QString &) const
{
    return nothing<std::optional<CollateralRanking>>();
}

QFuture<Loaded<AgreementsLoad>> FakeDeskStorage::agreements() const
{
    return nothing<AgreementsLoad>();
}

QFuture<Loaded<QHash<QString, double>>> FakeDeskStorage::costRates(const QDate &) const
{
    return nothing<QHash<QString, double>>();
}

QFuture<Loaded<InstrumentMap>> FakeDeskStorage::instruments() const
{
    return ready(instrumentMap);
}

QFuture<Loaded<BlotterLoad>> FakeDeskStorage::blotter(const QString &bookId, int limit) const
{
    BlotterLoad load;
    load.trades = tradesOf(bookId);
    std::reverse(load.trades.begin(), load.trades.end());
    load.truncated = load.trades.size() > limit;
    load.trades.resize(std::min<qsizetype>(load.trades.size(), limit));
    load.sequence = log.size();
    return ready(load);
}

QFuture<Loaded<PositionStepsLoad>> FakeDeskStorage::positionSteps(const QString &bookId, const QString &instrumentId) const
{
    TradeList trades;
    for (const Trade &t : tradesOf(bookId)) {
        if (t.instrumentId == instrumentId)
            trades.append(t);
    }
    return ready(PositionStepsLoad{bookId, instrumentId, ::positionSteps(trades), {}});
}

QFuture<TradeBooking::Result> FakeDeskStorage::book(const TradeList &trades)
{
    TradeBooking::Result result;
    result.inserted = int(trades.size());
    // Reported as the feed reports a commit: after this call returns.
    QTimer::singleShot(0, this, [this, trades] { deliver(trades); });
    return QtFuture::makeReadyFuture(result);
}

QFuture<TradeBooking::Result> FakeDeskStorage::importFile(const QString &)
{
    TradeBooking::Result result;
    result.storageError = QStringLiteral("the fake storage imports no file");
    return QtFuture::makeReadyFuture(result);
}

QFuture<QString> FakeDeskStorage::saveDeskSettings(const DeskSettings &settings)
{
    deskSettings = settings;
    return QtFuture::makeReadyFuture(QString());
}

void FakeDeskStorage::start()
{
    QTimer::singleShot(0, this, &DeskStorage::started);
}
