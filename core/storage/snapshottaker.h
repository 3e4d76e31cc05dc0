#pragma once

#include "databaselocation.h"

#include <QString>

#include <memory>

class Connection;
class QLockFile;

// One desk per database runs the snapshot timer: several windows on one
// shared database would otherwise all fold and store every book every ten
// minutes. The role goes with a lock that ends with its holder: on
// PostgreSQL a session-level advisory lock on the snapshot worker's kept
// connection (released by the server when the session ends, however it
// ends); on SQLite a lock file beside the database (QLockFile: stale once
// its process is gone). A desk that does not hold it tries again at each
// tick, so the role is taken over within one interval.
class SnapshotTaker
{
public:
    explicit SnapshotTaker(const DatabaseLocation &location);
    ~SnapshotTaker();

    // In the snapshot worker's thread, with its kept connection: true when
    // this desk holds the role (taking it if it is free).
    bool claim(const Connection &connection);
    // Who holds it, for the status bar ("FinDesk on host (pid 123)"); empty
    // when nobody does or it cannot be told.
    QString holder(const Connection &connection) const;

private:
    DatabaseLocation m_location;
    std::unique_ptr<QLockFile> m_file;
};
