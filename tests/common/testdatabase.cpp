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

void TestDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}
