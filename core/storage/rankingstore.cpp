#include "rankingstore.h"

#include "bulkinsert.h"
#include "changestore.h"
#include "connection.h"
#include "domain/desktime.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

RankingStore::RankingStore(const Connection &connection)
    : m_connection(connection)
{
}

bool RankingStore::save(const CollateralRanking &ranking)
{
    Transaction tx(m_connection);
    // Newest wins: a ranking is stored only while the snapshot it was built
    // from is the day's stored one. A build that a newer snapshot overtook
    // (two desks, a tick during a Rebuild) would otherwise put back the
    // ranking of a snapshot that no longer exists. FOR SHARE keeps that
    // snapshot from being replaced until this commits (SQLite's writers take
    // turns anyway).
    QSqlQuery snapshot = m_connection.prepare(m_connection.sql(
        "SELECT snapshot_time FROM snapshots WHERE book_id = ? AND business_date = ?",
        "SELECT snapshot_time FROM snapshots WHERE book_id = ? AND business_date = ? FOR SHARE"));
    snapshot.bindValue(0, ranking.bookId);
    snapshot.bindValue(1, DeskTime::formatDate(ranking.businessDate));
    m_connection.exec(snapshot);
    if (!snapshot.next() || snapshot.value(0).toLongLong() != ranking.snapshotTime.toMSecsSinceEpoch())
        return false;
    snapshot.finish();

    QSqlQuery header = m_connection.prepare(QStringLiteral(
        "INSERT INTO rankings (book_id, business_date, agreement_id, currency, snapshot_time, built_at,"
        "  default_haircut, fx_haircut) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (book_id, business_date, agreement_id) DO UPDATE SET currency = excluded.currency,"
        "  snapshot_time = excluded.snapshot_time, built_at = excluded.built_at,"
        "  default_haircut = excluded.default_haircut, fx_haircut = excluded.fx_haircut"
        " RETURNING ranking_id"));
    header.bindValue(0, ranking.bookId);
    header.bindValue(1, DeskTime::formatDate(ranking.businessDate));
    header.bindValue(2, sqlText(ranking.agreementId));
    header.bindValue(3, sqlText(ranking.currency));
    header.bindValue(4, ranking.snapshotTime.toMSecsSinceEpoch());
    header.bindValue(5, ranking.builtAt.toMSecsSinceEpoch());
    header.bindValue(6, ranking.defaultHaircut);
    header.bindValue(7, ranking.fxHaircut);
    m_connection.exec(header);
    header.next();
    const qint64 id = header.value(0).toLongLong();
    header.finish();

    QSqlQuery clear = m_connection.prepare(QStringLiteral("DELETE FROM ranking_items WHERE ranking_id = ?"));
    clear.bindValue(0, id);
    m_connection.exec(clear);

    BulkInsert items(m_connection, QStringLiteral("ranking_items"),
                     {QStringLiteral("ranking_id"), QStringLiteral("row_number"), QStringLiteral("rank"),
                      QStringLiteral("instrument_id"), QStringLiteral("currency"), QStringLiteral("quantity"),
                      QStringLiteral("price"), QStringLiteral("price_source"), QStringLiteral("market_value"),
                      QStringLiteral("fx_rate"), QStringLiteral("haircut"), QStringLiteral("fx_haircut"),
                      QStringLiteral("collateral_value"), QStringLiteral("counted_value"),
                      QStringLiteral("note_template"), QStringLiteral("note_args")});
    const QString market = CollateralItem::toString(CollateralItem::PriceSource::Market);
    const QString average = CollateralItem::toString(CollateralItem::PriceSource::Average);
    auto number = [](const std::optional<double> &v) { return v ? BulkInsert::Value(*v) : BulkInsert::Value(nullptr); };
    for (qsizetype row = 0; row < ranking.items.size(); ++row) {
        const CollateralItem &i = ranking.items.at(row);
        const QString currency = sqlText(i.currency);
        const QString quantity = i.quantity.toString();
        const QString args = sqlText(i.note.storedArgs());
        const QString templ = sqlText(i.note.templ);
        items.add({id, qint64(row), i.isRanked() ? BulkInsert::Value(i.rank) : BulkInsert::Value(nullptr), i.instrumentId,
                   currency, quantity, i.price, i.priceSource == CollateralItem::PriceSource::Market ? market : average,
                   number(i.marketValue), number(i.fxRate), number(i.haircut), number(i.fxHaircut),
                   number(i.collateralValue), number(i.countedValue), templ, args});
    }
    items.finish();
    ChangeStore(m_connection).record(Change::Kind::Ranking, ranking.bookId, ranking.businessDate, ranking.agreementId);
    tx.commit();
    return true;
}

std::optional<CollateralRanking> RankingStore::load(const QString &bookId, const QDate &date,
                                                    const QString &agreementId) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT r.snapshot_time, r.built_at, r.default_haircut, r.fx_haircut, r.currency,"
        "  i.rank, i.instrument_id, i.currency, i.quantity, i.price, i.price_source, i.market_value, i.fx_rate,"
        "  i.haircut, i.fx_haircut, i.collateral_value, i.counted_value, i.note_template, i.note_args, n.name"
        " FROM rankings r LEFT JOIN ranking_items i ON i.ranking_id = r.ranking_id"
        " LEFT JOIN instruments n ON n.instrument_id = i.instrument_id"
        " WHERE r.book_id = ? AND r.business_date = ? AND r.agreement_id = ? ORDER BY i.row_number"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    q.bindValue(2, sqlText(agreementId));
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    CollateralRanking ranking;
    ranking.bookId = bookId;
    ranking.businessDate = date;
    ranking.agreementId = agreementId;
    ranking.snapshotTime = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    ranking.builtAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    ranking.defaultHaircut = q.value(2).toDouble();
    ranking.fxHaircut = q.value(3).toDouble();
    ranking.currency = textValue(q, 4);
    auto number = [&](int column) { return q.isNull(column) ? std::nullopt : std::optional<double>(q.value(column).toDouble()); };
    // Most notes and currencies repeat: keep one copy of each.
    QSet<QString> strings;
    auto shared = [&](int column) { return *strings.insert(textValue(q, column)); };
    do {
        if (q.isNull(6))
            break; // a ranking with no long position
        CollateralItem item;
        item.rank = q.isNull(5) ? 0 : q.value(5).toInt();
        item.instrumentId = textValue(q, 6);
        item.currency = shared(7);
        item.quantity = Quantity::fromStored(textValue(q, 8));
        item.price = q.value(9).toDouble();
        item.priceSource = textValue(q, 10) == u"market" ? CollateralItem::PriceSource::Market
                                                                : CollateralItem::PriceSource::Average;
        item.marketValue = number(11);
        item.fxRate = number(12);
        item.haircut = number(13);
        item.fxHaircut = number(14);
        item.collateralValue = number(15);
        item.countedValue = number(16);
        item.note = Note::fromStored(shared(17), shared(18));
        item.name = textValue(q, 19);
        ranking.items.append(std::move(item));
    } while (q.next());
    return ranking;
}

std::optional<QDateTime> RankingStore::builtFrom(const QString &bookId, const QDate &date,
                                                 const QString &agreementId) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT snapshot_time FROM rankings WHERE book_id = ? AND business_date = ? AND agreement_id = ?"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    q.bindValue(2, sqlText(agreementId));
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

QStringList RankingStore::agreementsRanked(const QString &bookId, const QDate &date) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT agreement_id FROM rankings WHERE book_id = ? AND business_date = ? AND agreement_id <> '' "
        "ORDER BY agreement_id"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    m_connection.exec(q);
    QStringList ids;
    while (q.next())
        ids << textValue(q, 0);
    return ids;
}
