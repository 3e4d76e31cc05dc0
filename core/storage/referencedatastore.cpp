#include "referencedatastore.h"

#include "bulkinsert.h"
#include "changestore.h"
#include "connection.h"
#include "rowreader.h"
#include "domain/desktime.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace {

// The instrument in the nine columns of `q` from `first` on, in the order
// of InstrumentColumns.
Instrument instrumentFrom(const QSqlQuery &q, int first)
{
    Instrument i;
    i.instrumentId = textValue(q, first);
    i.name = textValue(q, first + 1);
    i.assetClass = Instrument::assetClassFrom(textValue(q, first + 2)).value_or(AssetClass::Equity);
    i.issuerType = Instrument::issuerTypeFrom(textValue(q, first + 3)).value_or(IssuerType::None);
    i.rating = textValue(q, first + 4);
    i.currency = textValue(q, first + 5);
    i.maturityDate = q.value(first + 6).toDate();
    i.mainIndex = q.value(first + 7).toInt() != 0;
    i.issuer = textValue(q, first + 8);
    return i;
}

// Which of `keys` exist already, to count inserts and updates.
QSet<QString> existing(const Connection &c, const QString &table, const QString &column)
{
    QSet<QString> keys;
    QSqlQuery q = c.exec(QStringLiteral("SELECT %1 FROM %2").arg(column, table));
    while (q.next())
        keys.insert(textValue(q, 0));
    return keys;
}

} // namespace

ReferenceDataStore::ReferenceDataStore(const Connection &connection)
    : m_connection(connection)
{
}

ReferenceDataStore::UpsertCount ReferenceDataStore::upsertInstruments(const QList<Instrument> &instruments)
{
    UpsertCount count;
    Transaction tx(m_connection);
    const QSet<QString> known = existing(m_connection, QStringLiteral("instruments"), QStringLiteral("instrument_id"));
    BulkInsert rows(m_connection, QStringLiteral("instruments"),
                    {QStringLiteral("instrument_id"), QStringLiteral("name"), QStringLiteral("asset_class"),
                     QStringLiteral("issuer_type"), QStringLiteral("rating"), QStringLiteral("currency"),
                     QStringLiteral("maturity_date"), QStringLiteral("main_index"), QStringLiteral("issuer")},
                    QStringLiteral("ON CONFLICT (instrument_id) DO UPDATE SET name = excluded.name, asset_class = excluded.asset_class,"
                                   " issuer_type = excluded.issuer_type, rating = excluded.rating, currency = excluded.currency,"
                                   " maturity_date = excluded.maturity_date, main_index = excluded.main_index,"
                                   " issuer = excluded.issuer"));
    for (const Instrument &i : instruments) {
        const QString name = sqlText(i.name), assetClass = Instrument::toString(i.assetClass);
        const QString issuer = sqlText(Instrument::toString(i.issuerType)), rating = sqlText(i.rating);
        const QString currency = sqlText(i.currency), maturity = DeskTime::formatDate(i.maturityDate);
        const QString issuerName = sqlText(i.issuer);
        rows.add({i.instrumentId, name, assetClass, issuer, rating, currency,
                  i.maturityDate.isValid() ? BulkInsert::Value(maturity) : BulkInsert::Value(nullptr), i.mainIndex ? 1 : 0,
                  issuerName});
        ++(known.contains(i.instrumentId) ? count.updated : count.inserted);
    }
    rows.finish();
    ChangeStore(m_connection).record(Change::Kind::ReferenceData);
    tx.commit();
    return count;
}

ReferenceDataStore::UpsertCount ReferenceDataStore::upsertPrices(const QList<MarketPrice> &prices)
{
    auto rowCount = [this] {
        QSqlQuery q = m_connection.exec(QStringLiteral("SELECT COUNT(*) FROM market_prices"));
        return q.next() ? q.value(0).toInt() : 0;
    };
    Transaction tx(m_connection);
    const int before = rowCount();
    BulkInsert rows(m_connection, QStringLiteral("market_prices"),
                    {QStringLiteral("instrument_id"), QStringLiteral("business_date"), QStringLiteral("price")},
                    QStringLiteral("ON CONFLICT (instrument_id, business_date) DO UPDATE SET price = excluded.price"));
    for (const MarketPrice &p : prices) {
        const QString date = DeskTime::formatDate(p.businessDate);
        rows.add({p.instrumentId, date, p.price});
    }
    rows.finish();
    UpsertCount count;
    count.inserted = rowCount() - before;
    count.updated = int(prices.size()) - count.inserted;
    ChangeStore(m_connection).record(Change::Kind::ReferenceData);
    tx.commit();
    return count;
}

ReferenceDataStore::UpsertCount ReferenceDataStore::upsertHaircutOverrides(const QList<HaircutOverride> &overrides)
{
    UpsertCount count;
    Transaction tx(m_connection);
    const QSet<QString> known = existing(m_connection, QStringLiteral("haircut_overrides"), QStringLiteral("instrument_id"));
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO haircut_overrides (instrument_id, haircut) VALUES (?, ?)"
        " ON CONFLICT (instrument_id) DO UPDATE SET haircut = excluded.haircut"));
    for (const HaircutOverride &h : overrides) {
        q.bindValue(0, h.instrumentId);
        q.bindValue(1, h.haircut);
        m_connection.exec(q);
        ++(known.contains(h.instrumentId) ? count.updated : count.inserted);
    }
    ChangeStore(m_connection).record(Change::Kind::ReferenceData);
    tx.commit();
    return count;
}

ReferenceDataStore::UpsertCount ReferenceDataStore::upsertFxRates(const QList<FxRate> &rates)
{
    auto rowCount = [this] {
        QSqlQuery q = m_connection.exec(QStringLiteral("SELECT COUNT(*) FROM fx_rates"));
        return q.next() ? q.value(0).toInt() : 0;
    };
    Transaction tx(m_connection);
    const int before = rowCount();
    BulkInsert rows(m_connection, QStringLiteral("fx_rates"),
                    {QStringLiteral("currency_pair"), QStringLiteral("business_date"), QStringLiteral("rate")},
                    QStringLiteral("ON CONFLICT (currency_pair, business_date) DO UPDATE SET rate = excluded.rate"));
    for (const FxRate &r : rates) {
        const QString date = DeskTime::formatDate(r.businessDate);
        rows.add({r.pair, date, r.rate});
    }
    rows.finish();
    UpsertCount count;
    count.inserted = rowCount() - before;
    count.updated = int(rates.size()) - count.inserted;
    ChangeStore(m_connection).record(Change::Kind::ReferenceData);
    tx.commit();
    return count;
}

FxRates ReferenceDataStore::fxRates() const
{
    QList<FxRate> rates;
    QSqlQuery q = m_connection.exec(QStringLiteral("SELECT currency_pair, business_date, rate FROM fx_rates"));
    while (q.next())
        rates.append({textValue(q, 0), q.value(1).toDate(), q.value(2).toDouble()});
    return FxRates(rates);
}

QHash<QString, double> latestPerInstrument(const Connection &connection, const char *table, const char *column,
                                           const QDate &date)
{
    QSqlQuery q = connection.prepare(QStringLiteral(
        "SELECT m.instrument_id, m.%2 FROM %1 m"
        " JOIN (SELECT instrument_id, MAX(business_date) AS d FROM %1 WHERE business_date <= ?"
        "       GROUP BY instrument_id) l ON l.instrument_id = m.instrument_id AND l.d = m.business_date")
                                         .arg(QLatin1StringView(table), QLatin1StringView(column)));
    q.bindValue(0, DeskTime::formatDate(date));
    connection.exec(q);
    QHash<QString, double> values;
    while (q.next())
        values.insert(textValue(q, 0), q.value(1).toDouble());
    return values;
}

QHash<QString, double> ReferenceDataStore::latestPrices(const QDate &date) const
{
    return latestPerInstrument(m_connection, "market_prices", "price", date);
}

InstrumentMap ReferenceDataStore::instruments() const
{
    InstrumentMap result;
    QSqlQuery q = m_connection.exec(QStringLiteral(
        "SELECT instrument_id, name, asset_class, issuer_type, rating, currency, maturity_date, main_index, issuer"
        " FROM instruments"));
    // A handful of currencies, ratings and issuers over 100,000 instruments:
    // one string each, shared, not one per instrument (the window keeps
    // this map all day).
    QSet<QString> seen;
    auto shared = [&seen](QString &text) {
        if (!text.isNull())
            text = *seen.insert(text);
    };
    while (q.next()) {
        Instrument i = instrumentFrom(q, 0);
        shared(i.currency);
        shared(i.rating);
        shared(i.issuer);
        result.insert(i.instrumentId, i);
    }
    return result;
}

QHash<QString, double> ReferenceDataStore::haircutOverrides() const
{
    QHash<QString, double> result;
    QSqlQuery q = m_connection.exec(QStringLiteral("SELECT instrument_id, haircut FROM haircut_overrides"));
    while (q.next())
        result.insert(textValue(q, 0), q.value(1).toDouble());
    return result;
}

ReferenceDataStore::RankingInputs ReferenceDataStore::rankingInputs(const QString &bookId, const QDate &date) const
{
    // The latest price on or before the date is one seek per position on
    // the market_prices primary key (instrument_id, business_date).
    // Read without a QVariant per value: a new day's rankings read 100,000
    // rows right after the snapshot wrote them.
    const QString day = DeskTime::formatDate(date);
    RowReader q(m_connection, QStringLiteral(
        "SELECT p.instrument_id, p.quantity, p.average_price, p.realized_pnl,"
        "  i.instrument_id, i.name, i.asset_class, i.issuer_type, i.rating, i.currency, i.maturity_date, i.main_index,"
        "  i.issuer,"
        "  (SELECT m.price FROM market_prices m WHERE m.instrument_id = p.instrument_id AND m.business_date <= ?"
        "   ORDER BY m.business_date DESC LIMIT 1),"
        "  s.snapshot_time"
        " FROM snapshots s"
        " LEFT JOIN snapshot_positions p ON p.snapshot_id = s.snapshot_id"
        " LEFT JOIN instruments i ON i.instrument_id = p.instrument_id"
        " WHERE s.book_id = ? AND s.business_date = ?"
        " ORDER BY p.instrument_id"), {day, bookId, day});
    RankingInputs result;
    auto shared = [&](int column) { return q.sharedText(column); };
    while (q.next()) {
        result.snapshotTime = QDateTime::fromMSecsSinceEpoch(q.integer(14), Qt::UTC);
        if (q.isNull(0))
            break; // no long position
        RankingInput in;
        in.position = Position{bookId, q.text(0), Quantity::fromStored(q.text(1)), q.real(2), q.real(3)};
        if (!in.position.quantity.isPositive())
            continue; // shorts are not collateral
        if (!q.isNull(4)) {
            Instrument &i = in.instrument.emplace();
            i.instrumentId = in.position.instrumentId;
            i.name = q.text(5);
            i.assetClass = Instrument::assetClassFrom(shared(6)).value_or(AssetClass::Equity);
            i.issuerType = Instrument::issuerTypeFrom(shared(7)).value_or(IssuerType::None);
            i.rating = shared(8);
            i.currency = shared(9);
            i.maturityDate = q.date(10);
            i.mainIndex = q.integer(11) != 0;
            i.issuer = shared(12);
        }
        if (!q.isNull(13))
            in.marketPrice = q.real(13);
        result.inputs.append(std::move(in));
    }
    return result;
}
