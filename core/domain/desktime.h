#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>

// Instants, dates and the desk time zone (DESIGN.md §2 "Business date").
// Instants are UTC; the business date is the calendar date of an instant in
// the desk time zone, never the UTC date.
namespace DeskTime {

QDate businessDate(const QDateTime &instant, const QTimeZone &deskZone);

// The names a desk time zone may have: the geographic Area/Location names
// of the system's tz database (Europe/London, America/Argentina/Salta) and
// UTC, sorted. QTimeZone also takes "Paris" or "London" as valid (read as
// POSIX rules at offset 0), which would run the desk on UTC without a word.
const QList<QByteArray> &deskZoneIds();
bool isDeskZoneId(const QByteArray &id);

// The instant of a desk-local wall-clock time. A time that falls in a
// daylight-saving gap does not exist and gives nullopt; a time that occurs
// twice (clocks go back) resolves to its first occurrence.
std::optional<QDateTime> fromLocal(const QDate &date, const QTime &time, const QTimeZone &zone);

// Strict ISO 8601 parsing: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`,
// `±HH:MM` or (only when `deskZone` is valid) nothing, meaning desk-local.
// Returns an invalid QDateTime and sets `error` when the text is not one.
QDateTime parseInstant(QStringView text, const QTimeZone &deskZone, QString *error = nullptr);
QDate parseDate(QStringView text, QString *error = nullptr);

// `2026-03-08T06:30:00Z`: UTC, to the second.
QString formatInstant(const QDateTime &instant);
QString formatDate(const QDate &date);

// The next instant after `now` that is a whole multiple of `intervalSecs`
// since local midnight in `zone` (10:00, 10:10, … for a 10-minute interval).
QDateTime nextAlignedTick(const QDateTime &now, int intervalSecs, const QTimeZone &zone);

} // namespace DeskTime
