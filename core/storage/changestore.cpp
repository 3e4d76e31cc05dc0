#include "changestore.h"

#include "connection.h"
#include "domain/desktime.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <optional>

namespace {

// The advisory lock that orders change numbers (7340117: migrations,
// 7340118: trade numbers).
constexpr int ChangeNumberLock = 7340119;

QString kindName(Change::Kind kind)
{
    switch (kind) {
    case Change::Kind::Trades: return QStringLiteral("trades");
    case Change::Kind::Snapshot: return QStringLiteral("snapshot");
    case Change::Kind::SnapshotMoved: return QStringLiteral("snapshot-moved");
    case Change::Kind::Ranking: return QStringLiteral("ranking");
    case Change::Kind::ReferenceData: return QStringLiteral("reference");
    case Change::Kind::Agreements: return QStringLiteral("agreements");
    case Change::Kind::Settings: return QStringLiteral("settings");
    }
    return {};
}

std::optional<Change::Kind> kindFromName(const QString &name)
{
    for (const auto kind : {Change::Kind::Trades, Change::Kind::Snapshot, Change::Kind::SnapshotMoved, Change::Kind::Ranking,
                            Change::Kind::ReferenceData, Change::Kind::Agreements, Change::Kind::Settings}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt; // written by a newer FinDesk: not this one's to show
}

// Who wrote a change: one id per process, so that a window can tell its own
// services' changes (which they signal directly) from other desks'.
const QString &processOrigin()
{
    static const QString origin = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return origin;
}

} // namespace

ChangeStore::ChangeStore(const Connection &connection)
    : m_connection(connection)
{
}

QString ChangeStore::channel()
{
    return QStringLiteral("findesk_changes");
}

void ChangeStore::record(Change::Kind kind, const QString &bookId, const QDate &businessDate,
                         const QString &agreementId)
{
    if (m_connection.dialect() == SqlDialect::PostgreSQL)
        m_connection.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(ChangeNumberLock));
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO changes (kind, book_id, business_date, agreement_id, origin, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, kindName(kind));
    q.bindValue(1, sqlText(bookId));
    q.bindValue(2, businessDate.isValid() ? DeskTime::formatDate(businessDate) : QStringLiteral(""));
    q.bindValue(3, sqlText(agreementId));
    q.bindValue(4, processOrigin());
    q.bindValue(5, QDateTime::currentMSecsSinceEpoch());
    m_connection.exec(q);
    if (m_connection.dialect() == SqlDialect::PostgreSQL) {
        // Delivered at commit, and not at all after a rollback; repeated
        // notifications of one transaction arrive once.
        m_connection.exec(QStringLiteral("NOTIFY %1").arg(channel()));
    }
}

qint64 ChangeStore::last() const
{
    QSqlQuery q = m_connection.exec(QStringLiteral("SELECT COALESCE(MAX(change_seq), 0) FROM changes"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 ChangeStore::lastOf(Change::Kind kind) const
{
    // From the newest back: the change asked for is usually recent.
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT change_seq FROM changes WHERE kind = ? ORDER BY change_seq DESC LIMIT 1"));
    q.bindValue(0, kindName(kind));
    m_connection.exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<Change> ChangeStore::after(qint64 sequence, int limit) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "SELECT change_seq, kind, book_id, business_date, agreement_id, origin FROM changes"
        " WHERE change_seq > ? ORDER BY change_seq LIMIT ?"));
    q.bindValue(0, sequence);
    q.bindValue(1, limit);
    m_connection.exec(q);
    QList<Change> changes;
    while (q.next()) {
        const auto kind = kindFromName(textValue(q, 1));
        if (!kind)
            continue;
        Change c;
        c.sequence = q.value(0).toLongLong();
        c.kind = *kind;
        c.bookId = textValue(q, 2);
        const QString date = textValue(q, 3);
        c.businessDate = date.isEmpty() ? QDate() : DeskTime::parseDate(date);
        c.agreementId = textValue(q, 4);
        c.ownProcess = textValue(q, 5) == processOrigin();
        changes.append(c);
    }
    return changes;
}

void ChangeStore::prune(int days)
{
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "DELETE FROM changes WHERE recorded_at < ? AND change_seq < (SELECT MAX(change_seq) FROM changes)"));
    q.bindValue(0, QDateTime::currentMSecsSinceEpoch() - qint64(days) * 24 * 3600 * 1000);
    m_connection.exec(q);
}
