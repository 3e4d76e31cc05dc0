#include "snapshotstore.h"

#include "bulkinsert.h"
#include "changestore.h"
#include "connection.h"
#include "desksettingsstore.h"
#include "domain/desktime.h"
#include "referencedatastore.h"
#include "rowreader.h"

#include <QSqlQuery>
#include <QVariant>

SnapshotStore::SnapshotStore(const Connection &connection)
    : m_connection(connection)
{
}

SnapshotStore::Result SnapshotStore::store(const PositionSnapshot &snapshot)
{
    const QString hash = QString::fromLatin1(snapshot.contentHash());
    const qint64 instant = snapshot.instant.toMSecsSinceEpoch();
    const QVariant mark = snapshot.tradeMark < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(snapshot.tradeMark);
    const QString date = DeskTime::formatDate(snapshot.businessDate);

    Transaction tx(m_connection);
    QSqlQuery current = m_connection.prepare(m_connection.sql(
        "SELECT snapshot_id, snapshot_time, content_hash FROM snapshots WHERE book_id = ? AND business_date = ?",
        "SELECT snapshot_id, snapshot_time, content_hash FROM snapshots WHERE book_id = ? AND business_date = ? FOR UPDATE"));
    current.bindValue(0, snapshot.bookId);
    current.bindValue(1, date);
    m_connection.exec(current);
    const bool exists = current.next();
    const qint64 storedTime = exists ? current.value(1).toLongLong() : 0;
    const QString storedHash = exists ? textValue(current, 2) : QString();
    current.finish();

    if (exists && storedTime >= instant)
        return {Outcome::DiscardedOlder, QDateTime::fromMSecsSinceEpoch(storedTime, Qt::UTC)};

    if (exists && storedHash == hash) {
        // Its rows stay; the change log says the instant moved (other desks
        // show "as of" the new instant, and their rankings' instant with it).
        moveStored(snapshot.bookId, date, storedTime, instant, mark);
        ChangeStore(m_connection).record(Change::Kind::SnapshotMoved, snapshot.bookId, snapshot.businessDate);
        tx.commit();
        return {Outcome::InstantMoved, snapshot.instant};
    }

    QSqlQuery header = m_connection.prepare(QStringLiteral(
        "INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash, trade_mark)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (book_id, business_date) DO UPDATE SET"
        "   snapshot_time = excluded.snapshot_time,"
        "   position_count = excluded.position_count,"
        "   content_hash = excluded.content_hash,"
        "   trade_mark = excluded.trade_mark"
        " WHERE snapshots.snapshot_time < excluded.snapshot_time"
        " RETURNING snapshot_id"));
    header.bindValue(0, snapshot.bookId);
    header.bindValue(1, date);
    header.bindValue(2, instant);
    header.bindValue(3, int(snapshot.positions.size()));
    header.bindValue(4, hash);
    header.bindValue(5, mark);
    m_connection.exec(header);
    if (!header.next()) {
        // A newer snapshot of that day got in first: the database kept it.
        return {Outcome::DiscardedOlder, snapshot.instant};
    }
    const qint64 id = header.value(0).toLongLong();
    header.finish();

    // Even when the SELECT saw no row, another desk may have inserted that
    // day's snapshot since (PostgreSQL cannot lock a row that is not there
    // yet): the upsert then updated its header, and its rows must go.
    QSqlQuery clear = m_connection.prepare(QStringLiteral("DELETE FROM snapshot_positions WHERE snapshot_id = ?"));
    clear.bindValue(0, id);
    m_connection.exec(clear);
    const bool replaced = exists || clear.numRowsAffected() > 0;
    QSqlQuery clearFlat = m_connection.prepare(QStringLiteral("DELETE FROM snapshot_flat_positions WHERE snapshot_id = ?"));
    clearFlat.bindValue(0, id);
    m_connection.exec(clearFlat);
    BulkInsert rows(m_connection, QStringLiteral("snapshot_positions"),
                    {QStringLiteral("snapshot_id"), QStringLiteral("instrument_id"), QStringLiteral("quantity"),
                     QStringLiteral("average_price"), QStringLiteral("realized_pnl")});
    for (const Position &p : snapshot.positions) {
        const QString quantity = p.quantity.toString();
        rows.add({id, p.instrumentId, quantity, p.averagePrice, p.realizedPnl});
    }
    rows.finish();
    BulkInsert flat(m_connection, QStringLiteral("snapshot_flat_positions"),
                    {QStringLiteral("snapshot_id"), QStringLiteral("instrument_id"), QStringLiteral("realized_pnl")});
    for (const Position &p : snapshot.flat)
        flat.add({id, p.instrumentId, p.realizedPnl});
    flat.finish();
    ChangeStore(m_connection).record(Change::Kind::Snapshot, snapshot.bookId, snapshot.businessDate);
    tx.commit();
    return {replaced ? Outcome::Replaced : Outcome::Inserted, snapshot.instant};
}

void SnapshotStore::moveStored(const QString &bookId, const QString &date, qint64 storedTime, qint64 instant,
                               const QVariant &tradeMark)
{
    // The fold at the new instant, with the log at the new mark, is the one
    // stored: both move, and the rows stay.
    QSqlQuery move = m_connection.prepare(QStringLiteral(
        "UPDATE snapshots SET snapshot_time = ?, trade_mark = ?"
        " WHERE book_id = ? AND business_date = ? AND snapshot_time < ?"));
    move.bindValue(0, instant);
    move.bindValue(1, tradeMark);
    move.bindValue(2, bookId);
    move.bindValue(3, date);
    move.bindValue(4, instant);
    m_connection.exec(move);
    // The rankings built from it stay as they are (their input did not
    // change); their snapshot instant moves with it (DESIGN.md §2), so they
    // are still those of the day's snapshot. In the caller's transaction: a
    // reader never sees the snapshot moved and its rankings not.
    QSqlQuery rankings = m_connection.prepare(QStringLiteral(
        "UPDATE rankings SET snapshot_time = ? WHERE book_id = ? AND business_date = ? AND snapshot_time = ?"));
    rankings.bindValue(0, instant);
    rankings.bindValue(1, bookId);
    rankings.bindValue(2, date);
    rankings.bindValue(3, storedTime);
    m_connection.exec(rankings);
}

std::optional<SnapshotStore::Result> SnapshotStore::moveInstant(const QString &bookId, const QDate &businessDate,
                                                                const QDateTime &from, const QDateTime &instant,
                                                                qint64 tradeMark)
{
    const QString date = DeskTime::formatDate(businessDate);
    Transaction tx(m_connection);
    QSqlQuery current = m_connection.prepare(m_connection.sql(
        "SELECT snapshot_time, position_count FROM snapshots WHERE book_id = ? AND business_date = ?",
        "SELECT snapshot_time, position_count FROM snapshots WHERE book_id = ? AND business_date = ? FOR UPDATE"));
    current.bindValue(0, bookId);
    current.bindValue(1, date);
    m_connection.exec(current);
    if (!current.next())
        return std::nullopt;
    const qint64 storedTime = current.value(0).toLongLong();
    const int positions = current.value(1).toInt();
    current.finish();
    if (storedTime >= instant.toMSecsSinceEpoch())
        return Result{Outcome::DiscardedOlder, QDateTime::fromMSecsSinceEpoch(storedTime, Qt::UTC), positions};
    if (storedTime != from.toMSecsSinceEpoch())
        return std::nullopt;
    moveStored(bookId, date, storedTime, instant.toMSecsSinceEpoch(), QVariant(tradeMark));
    ChangeStore(m_connection).record(Change::Kind::SnapshotMoved, bookId, businessDate);
    tx.commit();
    return Result{Outcome::InstantMoved, instant, positions};
}

std::optional<PositionSnapshot> SnapshotStore::load(const QString &bookId, const QDate &date) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT s.snapshot_time, p.instrument_id, p.quantity, p.average_price, p.realized_pnl"
        " FROM snapshots s LEFT JOIN snapshot_positions p ON p.snapshot_id = s.snapshot_id"
        " WHERE s.book_id = ? AND s.business_date = ? ORDER BY p.instrument_id"));
    q.bindValue(0, bookId);
    q.bindValue(1, DeskTime::formatDate(date));
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    PositionSnapshot snapshot;
    snapshot.bookId = bookId;
    snapshot.businessDate = date;
    snapshot.instant = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    do {
        if (q.isNull(1))
            break; // an empty snapshot: every position flat
        snapshot.positions.append(Position{bookId, textValue(q, 1), Quantity::fromStored(textValue(q, 2)),
                                           q.value(3).toDouble(), q.value(4).toDouble()});
    } while (q.next());
    return snapshot;
}

QHash<QString, SnapshotStore::Resumable> SnapshotStore::resumable(const QDateTime &asOf, const QString &bookId) const
{
    QString sql = QStringLiteral(
        "SELECT book_id, snapshot_id, snapshot_time, trade_mark, position_count FROM ("
        "  SELECT book_id, snapshot_id, snapshot_time, trade_mark, position_count,"
        "    ROW_NUMBER() OVER (PARTITION BY book_id ORDER BY snapshot_time DESC) AS newest"
        "  FROM snapshots WHERE snapshot_time <= ? AND trade_mark IS NOT NULL%1) s"
        " WHERE newest = 1");
    sql = sql.arg(bookId.isEmpty() ? QString() : QStringLiteral(" AND book_id = ?"));
    QSqlQuery q = m_connection.prepare(sql);
    q.bindValue(0, asOf.toMSecsSinceEpoch());
    if (!bookId.isEmpty())
        q.bindValue(1, bookId);
    m_connection.exec(q);
    QHash<QString, Resumable> result;
    while (q.next()) {
        result.insert(textValue(q, 0), {q.value(1).toLongLong(),
                                        QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC),
                                        q.value(3).toLongLong(), q.value(4).toInt()});
    }
    return result;
}

PositionList SnapshotStore::foldState(qint64 snapshotId, const QString &bookId) const
{
    PositionList state;
    {
        RowReader open(m_connection, QStringLiteral("SELECT instrument_id, quantity, average_price, realized_pnl"
                                                    " FROM snapshot_positions WHERE snapshot_id = ?"), {snapshotId});
        while (open.next())
            state.append(Position{bookId, open.text(0), Quantity::fromStored(open.text(1)), open.real(2), open.real(3)});
    }
    RowReader flat(m_connection, QStringLiteral("SELECT instrument_id, realized_pnl FROM snapshot_flat_positions"
                                                " WHERE snapshot_id = ?"), {snapshotId});
    while (flat.next())
        state.append(Position{bookId, flat.text(0), Quantity(), 0.0, flat.real(1)});
    return state;
}

QList<SnapshotSummary> SnapshotStore::list(const QString &bookId, const QDate &from, const QDate &to,
                                           bool withValues) const
{
    QStringList where;
    QVariantList binds;
    if (!bookId.isEmpty()) {
        where << QStringLiteral("s.book_id = ?");
        binds << bookId;
    }
    if (from.isValid()) {
        where << QStringLiteral("s.business_date >= ?");
        binds << DeskTime::formatDate(from);
    }
    if (to.isValid()) {
        where << QStringLiteral("s.business_date <= ?");
        binds << DeskTime::formatDate(to);
    }
    const QString filter = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    QString sql;
    if (withValues) {
        // Sums per snapshot and instrument currency, so ten million rows
        // never leave the database and no two currencies are added: the
        // conversion to the book's base currency is done below, per
        // currency. Money with the quote factor (bonds ÷ 100); the market
        // price is the latest on or before the business date, cash at 1.
        const char *factor = "(CASE WHEN i.asset_class = 'bond' THEN 100.0 ELSE 1.0 END)";
        const char *price =
            "COALESCE((SELECT m.price FROM market_prices m WHERE m.instrument_id = p.instrument_id"
            "  AND m.business_date <= s.business_date ORDER BY m.business_date DESC LIMIT 1),"
            "  CASE WHEN i.asset_class = 'cash' THEN 1.0 END)";
        sql = QStringLiteral(
            "SELECT s.book_id, s.business_date, s.snapshot_time, s.position_count, b.base_currency,"
            "  i.currency, COUNT(p.instrument_id),"
            "  COALESCE(SUM(p.quantity * p.average_price / %2), 0),"
            "  COALESCE(SUM(ABS(p.quantity * p.average_price / %2)), 0),"
            "  COALESCE(SUM(p.quantity * %3 / %2), 0)"
            " FROM snapshots s"
            " JOIN books b ON b.book_id = s.book_id"
            " LEFT JOIN snapshot_positions p ON p.snapshot_id = s.snapshot_id"
            " LEFT JOIN instruments i ON i.instrument_id = p.instrument_id"
            "%1 GROUP BY s.snapshot_id, s.book_id, s.business_date, s.snapshot_time, s.position_count, b.base_currency, i.currency"
            " ORDER BY s.book_id, s.business_date")
                  .arg(filter, QLatin1StringView(factor), QLatin1StringView(price));
    } else {
        sql = QStringLiteral(
            "SELECT s.book_id, s.business_date, s.snapshot_time, s.position_count, b.base_currency"
            " FROM snapshots s JOIN books b ON b.book_id = s.book_id%1 ORDER BY s.book_id, s.business_date").arg(filter);
    }
    // Read before the listing: PostgreSQL streams its rows, and another
    // statement on the connection would cut them off.
    const QString deskCurrency = DeskSettingsStore(m_connection).baseCurrency();
    const FxRates fx = withValues ? ReferenceDataStore(m_connection).fxRates() : FxRates();
    QSqlQuery q = m_connection.prepare(sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    m_connection.exec(q);
    QList<SnapshotSummary> result;
    while (q.next()) {
        const QString book = textValue(q, 0);
        const QDate date = q.value(1).toDate();
        if (result.isEmpty() || result.constLast().bookId != book || result.constLast().businessDate != date) {
            const QString base = textValue(q, 4);
            result.append({book, date, QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC),
                           q.value(3).toInt(), base.isEmpty() ? deskCurrency : base, 0.0, 0.0, 0.0, 0});
        }
        if (!withValues)
            continue;
        SnapshotSummary &summary = result.last();
        const int positions = q.value(6).toInt();
        if (positions == 0)
            continue;
        const auto rate = q.isNull(5) ? std::nullopt : fx.factor(textValue(q, 5), summary.baseCurrency, date);
        if (!rate) {
            summary.unconverted += positions;
            continue;
        }
        summary.netValue += q.value(7).toDouble() * *rate;
        summary.grossValue += q.value(8).toDouble() * *rate;
        summary.marketValue += q.value(9).toDouble() * *rate;
    }
    return result;
}
