#include "testdatabase.h"

#include <QCoreApplication>
#include <QFileInfo>
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
    // Each test program has a database of its own on the server, so that
    // ctest runs them side by side: advisory locks, NOTIFY channels and the
    // schema are per database. It is made afresh by the program's first
    // TestDatabase; each later one empties its schema.
    static const QString own = [this] {
        const QString name = m_location.database + u'_'
                             + QFileInfo(QCoreApplication::applicationFilePath()).baseName().toLower();
        const QByteArray quoted = '"' + name.toUtf8() + '"';
        runAsOwner(m_location, {"SET client_min_messages TO WARNING",
                                ("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)").constData(),
                                ("CREATE DATABASE " + quoted).constData()});
        return name;
    }();
    m_location.database = own;
    runAsOwner(m_location, {"SET client_min_messages TO WARNING", "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"});
}

DatabaseLocation TestDatabase::readOnlyLocation() const
{
    Q_ASSERT(m_location.kind == DatabaseLocation::Kind::PostgreSQL);
    // Roles are the server's: test programs running side by side may both
    // create it.
    runAsOwner(m_location, {"DO $$ BEGIN CREATE ROLE findesk_reader LOGIN;"
                            " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
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
