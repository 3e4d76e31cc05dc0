#include "rankingstore.h"

#include "bulkinsert.h"
#include "connection.h"
#include "domain/desktime.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

RankingStore::RankingStore(const Connection &connection)
    : m_connection(connection)
{
}

void RankingStore::save(const CollateralRanking &ranking)
{
    Transaction tx(m_connection);
    QSqlQuery header = m_connection.prepare(QStringLiteral(
        "INSERT INTO rankings (book_id, business_date, snapshot_time, built_at, default_haircut) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (book_id, business_date) DO UPDATE SET snapshot_time = excluded.snapshot_time,"
        "  built_at = excluded.built_at, default_haircut = excluded.default_haircut"
        " RETURNING ranking_id"));
    header.bindValue(0, ranking.bookId);
    header.bindValue(1, DeskTime::formatDate(ranking.businessDate));
    header.bindValue(2, ranking.snapshotTime.toMSecsSinceEpoch());
    header.bindValue(3, ranking.builtAt.toMSecsSinceEpoch());
    header.bindValue(4, ranking.defaultHaircut);
    m_connection.exec(header);
    header.next();
    const qint64 id = header.value(0).toLongLong();
    header.finish();

    QSqlQuery clear = m_connection.prepare(QStringLiteral("DELETE FROM ranking_items WHERE ranking_id = ?"));
    clear.bindValue(0, id);
    m_connection.exec(clear);

    BulkInsert items(m_connection, QStringLiteral("ranking_items"),
                     {QStringLiteral("ranking_id"), QStringLiteral("row_number"), QStringLiteral("rank"),
                      QStringLiteral("instrument_id"), QStringLiteral("quantity"), QStringLiteral("price"),
                      QStringLiteral("price_source"), QStringLiteral("haircut"), QStringLiteral("collateral_value"),
                      QStringLiteral("note")});
    const QString market = CollateralItem::toString(CollateralItem::PriceSource::Market);
    const QString average = CollateralItem::toString(CollateralItem::PriceSource::Average);
    for (qsizetype row = 0; row < ranking.items.size(); ++row) {
        const CollateralItem &i = ranking.items.at(row);
        items.add({id, qint64(row), i.isRanked() ? BulkInsert::Value(i.rank) : BulkInsert::Value(nullptr), i.instrumentId,
                   i.quantity, i.price, i.priceSource == CollateralItem::PriceSource::Market ? market : average,
                   i.haircut ? BulkInsert::Value(*i.haircut) : BulkInsert::Value(nullptr),
                   i.collateralValue ? BulkInsert::Value(*i.collateralValue) : BulkInsert::Value(nullptr), i.note});
    }
    items.finish();
    tx.commit();
}

std::optional<CollateralRanking> RankingStore::load(const QString &bookId, const QDate &date) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT r.snapshot_time, r.built_at, r.default_haircut,"
        "  i.rank, i.instrument_id, i.quantity, i.price, i.price_source, i.haircut, i.collateral_value, i.note"
        " FROM rankings r LEFT JOIN ranking_items i ON i.ranking_id = r.ranking_id"
        " WHERE r.book_id = ? AND r.business_date = ? ORDER BY i.row_number"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    CollateralRanking ranking;
    ranking.bookId = bookId;
    ranking.businessDate = date;
    ranking.snapshotTime = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    ranking.builtAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    ranking.defaultHaircut = q.value(2).toDouble();
    // Most notes repeat ("schedule: …"): keep one copy of each.
    QSet<QString> notes;
    do {
        if (q.isNull(4))
            break; // a ranking with no long position
        CollateralItem item;
        item.rank = q.isNull(3) ? 0 : q.value(3).toInt();
        item.instrumentId = textValue(q, 4);
        item.quantity = q.value(5).toDouble();
        item.price = q.value(6).toDouble();
        item.priceSource = textValue(q, 7) == u"market" ? CollateralItem::PriceSource::Market
                                                               : CollateralItem::PriceSource::Average;
        if (!q.isNull(8))
            item.haircut = q.value(8).toDouble();
        if (!q.isNull(9))
            item.collateralValue = q.value(9).toDouble();
        item.note = *notes.insert(textValue(q, 10));
        ranking.items.append(std::move(item));
    } while (q.next());
    return ranking;
}

std::optional<QDateTime> RankingStore::builtFrom(const QString &bookId, const QDate &date) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT snapshot_time FROM rankings WHERE book_id = ? AND business_date = ?"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}
