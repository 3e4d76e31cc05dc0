#include "rankingjob.h"

#include "domain/desktime.h"
#include "io/importfiles.h"
#include "storage/agreementstore.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/rankingstore.h"
#include "storage/referencedatastore.h"
#include "storage/snapshotstore.h"
#include "storage/storageerror.h"
#include "storage/tradestore.h"

#include <QCoreApplication>
#include <QFile>

namespace RankingJob {

QByteArray defaultScheduleCsv()
{
    QFile file(QStringLiteral(":/findesk/haircut_schedule.csv"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the haircut schedule resource is missing from this build");
    return file.readAll();
}

HaircutPolicy loadPolicy(const Connection &connection)
{
    DeskSettingsStore settings(connection);
    const QString custom = settings.haircutSchedule();
    const bool shipped = custom.isEmpty();
    const auto rules = ImportFiles::haircutSchedule(shipped ? QStringLiteral("haircut_schedule.csv")
                                                            : QStringLiteral("the desk's haircut schedule"),
                                                    shipped ? defaultScheduleCsv() : custom.toUtf8());
    if (rules.error)
        throw StorageError(rules.error->toString());
    return HaircutPolicy(HaircutSchedule(rules.rows), ReferenceDataStore(connection).haircutOverrides(),
                         settings.defaultHaircut());
}

std::optional<CollateralRanking> build(const Connection &connection, const QString &bookId, const QDate &date,
                                       const QString &agreementId)
{
    ReferenceDataStore reference(connection);
    DeskSettingsStore settings(connection);
    CollateralRanking ranking;
    if (agreementId.isEmpty()) {
        const HaircutPolicy policy = loadPolicy(connection);
        const auto in = reference.rankingInputs(bookId, date);
        if (!in.snapshotTime.isValid())
            return std::nullopt;
        const RankingTerms terms{TradeStore(connection).baseCurrency(bookId, settings.baseCurrency()),
                                 settings.fxHaircut(), reference.fxRates()};
        ranking = RankingBuilder::build(bookId, date, in.snapshotTime, in.inputs, policy, terms);
    } else {
        AgreementStore agreements(connection);
        const auto agreement = agreements.agreement(agreementId);
        if (!agreement)
            throw StorageError(QCoreApplication::translate("RankingJob", "unknown agreement \"%1\"").arg(agreementId));
        const AgreementTerms terms{*agreement, agreements.rules(agreementId), settings.fxHaircut(), reference.fxRates()};
        const auto in = reference.rankingInputs(bookId, date);
        if (!in.snapshotTime.isValid())
            return std::nullopt;
        ranking = RankingBuilder::buildUnderAgreement(bookId, date, in.snapshotTime, in.inputs, terms);
    }
    ranking.builtAt = QDateTime::currentDateTimeUtc();
    return ranking;
}

std::optional<CollateralRanking> rebuild(const Connection &connection, const QString &bookId, const QDate &date,
                                         const QString &agreementId)
{
    // A newer snapshot of the day stored while this one was being ranked
    // (another desk's tick, the timer during a Rebuild) makes the ranking
    // stale: the store refuses it, and the new snapshot is ranked instead.
    constexpr int Attempts = 5;
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        auto ranking = build(connection, bookId, date, agreementId);
        if (!ranking || RankingStore(connection).save(*ranking))
            return ranking;
    }
    throw StorageError(QCoreApplication::translate("RankingJob", "the snapshot of %1 on %2 was replaced %3 times while "
                                                                 "its ranking was being built; try again")
                           .arg(bookId, DeskTime::formatDate(date)).arg(Attempts));
}

namespace {

// Whether the stored ranking was built from the day's snapshot as it is.
// nullopt when there is no snapshot of that day.
std::optional<bool> isCurrent(const Connection &connection, const QString &bookId, const QDate &date,
                              const QString &agreementId)
{
    const auto snapshot = SnapshotStore(connection).list(bookId, date, date, false);
    if (snapshot.isEmpty())
        return std::nullopt;
    return RankingStore(connection).builtFrom(bookId, date, agreementId) == snapshot.constFirst().snapshotTime;
}

} // namespace

std::optional<CollateralRanking> refresh(const Connection &connection, const QString &bookId, const QDate &date,
                                         const QString &agreementId)
{
    const auto current = isCurrent(connection, bookId, date, agreementId);
    if (!current || *current)
        return std::nullopt;
    return rebuild(connection, bookId, date, agreementId);
}

std::optional<CollateralRanking> ensure(const Connection &connection, const QString &bookId, const QDate &date,
                                        const QString &agreementId, bool store, bool *builtNow)
{
    const auto current = isCurrent(connection, bookId, date, agreementId);
    if (builtNow)
        *builtNow = current && !*current;
    if (!current)
        return std::nullopt;
    if (*current)
        return RankingStore(connection).load(bookId, date, agreementId);
    return store ? rebuild(connection, bookId, date, agreementId) : build(connection, bookId, date, agreementId);
}

} // namespace RankingJob
