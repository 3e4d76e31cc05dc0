#include "desktime.h"

#include <QCoreApplication>

namespace DeskTime {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DeskTime", text);
}

// Reads exactly `count` decimal digits at `pos`.
bool digits(QStringView s, qsizetype pos, int count, int *out)
{
    if (pos + count > s.size())
        return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    *out = value;
    return true;
}

bool parseDateAt(QStringView s, QDate *date)
{
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || !digits(s, 0, 4, &y) || s[4] != u'-' || !digits(s, 5, 2, &m)
        || s[7] != u'-' || !digits(s, 8, 2, &d))
        return false;
    *date = QDate(y, m, d);
    return date->isValid();
}

} // namespace

QDate businessDate(const QDateTime &instant, const QTimeZone &deskZone)
{
    return instant.toTimeZone(deskZone).date();
}

const QList<QByteArray> &deskZoneIds()
{
    static const QList<QByteArray> ids = [] {
        // The areas of the tz database's geographic zones (not Etc/, US/, …).
        static const QByteArray areas[] = {"Africa/", "America/", "Antarctica/", "Arctic/", "Asia/",
                                           "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/"};
        // UTC under both its names: Etc/UTC is what a system set to UTC reports.
        QList<QByteArray> out{QByteArrayLiteral("UTC"), QByteArrayLiteral("Etc/UTC")};
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
            if (std::any_of(std::begin(areas), std::end(areas), [&id](const QByteArray &area) {
                    return id.startsWith(area) && id.size() > area.size();
                }))
                out.append(id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return ids;
}

bool isDeskZoneId(const QByteArray &id)
{
    const QList<QByteArray> &ids = deskZoneIds();
    return std::binary_search(ids.cbegin(), ids.cend(), id) && QTimeZone(id).isValid();
}

std::optional<QDateTime> fromLocal(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    // Qt's own resolution of repeated and missing local times has changed
    // between versions, so the rule is spelled out here: try the offsets in
    // force half a day either side and keep the ones that map back.
    const QDateTime naiveUtc(date, time, Qt::UTC);
    std::optional<QDateTime> best;
    for (const qint64 shift : {-12 * 3600, 12 * 3600}) {
        const int offset = zone.offsetFromUtc(naiveUtc.addSecs(shift));
        const QDateTime candidate = naiveUtc.addSecs(-offset);
        if (zone.offsetFromUtc(candidate) != offset)
            continue;
        if (!best || candidate < *best)
            best = candidate;
    }
    return best;
}

QDate parseDate(QStringView text, QString *error)
{
    QDate date;
    if (text.size() != 10 || !parseDateAt(text, &date)) {
        if (error)
            *error = tr("expected a date as YYYY-MM-DD, got \"%1\"").arg(text);
        return {};
    }
    return date;
}

QDateTime parseInstant(QStringView s, const QTimeZone &deskZone, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QDateTime();
    };
    const QString expected = tr("expected an ISO 8601 instant like 2026-03-08T06:30:00Z, got \"%1\"").arg(s);

    QDate date;
    int hh = 0, mm = 0, ss = 0, ms = 0;
    if (!parseDateAt(s, &date) || s.size() < 16 || (s[10] != u'T' && s[10] != u' ')
        || !digits(s, 11, 2, &hh) || s[13] != u':' || !digits(s, 14, 2, &mm))
        return fail(expected);
    qsizetype pos = 16;
    if (pos < s.size() && s[pos] == u':') {
        if (!digits(s, pos + 1, 2, &ss))
            return fail(expected);
        pos += 3;
        if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
            ++pos;
            int scale = 100, n = 0;
            while (pos < s.size() && s[pos].isDigit()) {
                ms += scale * (s[pos].unicode() - u'0');
                scale /= 10;
                ++pos;
                ++n;
            }
            if (n == 0)
                return fail(expected);
        }
    }
    const QTime time(hh, mm, ss, ms);
    if (!time.isValid())
        return fail(expected);

    if (pos == s.size()) {
        if (!deskZone.isValid())
            return fail(tr("expected an instant with an offset or Z, got \"%1\"").arg(s));
        const auto local = fromLocal(date, time, deskZone);
        if (!local) {
            return fail(tr("%1 does not exist in %2 (the clocks go forward)")
                            .arg(s, QString::fromUtf8(deskZone.id())));
        }
        return *local;
    }
    if (s[pos] == u'Z' && pos + 1 == s.size())
        return QDateTime(date, time, Qt::UTC);

    int oh = 0, om = 0;
    if ((s[pos] == u'+' || s[pos] == u'-') && pos + 6 == s.size() && digits(s, pos + 1, 2, &oh)
        && s[pos + 3] == u':' && digits(s, pos + 4, 2, &om) && oh < 24 && om < 60) {
        const int offset = (s[pos] == u'-' ? -1 : 1) * (oh * 3600 + om * 60);
        return QDateTime(date, time, Qt::UTC).addSecs(-offset);
    }
    return fail(expected);
}

QString formatInstant(const QDateTime &instant)
{
    return instant.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'");
}

QString formatDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QDateTime nextAlignedTick(const QDateTime &now, int intervalSecs, const QTimeZone &zone)
{
    // Daylight-saving shifts are whole hours, so counting elapsed time from
    // the local time of day keeps ticks on the wall-clock grid through them
    // for any interval that divides an hour; every grid restarts at midnight.
    const qint64 sinceMidnight = now.toTimeZone(zone).time().msecsSinceStartOfDay();
    const qint64 step = qint64(intervalSecs) * 1000;
    const qint64 wait = std::min(step - sinceMidnight % step, 24 * 3600 * 1000 - sinceMidnight);
    return now.addMSecs(std::max<qint64>(wait, 1)).toUTC();
}

} // namespace DeskTime
