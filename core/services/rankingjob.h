#pragma once

#include "domain/collateralranking.h"
#include "domain/haircutschedule.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>

class Connection;

// Building collateral rankings from stored end-of-day snapshots. Runs in
// whatever thread owns the Connection; the batch command and RankingService
// share it.
namespace RankingJob {

// The schedule shipped in resources/ (":/findesk/haircut_schedule.csv").
QByteArray defaultScheduleCsv();
// Overrides, the desk's schedule (or the shipped one) and default haircut.
HaircutPolicy loadPolicy(const Connection &connection);

// Builds the ranking of the stored snapshot with today's reference data,
// prices and haircuts, and stores it. nullopt when there is no snapshot.
// With an agreement id: the ranking under that agreement (its schedule,
// haircuts, currency and issuer limit). Throws StorageError for an unknown
// agreement.
// The same ranking, built and not stored (a read-only desk).
std::optional<CollateralRanking> build(const Connection &connection, const QString &bookId, const QDate &date,
                                       const QString &agreementId = {});

std::optional<CollateralRanking> rebuild(const Connection &connection, const QString &bookId, const QDate &date,
                                         const QString &agreementId = {});

// After a snapshot of that day was stored: rebuilds the ranking (the desk's,
// or under an agreement) unless the stored one is still that of the day's
// snapshot (an unchanged snapshot only moved its instant, and its rankings
// with it: their rows are not rewritten). The ranking when it was rebuilt,
// nullopt when it was kept or there is no snapshot.
std::optional<CollateralRanking> refresh(const Connection &connection, const QString &bookId, const QDate &date,
                                         const QString &agreementId = {});

// The stored ranking; built now when it is missing or was built from an
// earlier snapshot of that day, and then stored unless `store` is false (a
// read-only desk). `builtNow` says which it was.
std::optional<CollateralRanking> ensure(const Connection &connection, const QString &bookId, const QDate &date,
                                        const QString &agreementId = {}, bool store = true,
                                        bool *builtNow = nullptr);

} // namespace RankingJob
