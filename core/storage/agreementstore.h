#pragma once

#include "domain/agreement.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class Connection;

// Collateral agreements, their eligibility schedules and the desk's cost
// rates. Each import is one transaction.
class AgreementStore
{
public:
    explicit AgreementStore(const Connection &connection);

    struct UpsertCount
    {
        int inserted = 0;
        int updated = 0;
    };
    UpsertCount upsertAgreements(const QList<Agreement> &agreements);
    // Replaces the whole schedule of every agreement named in `rules`. If
    // one names an unknown agreement nothing is written and its index in
    // `rules` is returned.
    std::optional<qsizetype> replaceEligibility(const QList<EligibilityRule> &rules);
    UpsertCount upsertCostRates(const QList<CostRate> &rates);

    QList<Agreement> agreements() const;
    std::optional<Agreement> agreement(const QString &agreementId) const;
    QList<EligibilityRule> rules(const QString &agreementId) const;
    // Each instrument's latest cost rate on or before `date`.
    QHash<QString, double> costRates(const QDate &date) const;

private:
    const Connection &m_connection;
};
