#include "databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace {

// The URL as typed, its password (if any) replaced by asterisks: a message
// may repeat what the user typed, never the password.
QString withoutPassword(const QString &url)
{
    const qsizetype scheme = url.indexOf(u"://");
    const qsizetype at = url.lastIndexOf(u'@');
    if (scheme < 0 || at < scheme)
        return url;
    const qsizetype colon = url.indexOf(u':', scheme + 3);
    if (colon < 0 || colon > at)
        return url;
    return url.left(colon + 1) + QStringLiteral("****") + url.mid(at);
}

} // namespace

std::optional<DatabaseLocation> DatabaseLocation::parse(const QString &text, QString *error)
{
    DatabaseLocation location;
    if (text.startsWith(u"postgresql://") || text.startsWith(u"postgres://")) {
        const QUrl url(text, QUrl::StrictMode);
        const QString database = url.path().mid(1);
        if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(u'/')) {
            if (error)
                *error = QCoreApplication::translate("DatabaseLocation",
                    "expected postgresql://user[:password]@host[:port]/dbname, got \"%1\"").arg(withoutPassword(text));
            return std::nullopt;
        }
        location.kind = Kind::PostgreSQL;
        location.host = url.host();
        location.port = url.port(5432);
        location.user = url.userName();
        location.password = url.password();
        location.database = database;
        return location;
    }
    if (text.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("DatabaseLocation", "the database location is empty");
        return std::nullopt;
    }
    location.path = QDir::cleanPath(QDir::current().absoluteFilePath(text));
    return location;
}

DatabaseLocation DatabaseLocation::defaultLocation()
{
    DatabaseLocation location;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    location.path = QDir(dir).absoluteFilePath(QStringLiteral("findesk.sqlite"));
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (kind == Kind::SQLite)
        return QDir::toNativeSeparators(path);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

QString DatabaseLocation::toString() const
{
    if (kind == Kind::SQLite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setPassword(password);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    return url.toString();
}
