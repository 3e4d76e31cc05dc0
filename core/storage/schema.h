#pragma once

class Connection;
class QSqlDatabase;
class QString;

// The versioned schema. open() runs at every connection: it refuses a
// database written by a newer program (before changing anything), sets the
// connection's pragmas and applies the missing migrations in one
// transaction. Both dialects get the same tables, keys and constraints.
namespace Schema {

constexpr int LatestVersion = 4;

// Without `mayCreate` a database with no FinDesk schema yet is refused
// (only `init` and the window's first start create one).
void open(Connection &connection, bool mayCreate = true);
int version(const Connection &connection);

// The look before anything is changed, also on a connection opened
// read-only: the version in schema_info, 0 when the database holds no table
// at all. Throws StorageError, naming what it found, when the database holds
// tables but no schema_info (another application's), when schema_info holds
// anything but one small positive integer, when the version is newer than
// this program's, and (without `mayCreate`) when there is no schema yet.
int check(const QSqlDatabase &db, bool sqlite, const QString &displayName, bool mayCreate);

} // namespace Schema
