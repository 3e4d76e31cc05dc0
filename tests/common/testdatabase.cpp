#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <initializer_list>

// Statements on the test server as the URL's user, outside any Connection.
static void runAsOwner(const DatabaseLocation &location, std::initializer_list<const char *> statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("test-owner"));
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.database);
        if (!db.open())
            qFatal("cannot open the test PostgreSQL server: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        for (const char *sql : statements) {
            if (!q.exec(QString::fromLatin1(sql)))
                qFatal("test server: %s failed: %s", sql, qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-owner"));
}

TestDatabase::TestDatabase(const QString &backend)
{
    if (backend == u"sqlite") {
        m_location.kind = DatabaseLocation::Kind::SQLite;
        m_location.path = m_dir.filePath(QStringLiteral("findesk-test.sqlite"));
        return;
    }
    const QString url = qEnvironmentVariable("FINDESK_TEST_PG_URL");
    if (url.isEmpty()) {
        m_available = false;
        m_skipReason = QStringLiteral("FINDESK_TEST_PG_URL is not set (./test.sh starts a PostgreSQL cluster)");
        return;
    }
    QString error;
    m_location = DatabaseLocation::parse(url, &error).value();
    runAsOwner(m_location, {"SET client_min_messages TO WARNING", "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"});
}

DatabaseLocation TestDatabase::readOnlyLocation() const
{
    Q_ASSERT(m_location.kind == DatabaseLocation::Kind::PostgreSQL);
    runAsOwner(m_location, {"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'findesk_reader')"
                            " THEN CREATE ROLE findesk_reader LOGIN; END IF; END $$",
                            "GRANT USAGE ON SCHEMA public TO findesk_reader",
                            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO findesk_reader"});
    DatabaseLocation reader = m_location;
    reader.user = QStringLiteral("findesk_reader");
    reader.password.clear();
    return reader;
}

void TestDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}
