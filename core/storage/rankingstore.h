#pragma once

#include "domain/collateralranking.h"

#include <QDate>
#include <QString>

#include <optional>

class Connection;

// Stored collateral rankings, one per (book, business date), with the
// price, source and haircut each item used.
class RankingStore
{
public:
    explicit RankingStore(const Connection &connection);

    // Replaces the ranking of that book and day in one transaction.
    void save(const CollateralRanking &ranking);
    std::optional<CollateralRanking> load(const QString &bookId, const QDate &date) const;
    // The snapshot instant the stored ranking was built from, if there is one.
    std::optional<QDateTime> builtFrom(const QString &bookId, const QDate &date) const;

private:
    const Connection &m_connection;
};
