#include "tradestore.h"

#include "bulkinsert.h"
#include "changestore.h"
#include "connection.h"
#include "rowreader.h"

#include <QSet>

#include <limits>
#include <QSqlQuery>
#include <QVariant>

namespace {

Trade tradeFrom(const QSqlQuery &q, int first = 0)
{
    Trade t;
    t.tradeId = textValue(q, first);
    t.bookId = textValue(q, first + 1);
    t.instrumentId = textValue(q, first + 2);
    t.quantity = Quantity::fromStored(textValue(q, first + 3));
    t.price = q.value(first + 4).toDouble();
    t.tradeTime = QDateTime::fromMSecsSinceEpoch(q.value(first + 5).toLongLong(), Qt::UTC);
    return t;
}

const char *const TradeColumns = "trade_id, book_id, instrument_id, quantity, price, trade_time";

} // namespace

TradeStore::TradeStore(const Connection &connection)
    : m_connection(connection)
{
}

TradeStore::InsertResult TradeStore::insert(const TradeList &trades)
{
    InsertResult result;
    Transaction tx(m_connection);
    if (m_connection.dialect() == SqlDialect::PostgreSQL) {
        // trade_seq in commit order, as on SQLite (whose writers take turns):
        // PostgreSQL draws identity numbers at insert, not at commit, so two
        // imports at once could commit 11 before 10, and a reader seeing 11
        // would take it for the high-water mark while 10 is still to come.
        // Trade writers take this lock before their first number and hold it
        // to their commit, so they take turns too: every number a reader can
        // see was committed after all lower ones, and a later commit draws
        // higher numbers. Readers never wait for it.
        m_connection.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7340118)"));
    }

    QSet<QString> bookIds;
    for (const Trade &t : trades)
        bookIds.insert(t.bookId);
    QSqlQuery book = m_connection.prepare(
        QStringLiteral("INSERT INTO books (book_id) VALUES (?) ON CONFLICT (book_id) DO NOTHING"));
    for (const QString &id : std::as_const(bookIds)) {
        book.bindValue(0, id);
        m_connection.exec(book);
    }

    BulkInsert insert(m_connection, QStringLiteral("trades"),
                      QString::fromLatin1(TradeColumns).split(QStringLiteral(", ")),
                      QStringLiteral("ON CONFLICT (trade_id) DO NOTHING"), 0);
    for (const Trade &t : trades) {
        const QString quantity = t.quantity.toString();
        insert.add({t.tradeId, t.bookId, t.instrumentId, quantity, t.price, t.tradeTime.toMSecsSinceEpoch()});
    }
    insert.finish();
    result.inserted = int(trades.size() - insert.skipped().size());

    // Ids already in the log: identical content is a repeat, other content
    // a conflict that undoes the whole batch.
    QSqlQuery existing = m_connection.prepare(
        QStringLiteral("SELECT %1 FROM trades WHERE trade_id = ?").arg(QLatin1StringView(TradeColumns)));
    for (const qsizetype i : insert.skipped()) {
        const Trade &t = trades.at(i);
        existing.bindValue(0, t.tradeId);
        m_connection.exec(existing);
        existing.next();
        const Trade stored = tradeFrom(existing);
        existing.finish();
        if (stored == t) {
            ++result.skipped;
            continue;
        }
        result.conflict = i;
        result.stored = stored;
        result.inserted = 0;
        return result; // the transaction rolls back
    }
    if (result.inserted > 0)
        ChangeStore(m_connection).record(Change::Kind::Trades);
    tx.commit();
    return result;
}

QList<BookInfo> TradeStore::books() const
{
    QList<BookInfo> result;
    QSqlQuery q = m_connection.exec(QStringLiteral("SELECT book_id, name, base_currency FROM books ORDER BY book_id"));
    while (q.next())
        result.append({textValue(q, 0), textValue(q, 1), textValue(q, 2)});
    return result;
}

QString TradeStore::baseCurrency(const QString &bookId, const QString &deskCurrency) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral("SELECT base_currency FROM books WHERE book_id = ?"));
    q.bindValue(0, bookId);
    m_connection.exec(q);
    const QString own = q.next() ? textValue(q, 0) : QString();
    return own.isEmpty() ? deskCurrency : own;
}

void TradeStore::upsertBooks(const QList<BookInfo> &books)
{
    Transaction tx(m_connection);
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO books (book_id, name, base_currency) VALUES (?, ?, ?)"
        " ON CONFLICT (book_id) DO UPDATE SET name = excluded.name, base_currency = excluded.base_currency"));
    for (const BookInfo &b : books) {
        q.bindValue(0, b.bookId);
        q.bindValue(1, sqlText(b.name));
        q.bindValue(2, sqlText(b.baseCurrency));
        m_connection.exec(q);
    }
    ChangeStore(m_connection).record(Change::Kind::ReferenceData);
    tx.commit();
}

QList<TradingBook> TradeStore::positionsAsOf(const QDateTime &asOf, const QString &bookId) const
{
    QString sql = QStringLiteral("SELECT book_id, instrument_id, quantity, price FROM trades WHERE trade_time <= ?");
    if (!bookId.isEmpty())
        sql += QStringLiteral(" AND book_id = ?");
    sql += QStringLiteral(" ORDER BY book_id, instrument_id, trade_time, trade_id");
    QSqlQuery q = m_connection.prepare(sql);
    q.bindValue(0, asOf.toMSecsSinceEpoch());
    if (!bookId.isEmpty())
        q.bindValue(1, bookId);
    m_connection.exec(q);

    QList<TradingBook> books;
    qint64 rows = 0;
    while (q.next()) {
        const QString book = textValue(q, 0);
        if (books.isEmpty() || books.constLast().bookId() != book)
            books.append(TradingBook(book));
        books.last().apply(textValue(q, 1), Quantity::fromStored(textValue(q, 2)), q.value(3).toDouble());
        ++rows;
    }
    m_connection.countTradeRowsRead(rows);
    return books;
}

void TradeStore::foldInto(TradingBook &book, const QDateTime &after, const QDateTime &upTo,
                          QHash<QString, Trade> *lastApplied) const
{
    // From the start: the fold index, instrument by instrument. After an
    // instant: trades_time, in time order (the fold order of each
    // instrument's trades, which is all a fold needs). Read without a
    // QVariant per value: this is the hot path of every snapshot.
    QString sql = QStringLiteral("SELECT instrument_id, quantity, price%1 FROM trades WHERE book_id = ?%2")
                      .arg(lastApplied ? QStringLiteral(", trade_time, trade_id") : QString(),
                           after.isValid() ? QStringLiteral(" AND trade_time > ? AND trade_time <= ?"
                                                            " ORDER BY book_id, trade_time, trade_id")
                                           : QStringLiteral(" AND trade_time <= ?"
                                                            " ORDER BY book_id, instrument_id, trade_time, trade_id"));
    const qint64 to = upTo.toMSecsSinceEpoch();
    RowReader q = after.isValid() ? RowReader(m_connection, sql, {book.bookId(), after.toMSecsSinceEpoch(), to})
                                  : RowReader(m_connection, sql, {book.bookId(), to});
    QString instrument;
    while (q.next()) {
        // Runs of one instrument share one string (the fold from the start
        // reads them instrument by instrument).
        const QString id = q.text(0);
        if (id != instrument)
            instrument = id;
        const Quantity quantity = Quantity::fromStored(q.text(1));
        const double price = q.real(2);
        book.apply(instrument, quantity, price);
        if (lastApplied) {
            lastApplied->insert(instrument, Trade{q.text(4), book.bookId(), instrument, quantity, price,
                                                  QDateTime::fromMSecsSinceEpoch(q.integer(3), Qt::UTC)});
        }
    }
    m_connection.countTradeRowsRead(q.rows());
}

bool TradeStore::insertedBackDated(const QString &bookId, qint64 sequence, const QDateTime &instant) const
{
    // Reads the trades inserted since (the primary key range), not the log:
    // SQLite would rather seek the book's trades up to the instant on
    // trades_time, which is most of the log; the unary + keeps it off.
    QSqlQuery q = m_connection.prepare(m_connection.sql(
        "SELECT EXISTS (SELECT 1 FROM trades WHERE trade_seq > ? AND +book_id = ? AND +trade_time <= ?)",
        "SELECT EXISTS (SELECT 1 FROM trades WHERE trade_seq > ? AND book_id = ? AND trade_time <= ?)"));
    q.bindValue(0, sequence);
    q.bindValue(1, bookId);
    q.bindValue(2, instant.toMSecsSinceEpoch());
    m_connection.exec(q);
    return q.next() && q.value(0).toBool();
}

bool TradeStore::hasTrades(const QString &bookId, const QDateTime &after, const QDateTime &upTo) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM trades WHERE book_id = ? AND trade_time > ? AND trade_time <= ?)"));
    q.bindValue(0, bookId);
    q.bindValue(1, after.toMSecsSinceEpoch());
    q.bindValue(2, upTo.toMSecsSinceEpoch());
    m_connection.exec(q);
    return q.next() && q.value(0).toBool();
}

TradeList TradeStore::trades(const QString &bookId, qint64 maxSequence) const
{
    QSqlQuery q = m_connection.prepare(
        QStringLiteral("SELECT %1 FROM trades WHERE book_id = ? AND trade_seq <= ?"
                       " ORDER BY book_id, instrument_id, trade_time, trade_id")
            .arg(QLatin1StringView(TradeColumns)));
    q.bindValue(0, bookId);
    q.bindValue(1, maxSequence < 0 ? std::numeric_limits<qint64>::max() : maxSequence);
    m_connection.exec(q);
    TradeList result;
    while (q.next())
        result.append(tradeFrom(q));
    return result;
}

TradeList TradeStore::recentTrades(const QString &bookId, int limit) const
{
    QSqlQuery q = m_connection.prepare(
        QStringLiteral("SELECT %1 FROM trades WHERE book_id = ? ORDER BY trade_time DESC, trade_id DESC LIMIT ?")
            .arg(QLatin1StringView(TradeColumns)));
    q.bindValue(0, bookId);
    q.bindValue(1, limit);
    m_connection.exec(q);
    TradeList result;
    while (q.next())
        result.append(tradeFrom(q));
    return result;
}

TradeList TradeStore::trades(const QString &bookId, const QString &instrumentId) const
{
    // Reads the fold index (book, instrument, time, id) in order.
    QSqlQuery q = m_connection.prepare(
        QStringLiteral("SELECT %1 FROM trades WHERE book_id = ? AND instrument_id = ?"
                       " ORDER BY book_id, instrument_id, trade_time, trade_id")
            .arg(QLatin1StringView(TradeColumns)));
    q.bindValue(0, bookId);
    q.bindValue(1, instrumentId);
    m_connection.exec(q);
    TradeList result;
    while (q.next())
        result.append(tradeFrom(q));
    return result;
}

qint64 TradeStore::lastSequence() const
{
    QSqlQuery q = m_connection.exec(QStringLiteral("SELECT COALESCE(MAX(trade_seq), 0) FROM trades"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<LoggedTrade> TradeStore::insertedAfter(qint64 sequence, int limit) const
{
    QSqlQuery q = m_connection.prepare(
        QStringLiteral("SELECT %1, trade_seq FROM trades WHERE trade_seq > ? ORDER BY trade_seq LIMIT ?")
            .arg(QLatin1StringView(TradeColumns)));
    q.bindValue(0, sequence);
    q.bindValue(1, limit);
    m_connection.exec(q);
    QList<LoggedTrade> result;
    while (q.next())
        result.append({q.value(6).toLongLong(), tradeFrom(q)});
    return result;
}

bool TradeStore::changedSince(qint64 sequence, const QDateTime &after, const QDateTime &upTo) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM trades WHERE trade_seq > ?)"
        " OR EXISTS (SELECT 1 FROM trades WHERE trade_time > ? AND trade_time <= ?)"));
    q.bindValue(0, sequence);
    q.bindValue(1, after.toMSecsSinceEpoch());
    q.bindValue(2, upTo.toMSecsSinceEpoch());
    m_connection.exec(q);
    return q.next() && q.value(0).toBool();
}
