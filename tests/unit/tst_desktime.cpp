// Business dates in the desk time zone, desk-local parsing, tick alignment.
#include "domain/desktime.h"

#include <QTest>

class TestDeskTime : public QObject
{
    Q_OBJECT

private slots:
    void businessDate_data();
    void businessDate();
    void parseInstant_data();
    void parseInstant();
    void localTimeInGapIsRejected();
    void formatInstantIsUtcToTheSecond();
    void nextAlignedTick_data();
    void nextAlignedTick();
    void deskZoneIds_data();
    void deskZoneIds();
};

static QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

void TestDeskTime::businessDate_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDateTime>("instant");
    QTest::addColumn<QDate>("expected");

    // New York: EST = UTC−5, EDT = UTC−4; 2026 DST from 8 March to 1 November.
    QTest::newRow("NY 23:59 local is still that day") << "America/New_York" << utc(2026, 1, 16, 4, 59) << QDate(2026, 1, 15);
    QTest::newRow("NY 00:01 local is the next day") << "America/New_York" << utc(2026, 1, 16, 5, 1) << QDate(2026, 1, 16);
    QTest::newRow("NY UTC date differs") << "America/New_York" << utc(2026, 7, 24, 2, 0) << QDate(2026, 7, 23);
    QTest::newRow("NY spring-forward day 23:59 EDT") << "America/New_York" << utc(2026, 3, 9, 3, 59) << QDate(2026, 3, 8);
    QTest::newRow("NY spring-forward day 00:01 EST") << "America/New_York" << utc(2026, 3, 8, 5, 1) << QDate(2026, 3, 8);
    QTest::newRow("NY day after spring-forward 00:01 EDT") << "America/New_York" << utc(2026, 3, 9, 4, 1) << QDate(2026, 3, 9);
    QTest::newRow("NY fall-back day 00:01 EDT") << "America/New_York" << utc(2026, 11, 1, 4, 1) << QDate(2026, 11, 1);
    QTest::newRow("NY fall-back day 23:59 EST") << "America/New_York" << utc(2026, 11, 2, 4, 59) << QDate(2026, 11, 1);
    QTest::newRow("NY after fall-back 00:01 EST") << "America/New_York" << utc(2026, 11, 2, 5, 1) << QDate(2026, 11, 2);
    // London: GMT, BST = UTC+1 from 29 March to 25 October 2026.
    QTest::newRow("London winter 23:59") << "Europe/London" << utc(2026, 1, 15, 23, 59) << QDate(2026, 1, 15);
    QTest::newRow("London summer 00:01 BST is 23:01 UTC") << "Europe/London" << utc(2026, 7, 23, 23, 1) << QDate(2026, 7, 24);
    QTest::newRow("London summer 23:59 BST") << "Europe/London" << utc(2026, 7, 24, 22, 59) << QDate(2026, 7, 24);
    QTest::newRow("London spring-forward day 23:59 BST") << "Europe/London" << utc(2026, 3, 29, 22, 59) << QDate(2026, 3, 29);
    QTest::newRow("London spring-forward day 00:01 GMT") << "Europe/London" << utc(2026, 3, 29, 0, 1) << QDate(2026, 3, 29);
    QTest::newRow("London fall-back day 00:01 BST") << "Europe/London" << utc(2026, 10, 24, 23, 1) << QDate(2026, 10, 25);
    QTest::newRow("London fall-back day 23:59 GMT") << "Europe/London" << utc(2026, 10, 25, 23, 59) << QDate(2026, 10, 25);
    QTest::newRow("Tokyo is ahead of UTC") << "Asia/Tokyo" << utc(2026, 7, 24, 15, 30) << QDate(2026, 7, 25);
}

void TestDeskTime::businessDate()
{
    QFETCH(QString, zone);
    QFETCH(QDateTime, instant);
    QFETCH(QDate, expected);
    QCOMPARE(DeskTime::businessDate(instant, QTimeZone(zone.toUtf8())), expected);
}

void TestDeskTime::parseInstant_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDateTime>("expected"); // invalid: must be rejected

    QTest::newRow("Z") << "2026-03-08T06:30:00Z" << "" << utc(2026, 3, 8, 6, 30);
    QTest::newRow("milliseconds") << "2026-03-08T06:30:00.250Z" << "" << utc(2026, 3, 8, 6, 30).addMSecs(250);
    QTest::newRow("positive offset") << "2026-07-24T15:30:00+02:00" << "" << utc(2026, 7, 24, 13, 30);
    QTest::newRow("negative offset") << "2026-07-24T09:30:00-04:00" << "" << utc(2026, 7, 24, 13, 30);
    QTest::newRow("no seconds") << "2026-07-24T13:30Z" << "" << utc(2026, 7, 24, 13, 30);
    QTest::newRow("desk-local summer") << "2026-07-24T09:30:00" << "America/New_York" << utc(2026, 7, 24, 13, 30);
    QTest::newRow("desk-local winter") << "2026-01-15T09:30:00" << "America/New_York" << utc(2026, 1, 15, 14, 30);
    QTest::newRow("desk-local London BST") << "2026-07-24T09:30:00" << "Europe/London" << utc(2026, 7, 24, 8, 30);
    // 01:30 happens twice on 1 November in New York: the first one (EDT).
    QTest::newRow("repeated hour takes the first") << "2026-11-01T01:30:00" << "America/New_York" << utc(2026, 11, 1, 5, 30);
    QTest::newRow("no offset and no desk zone") << "2026-07-24T09:30:00" << "" << QDateTime();
    QTest::newRow("date only") << "2026-07-24" << "UTC" << QDateTime();
    QTest::newRow("bad month") << "2026-13-24T09:30:00Z" << "" << QDateTime();
    QTest::newRow("bad hour") << "2026-07-24T25:30:00Z" << "" << QDateTime();
    QTest::newRow("trailing garbage") << "2026-07-24T09:30:00Zx" << "" << QDateTime();
    QTest::newRow("slashes") << "24/07/2026 09:30" << "UTC" << QDateTime();
    QTest::newRow("empty") << "" << "UTC" << QDateTime();
}

void TestDeskTime::parseInstant()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(QDateTime, expected);
    QString error;
    const QDateTime parsed = DeskTime::parseInstant(text, zone.isEmpty() ? QTimeZone() : QTimeZone(zone.toUtf8()), &error);
    if (!expected.isValid()) {
        QVERIFY(!parsed.isValid());
        QVERIFY2(error.contains(text), qPrintable(error));
        return;
    }
    QVERIFY2(parsed.isValid(), qPrintable(error));
    QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestDeskTime::localTimeInGapIsRejected()
{
    QString error;
    // 02:30 does not exist in New York on 8 March 2026, nor 01:30 in London on 29 March.
    QVERIFY(!DeskTime::parseInstant(u"2026-03-08T02:30:00", QTimeZone("America/New_York"), &error).isValid());
    QVERIFY2(error.contains(u"America/New_York"), qPrintable(error));
    QVERIFY(!DeskTime::fromLocal(QDate(2026, 3, 29), QTime(1, 30), QTimeZone("Europe/London")));
    QVERIFY(DeskTime::fromLocal(QDate(2026, 3, 29), QTime(2, 30), QTimeZone("Europe/London")));
}

void TestDeskTime::formatInstantIsUtcToTheSecond()
{
    const QDateTime t = QDateTime(QDate(2026, 3, 8), QTime(1, 30, 5, 999), QTimeZone("America/New_York"));
    QCOMPARE(DeskTime::formatInstant(t), QStringLiteral("2026-03-08T06:30:05Z"));
}

void TestDeskTime::nextAlignedTick_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<int>("interval");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("10:03 -> 10:10") << "Europe/London" << utc(2026, 1, 15, 10, 3) << 600 << utc(2026, 1, 15, 10, 10);
    QTest::newRow("on a tick -> next tick") << "Europe/London" << utc(2026, 1, 15, 10, 10) << 600 << utc(2026, 1, 15, 10, 20);
    QTest::newRow("hourly") << "Europe/London" << utc(2026, 1, 15, 10, 59, 59) << 3600 << utc(2026, 1, 15, 11, 0);
    QTest::newRow("half-hour offset zone") << "Asia/Kolkata" << utc(2026, 1, 15, 4, 35) << 3600 << utc(2026, 1, 15, 4, 30).addSecs(3600);
    QTest::newRow("7 min restarts at local midnight") << "UTC" << utc(2026, 1, 15, 23, 58) << 420 << utc(2026, 1, 16, 0, 0);
    QTest::newRow("across spring-forward") << "America/New_York" << utc(2026, 3, 8, 6, 55) << 600 << utc(2026, 3, 8, 7, 0);
    QTest::newRow("during repeated hour") << "America/New_York" << utc(2026, 11, 1, 6, 5) << 600 << utc(2026, 11, 1, 6, 10);
}

void TestDeskTime::nextAlignedTick()
{
    QFETCH(QString, zone);
    QFETCH(QDateTime, now);
    QFETCH(int, interval);
    QFETCH(QDateTime, expected);
    QCOMPARE(DeskTime::nextAlignedTick(now, interval, QTimeZone(zone.toUtf8())), expected);
}

void TestDeskTime::deskZoneIds_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("Europe/London") << QByteArray("Europe/London") << true;
    QTest::newRow("America/New_York") << QByteArray("America/New_York") << true;
    QTest::newRow("three levels") << QByteArray("America/Argentina/Buenos_Aires") << true;
    QTest::newRow("UTC") << QByteArray("UTC") << true;
    // What plain init stores on a system set to UTC: init --timezone takes it back.
    QTest::newRow("Etc/UTC") << QByteArray("Etc/UTC") << true;
    QTest::newRow("Etc/GMT+5") << QByteArray("Etc/GMT+5") << false;
    // QTimeZone takes these as POSIX rules at offset 0.
    QTest::newRow("Paris") << QByteArray("Paris") << false;
    QTest::newRow("London") << QByteArray("London") << false;
    QTest::newRow("invented area") << QByteArray("Mars/Olympus") << false;
    QTest::newRow("invented city") << QByteArray("Europe/Atlantis") << false;
    QTest::newRow("lower case") << QByteArray("europe/london") << false;
    QTest::newRow("area alone") << QByteArray("Europe/") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestDeskTime::deskZoneIds()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, accepted);
    QCOMPARE(DeskTime::isDeskZoneId(id), accepted);
    QCOMPARE(DeskTime::deskZoneIds().contains(id), accepted);
    if (id == "Paris" || id == "London")
        QVERIFY(QTimeZone(id).isValid()); // why the check exists
}

QTEST_GUILESS_MAIN(TestDeskTime)
#include "tst_desktime.moc"
