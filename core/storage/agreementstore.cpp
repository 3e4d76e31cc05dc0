#include "agreementstore.h"

#include "changestore.h"
#include "connection.h"
#include "referencedatastore.h"
#include "domain/desktime.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace {

QVariant optionalNumber(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<double>());
}

std::optional<double> numberFrom(const QSqlQuery &q, int column)
{
    return q.isNull(column) ? std::nullopt : std::optional<double>(q.value(column).toDouble());
}

Agreement agreementFrom(const QSqlQuery &q)
{
    Agreement a;
    a.agreementId = textValue(q, 0);
    a.counterparty = textValue(q, 1);
    a.type = Agreement::typeFrom(textValue(q, 2)).value_or(AgreementType::GMRA);
    a.baseCurrency = textValue(q, 3);
    a.fxHaircut = numberFrom(q, 4);
    a.issuerLimit = numberFrom(q, 5);
    a.excludedIssuer = textValue(q, 6);
    return a;
}

const char *const AgreementColumns =
    "agreement_id, counterparty, type, base_currency, fx_haircut, issuer_limit, excluded_issuer";

} // namespace

AgreementStore::AgreementStore(const Connection &connection)
    : m_connection(connection)
{
}

AgreementStore::UpsertCount AgreementStore::upsertAgreements(const QList<Agreement> &agreements)
{
    UpsertCount count;
    Transaction tx(m_connection);
    QSet<QString> known;
    {
        QSqlQuery q = m_connection.exec(QStringLiteral("SELECT agreement_id FROM agreements"));
        while (q.next())
            known.insert(textValue(q, 0));
    }
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO agreements (%1) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agreement_id) DO UPDATE SET"
        " counterparty = excluded.counterparty, type = excluded.type, base_currency = excluded.base_currency,"
        " fx_haircut = excluded.fx_haircut, issuer_limit = excluded.issuer_limit, excluded_issuer = excluded.excluded_issuer")
                                           .arg(QLatin1StringView(AgreementColumns)));
    for (const Agreement &a : agreements) {
        q.bindValue(0, a.agreementId);
        q.bindValue(1, sqlText(a.counterparty));
        q.bindValue(2, Agreement::toString(a.type));
        q.bindValue(3, a.baseCurrency);
        q.bindValue(4, optionalNumber(a.fxHaircut));
        q.bindValue(5, optionalNumber(a.issuerLimit));
        q.bindValue(6, sqlText(a.excludedIssuer));
        m_connection.exec(q);
        ++(known.contains(a.agreementId) ? count.updated : count.inserted);
    }
    ChangeStore(m_connection).record(Change::Kind::Agreements);
    tx.commit();
    return count;
}

std::optional<qsizetype> AgreementStore::replaceEligibility(const QList<EligibilityRule> &rules)
{
    Transaction tx(m_connection);
    QSet<QString> known;
    {
        QSqlQuery q = m_connection.exec(QStringLiteral("SELECT agreement_id FROM agreements"));
        while (q.next())
            known.insert(textValue(q, 0));
    }
    QSet<QString> named;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (!known.contains(rules[i].agreementId))
            return i; // rolled back: nothing written
        named.insert(rules[i].agreementId);
    }
    QSqlQuery clear = m_connection.prepare(QStringLiteral("DELETE FROM eligibility_rules WHERE agreement_id = ?"));
    for (const QString &id : std::as_const(named)) {
        clear.bindValue(0, id);
        m_connection.exec(clear);
    }
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO eligibility_rules (agreement_id, rule_id, include, asset_class, issuer_type, min_rating,"
        " max_maturity_years, currencies, main_index, haircut) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const EligibilityRule &r : rules) {
        q.bindValue(0, r.agreementId);
        q.bindValue(1, r.ruleId);
        q.bindValue(2, r.include ? 1 : 0);
        q.bindValue(3, r.assetClass ? Instrument::toString(*r.assetClass) : QStringLiteral(""));
        q.bindValue(4, r.issuerType ? sqlText(Instrument::toString(*r.issuerType)) : QStringLiteral(""));
        q.bindValue(5, sqlText(r.minRating));
        q.bindValue(6, optionalNumber(r.maxMaturityYears));
        q.bindValue(7, sqlText(r.currencies.join(u' ')));
        q.bindValue(8, r.mainIndex ? QVariant(*r.mainIndex ? 1 : 0) : QVariant(QMetaType::fromType<int>()));
        q.bindValue(9, optionalNumber(r.haircut));
        m_connection.exec(q);
    }
    ChangeStore(m_connection).record(Change::Kind::Agreements);
    tx.commit();
    return std::nullopt;
}

AgreementStore::UpsertCount AgreementStore::upsertCostRates(const QList<CostRate> &rates)
{
    auto rowCount = [this] {
        QSqlQuery q = m_connection.exec(QStringLiteral("SELECT COUNT(*) FROM cost_rates"));
        return q.next() ? q.value(0).toInt() : 0;
    };
    Transaction tx(m_connection);
    const int before = rowCount();
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO cost_rates (instrument_id, business_date, cost_rate) VALUES (?, ?, ?)"
        " ON CONFLICT (instrument_id, business_date) DO UPDATE SET cost_rate = excluded.cost_rate"));
    for (const CostRate &r : rates) {
        q.bindValue(0, r.instrumentId);
        q.bindValue(1, DeskTime::formatDate(r.businessDate));
        q.bindValue(2, r.costRate);
        m_connection.exec(q);
    }
    UpsertCount count;
    count.inserted = rowCount() - before;
    count.updated = int(rates.size()) - count.inserted;
    ChangeStore(m_connection).record(Change::Kind::Agreements);
    tx.commit();
    return count;
}

QList<Agreement> AgreementStore::agreements() const
{
    QList<Agreement> result;
    QSqlQuery q = m_connection.exec(
        QStringLiteral("SELECT %1 FROM agreements ORDER BY agreement_id").arg(QLatin1StringView(AgreementColumns)));
    while (q.next())
        result.append(agreementFrom(q));
    return result;
}

std::optional<Agreement> AgreementStore::agreement(const QString &agreementId) const
{
    QSqlQuery q = m_connection.prepare(
        QStringLiteral("SELECT %1 FROM agreements WHERE agreement_id = ?").arg(QLatin1StringView(AgreementColumns)));
    q.bindValue(0, agreementId);
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    return agreementFrom(q);
}

QList<EligibilityRule> AgreementStore::rules(const QString &agreementId) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT rule_id, include, asset_class, issuer_type, min_rating, max_maturity_years, currencies, main_index, haircut"
        " FROM eligibility_rules WHERE agreement_id = ? ORDER BY rule_id"));
    q.bindValue(0, agreementId);
    m_connection.exec(q);
    QList<EligibilityRule> result;
    while (q.next()) {
        EligibilityRule r;
        r.agreementId = agreementId;
        r.ruleId = textValue(q, 0);
        r.include = q.value(1).toInt() != 0;
        if (const QString c = textValue(q, 2); !c.isEmpty())
            r.assetClass = Instrument::assetClassFrom(c);
        if (const QString t = textValue(q, 3); !t.isEmpty())
            r.issuerType = Instrument::issuerTypeFrom(t);
        r.minRating = textValue(q, 4);
        r.maxMaturityYears = numberFrom(q, 5);
        r.currencies = textValue(q, 6).split(u' ', Qt::SkipEmptyParts);
        if (!q.isNull(7))
            r.mainIndex = q.value(7).toInt() != 0;
        r.haircut = numberFrom(q, 8);
        result.append(std::move(r));
    }
    return result;
}

QHash<QString, double> AgreementStore::costRates(const QDate &date) const
{
    return latestPerInstrument(m_connection, "cost_rates", "cost_rate", date);
}
