#include "access.h"

#include "connection.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace Access {

QString readOnlyReason(const Connection &connection)
{
    if (connection.dialect() == SqlDialect::SQLite) {
        const QFileInfo file(connection.location().path);
        const QFileInfo folder(file.absolutePath());
        if (!file.isWritable() || !folder.isWritable()) {
            // WAL needs its -wal and -shm files beside the database.
            return QCoreApplication::translate("Access", "this user may not write the file %1 (or its folder)")
                .arg(file.absoluteFilePath());
        }
        return {};
    }
    // What a desk writes: the trade log, snapshots, rankings, the change log
    // and the settings. has_table_privilege() with several privileges is
    // true if any is held, so one by one.
    QSqlQuery q = connection.exec(QStringLiteral(
        "SELECT current_user, current_setting('transaction_read_only') = 'on',"
        " has_table_privilege('trades', 'INSERT'),"
        " has_table_privilege('snapshots', 'INSERT') AND has_table_privilege('snapshots', 'UPDATE')"
        "  AND has_table_privilege('snapshot_positions', 'INSERT') AND has_table_privilege('snapshot_positions', 'DELETE'),"
        " has_table_privilege('rankings', 'INSERT') AND has_table_privilege('rankings', 'UPDATE')"
        "  AND has_table_privilege('ranking_items', 'INSERT') AND has_table_privilege('ranking_items', 'DELETE'),"
        " has_table_privilege('changes', 'INSERT'),"
        " has_table_privilege('desk_settings', 'INSERT') AND has_table_privilege('desk_settings', 'UPDATE')"));
    if (!q.next())
        return {};
    const QString user = textValue(q, 0);
    if (q.value(1).toBool())
        return QCoreApplication::translate("Access", "the PostgreSQL server accepts no writes (a read-only server or standby)");
    const char *const tables[] = {"trades", "snapshots", "rankings", "changes", "desk_settings"};
    for (int i = 0; i < 5; ++i) {
        if (!q.value(2 + i).toBool()) {
            return QCoreApplication::translate("Access", "the database user \"%1\" may only read (no write grant on %2)")
                .arg(user, QString::fromLatin1(tables[i]));
        }
    }
    return {};
}

} // namespace Access
