#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

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
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("test-reset"));
        db.setHostName(m_location.host);
        db.setPort(m_location.port);
        db.setUserName(m_location.user);
        db.setPassword(m_location.password);
        db.setDatabaseName(m_location.database);
        if (!db.open())
            qFatal("cannot open the test PostgreSQL server: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET client_min_messages TO WARNING"));
        if (!q.exec(QStringLiteral("DROP SCHEMA public CASCADE")) || !q.exec(QStringLiteral("CREATE SCHEMA public")))
            qFatal("cannot reset the test schema: %s", qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-reset"));
}

DatabaseLocation TestDatabase::readOnlyLocation() const
{
    Q_ASSERT(m_location.kind == DatabaseLocation::Kind::PostgreSQL);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("test-grants"));
        db.setHostName(m_location.host);
        db.setPort(m_location.port);
        db.setUserName(m_location.user);
        db.setPassword(m_location.password);
        db.setDatabaseName(m_location.database);
        if (!db.open())
            qFatal("cannot open the test PostgreSQL server: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        for (const char *sql : {"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'findesk_reader')"
                                " THEN CREATE ROLE findesk_reader LOGIN; END IF; END $$",
                                "GRANT USAGE ON SCHEMA public TO findesk_reader",
                                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO findesk_reader"}) {
            if (!q.exec(QString::fromLatin1(sql)))
                qFatal("cannot grant the reader role: %s", qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-grants"));
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
