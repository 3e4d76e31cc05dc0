#include "snapshottaker.h"

#include "connection.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QLockFile>
#include <QSqlQuery>
#include <QVariant>

namespace {

// The advisory lock of the role (7340117-7340119: migrations, trade and
// change numbers, which are transaction-level).
constexpr int TakerLock = 7340120;

QString describe(qint64 pid, const QString &host)
{
    return QCoreApplication::translate("SnapshotTaker", "FinDesk on %1 (pid %2)").arg(host).arg(pid);
}

} // namespace

SnapshotTaker::SnapshotTaker(const DatabaseLocation &location)
    : m_location(location)
{
}

SnapshotTaker::~SnapshotTaker() = default;

bool SnapshotTaker::claim(const Connection &connection)
{
    if (connection.dialect() == SqlDialect::SQLite) {
        if (!m_file) {
            m_file = std::make_unique<QLockFile>(m_location.path + QStringLiteral(".snapshot-taker"));
            m_file->setStaleLockTime(0); // stale only when its process is gone
        }
        return m_file->isLocked() || m_file->tryLock(0);
    }
    // Held already by this session? (pg_try_advisory_lock would take it
    // once more and count.) A reopened connection is a new session.
    QSqlQuery held = connection.exec(QStringLiteral(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %1 AND objsubid = 1"
        " AND pid = pg_backend_pid() AND granted").arg(TakerLock));
    if (held.next() && held.value(0).toInt() > 0)
        return true;
    held.finish();
    QSqlQuery take = connection.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(TakerLock));
    if (!take.next() || !take.value(0).toBool())
        return false;
    take.finish();
    // Named, so that the other desks can say who takes the snapshots.
    QSqlQuery name = connection.prepare(QStringLiteral("SELECT set_config('application_name', ?, false)"));
    name.bindValue(0, describe(QCoreApplication::applicationPid(), QSysInfo::machineHostName()).left(63));
    connection.exec(name);
    return true;
}

QString SnapshotTaker::holder(const Connection &connection) const
{
    if (connection.dialect() == SqlDialect::SQLite) {
        qint64 pid = 0;
        QString host, application;
        if (m_file && m_file->getLockInfo(&pid, &host, &application))
            return describe(pid, host);
        return {};
    }
    QSqlQuery q = connection.exec(QStringLiteral(
        "SELECT a.application_name, COALESCE(host(a.client_addr), '') FROM pg_locks l"
        " JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.objid = %1 AND l.objsubid = 1 AND l.granted"
        // Advisory locks belong to a database; pg_locks lists the cluster's.
        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())").arg(TakerLock));
    if (!q.next())
        return {};
    const QString name = textValue(q, 0);
    const QString address = textValue(q, 1);
    return address.isEmpty() || name.contains(address) ? name : QStringLiteral("%1, %2").arg(name, address);
}
