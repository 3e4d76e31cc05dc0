#include "valueparser.h"

#include "domain/desktime.h"
#include "domain/money.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace ValueParser {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ValueParser", text);
}

bool isPlainNumber(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    auto digitsFrom = [&](qsizetype from) {
        qsizetype j = from;
        while (j < n && s[j] >= u'0' && s[j] <= u'9')
            ++j;
        return j;
    };
    if (i < n && (s[i] == u'+' || s[i] == u'-'))
        ++i;
    qsizetype j = digitsFrom(i);
    bool mantissa = j > i;
    i = j;
    if (i < n && s[i] == u'.') {
        j = digitsFrom(i + 1);
        mantissa = mantissa || j > i + 1;
        i = j;
    }
    if (!mantissa)
        return false;
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        j = digitsFrom(i);
        if (j == i)
            return false;
        i = j;
    }
    return i == n;
}

template<typename T>
std::optional<T> failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<double> number(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return failWith<double>(error, tr("expected a number, got nothing"));
    if (!isPlainNumber(s))
        return failWith<double>(error, tr("expected a number like 1234.5, got \"%1\"").arg(text));
    bool ok = false;
    const double value = QLocale::c().toDouble(s, &ok);
    if (!ok || !std::isfinite(value))
        return failWith<double>(error, tr("the number \"%1\" is out of range").arg(text));
    return value;
}

std::optional<Quantity> quantity(QStringView text, QString *error)
{
    static const Quantity limit = Quantity::units(1'000'000'000'000'000);
    const auto value = Quantity::parse(text, error);
    if (!value)
        return std::nullopt;
    if (value->isZero())
        return failWith<Quantity>(error, tr("expected a non-zero quantity (+ buy, − sell), got %1").arg(text));
    if (value->abs() >= limit)
        return failWith<Quantity>(error, tr("the quantity %1 is out of range: expected less than 10^15 in magnitude").arg(text));
    return value;
}

std::optional<double> price(QStringView text, QString *error)
{
    const auto value = number(text, error);
    if (value && *value <= 0.0)
        return failWith<double>(error, tr("expected a price greater than 0, got %1").arg(text));
    // DESIGN.md §2 says > 0; a price like 1e-320 (subnormal) is > 0 but no
    // real price, and positions and money built on it lose all precision.
    if (value && *value < 1e-9)
        return failWith<double>(error, tr("the price %1 is out of range: expected at least 10^-9").arg(text));
    if (value && *value >= 1e12)
        return failWith<double>(error, tr("the price %1 is out of range: expected less than 10^12").arg(text));
    return value;
}

std::optional<double> rate(QStringView text, QString *error)
{
    const auto value = number(text, error);
    if (value && !(*value > 0.0 && *value < 1e12))
        return failWith<double>(error, tr("expected an FX rate greater than 0, got %1").arg(text));
    return value;
}

std::optional<QString> currency(QStringView text, QString *error)
{
    if (!Money::isCurrencyCode(text))
        return failWith<QString>(error, tr("expected a three-letter ISO currency code like EUR, got \"%1\"").arg(text));
    return text.toString();
}

std::optional<double> haircut(QStringView text, QString *error)
{
    const auto value = number(text, error);
    if (value && (*value < 0.0 || *value >= 1.0))
        return failWith<double>(error, tr("expected a haircut fraction from 0 up to (not including) 1, e.g. 0.05 for 5%, got %1").arg(text));
    return value;
}

std::optional<QString> identifier(QStringView text, QString *error)
{
    if (text.trimmed().isEmpty())
        return failWith<QString>(error, tr("expected an identifier, got nothing"));
    // DESIGN.md §2: U+0000–U+001F and U+007F (and the C1 controls) are
    // refused. The message names the character instead of printing it: a
    // NUL or an escape sequence would cut or garble the line on a terminal.
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].category() == QChar::Other_Control)
            return failWith<QString>(error, tr("the identifier contains the control character U+%1 at character %2")
                                                .arg(QString::number(text[i].unicode(), 16).toUpper().rightJustified(4, u'0'))
                                                .arg(i + 1));
    }
    // Noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, U+nFFFE/F) are not for
    // interchange, and SQLite hands U+FFFE and U+FFFF back as U+FFFD: the
    // engines would store different ids. Refused like control characters.
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
        if (QChar::isNonCharacter(c))
            return failWith<QString>(error, tr("the identifier contains the noncharacter U+%1 at character %2")
                                                .arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'))
                                                .arg(i + 1));
        if (c > 0xFFFF)
            ++i;
    }
    if (text.trimmed().size() != text.size())
        return failWith<QString>(error, tr("the identifier \"%1\" has leading or trailing spaces").arg(text));
    return text.toString();
}

std::optional<bool> boolean(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.compare(u"true", Qt::CaseInsensitive) == 0)
        return true;
    if (s.compare(u"false", Qt::CaseInsensitive) == 0)
        return false;
    return failWith<bool>(error, tr("expected true or false, got \"%1\"").arg(text));
}

std::optional<QDate> date(QStringView text, bool allowEmpty, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty()) {
        if (allowEmpty)
            return QDate();
        return failWith<QDate>(error, tr("expected a date as YYYY-MM-DD, got nothing"));
    }
    const QDate d = DeskTime::parseDate(s, error);
    if (!d.isValid())
        return std::nullopt;
    return d;
}

} // namespace ValueParser
