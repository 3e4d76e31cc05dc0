#pragma once

#include "domain/collateralranking.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

class Connection;

// Stored collateral rankings, one per (book, business date, agreement; ''
// for the desk ranking), with everything each item used: price and source,
// FX rate, haircuts, note.
class RankingStore
{
public:
    explicit RankingStore(const Connection &connection);

    // Replaces the ranking of that book, day and agreement in one
    // transaction, if the snapshot it was built from (its snapshotTime) is
    // still the day's stored one; false, storing nothing, when it is not.
    [[nodiscard]] bool save(const CollateralRanking &ranking);
    std::optional<CollateralRanking> load(const QString &bookId, const QDate &date,
                                          const QString &agreementId = {}) const;
    // The snapshot instant the stored ranking was built from, if there is one.
    std::optional<QDateTime> builtFrom(const QString &bookId, const QDate &date,
                                       const QString &agreementId = {}) const;

    // The agreements with a stored ranking of that book and day (not the
    // desk ranking), by id.
    QStringList agreementsRanked(const QString &bookId, const QDate &date) const;

private:
    const Connection &m_connection;
};
