#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

// Where the desk's database lives: a SQLite file (the embedded default) or
// a PostgreSQL server given as postgresql://user[:password]@host[:port]/db.
struct DatabaseLocation
{
    enum class Kind { SQLite, PostgreSQL };

    Kind kind = Kind::SQLite;
    QString path;      // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static std::optional<DatabaseLocation> parse(const QString &text, QString *error);
    // findesk.sqlite in the user's application-data folder.
    static DatabaseLocation defaultLocation();

    // The location as the user typed it, without the password.
    QString displayName() const;
    QString toString() const;
};

Q_DECLARE_METATYPE(DatabaseLocation)
