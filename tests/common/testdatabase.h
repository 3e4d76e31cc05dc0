#pragma once

#include "storage/databaselocation.h"

#include <QString>
#include <QTemporaryDir>

// A fresh, empty database for one test on either backend. SQLite lives in a
// temporary folder; PostgreSQL is a database of this test program's own on
// the server named by FINDESK_TEST_PG_URL (tests/pg_cluster.sh starts one),
// "<database>_<program>", whose public schema is emptied first.
class TestDatabase
{
public:
    // "sqlite" or "postgresql"
    explicit TestDatabase(const QString &backend);

    bool available() const { return m_available; }
    QString skipReason() const { return m_skipReason; }
    const DatabaseLocation &location() const { return m_location; }
    QString locationArgument() const { return m_location.toString(); }

    // PostgreSQL: the same database as a role that may only read it
    // (findesk_reader, SELECT on every table there is now).
    DatabaseLocation readOnlyLocation() const;

    // Adds the global test data rows "sqlite" and "postgresql".
    static void addBackendRows();

private:
    QTemporaryDir m_dir;
    DatabaseLocation m_location;
    bool m_available = true;
    QString m_skipReason;
};
