// The field parsers on arbitrary text: ValueParser's rules, Quantity::parse
// and DeskTime's instants and dates. Besides ASan/UBSan's findings, each
// accepted value must keep its promise: a quantity round-trips exactly
// through its text, numbers are finite, prices and quantities are inside
// DESIGN.md §2's bounds, an accepted instant or date is valid.
#include "domain/desktime.h"
#include "domain/quantity.h"
#include "io/valueparser.h"

#include <QTimeZone>

#include <cmath>
#include <cstdint>
#include <cstdlib>

static void check(bool promise)
{
    if (!promise)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;

    if (const auto q = Quantity::parse(text, &error)) {
        const auto again = Quantity::parse(q->toString());
        check(again && *again == *q);
        check(std::isfinite(q->toDouble()));
    } else {
        check(!error.isEmpty());
    }
    if (const auto q = ValueParser::quantity(text, &error))
        check(!q->isZero() && q->abs() < Quantity::units(1'000'000'000'000'000));
    if (const auto n = ValueParser::number(text, &error))
        check(std::isfinite(*n));
    if (const auto p = ValueParser::price(text, &error))
        check(*p > 0.0 && *p < 1e12);
    if (const auto r = ValueParser::rate(text, &error))
        check(*r > 0.0 && std::isfinite(*r));
    if (const auto h = ValueParser::haircut(text, &error))
        check(*h >= 0.0 && *h < 1.0);
    if (const auto id = ValueParser::identifier(text, &error))
        check(*id == text);
    (void)ValueParser::currency(text, &error);
    (void)ValueParser::boolean(text, &error);
    if (const auto d = ValueParser::date(text, true, &error))
        check(d->isNull() || d->isValid());

    static const QTimeZone london("Europe/London");
    for (const QTimeZone &zone : {london, QTimeZone()}) {
        const QDateTime instant = DeskTime::parseInstant(text, zone, &error);
        if (instant.isValid())
            (void)DeskTime::formatInstant(instant);
    }
    const QDate date = DeskTime::parseDate(text, &error);
    if (date.isValid())
        check(DeskTime::parseDate(DeskTime::formatDate(date)) == date);
    return 0;
}
