#include "quantity.h"

#include <QCoreApplication>
#include <QHashFunctions>

#include <stdexcept>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Quantity", text);
}

// QVariant::toDouble() and toString() of a Quantity cell (models, sorting,
// the xlsx writer) go through these.
const bool convertersRegistered = [] {
    QMetaType::registerConverter<Quantity, double>(&Quantity::toDouble);
    QMetaType::registerConverter<Quantity, QString>(&Quantity::toString);
    return true;
}();

constexpr QuantityMicros pow10(int n)
{
    QuantityMicros p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

// 10^30 units: far beyond any quantity a file may hold (trades are bounded
// at 10^15), small enough that parsing never overflows.
constexpr int MaxIntegerDigits = 30;

} // namespace

std::optional<Quantity> Quantity::parse(QStringView text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Quantity> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return fail(tr("expected a number, got nothing"));

    qsizetype i = 0;
    const qsizetype n = s.size();
    bool negative = false;
    if (s[i] == u'+' || s[i] == u'-')
        negative = s[i++] == u'-';

    // The significant digits, and how many of them follow the point.
    QString digits;
    int fractionDigits = 0;
    bool seenPoint = false, seenDigit = false;
    for (; i < n; ++i) {
        const QChar c = s[i];
        if (c >= u'0' && c <= u'9') {
            seenDigit = true;
            if (digits.isEmpty() && c == u'0' && !seenPoint)
                continue; // leading zeros
            digits.append(c);
            if (seenPoint)
                ++fractionDigits;
        } else if (c == u'.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!seenDigit)
        return fail(tr("expected a number like 1234.5, got \"%1\"").arg(text));
    int exponent = 0;
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        bool expNegative = false;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            expNegative = s[i++] == u'-';
        const qsizetype start = i;
        while (i < n && s[i] >= u'0' && s[i] <= u'9') {
            if (exponent < 10000)
                exponent = exponent * 10 + (s[i].unicode() - u'0');
            ++i;
        }
        if (i == start)
            return fail(tr("expected a number like 1234.5, got \"%1\"").arg(text));
        if (expNegative)
            exponent = -exponent;
    }
    if (i != n)
        return fail(tr("expected a number like 1234.5, got \"%1\"").arg(text));

    // value = digits × 10^(exponent − fractionDigits); in millionths the
    // power is that + 6. Trailing zeros beyond the sixth place are exact.
    int power = exponent - fractionDigits + Decimals;
    while (power < 0 && digits.endsWith(u'0')) {
        digits.chop(1);
        ++power;
    }
    while (digits.startsWith(u'0'))
        digits.remove(0, 1);
    if (digits.isEmpty())
        return Quantity();
    if (power < 0)
        return fail(tr("\"%1\" has more than %2 decimal places").arg(text).arg(Decimals));
    if (digits.size() + power - Decimals > MaxIntegerDigits)
        return fail(tr("the quantity \"%1\" is out of range").arg(text));
    QuantityMicros micros = 0;
    for (const QChar c : std::as_const(digits))
        micros = micros * 10 + (c.unicode() - u'0');
    micros *= pow10(power);
    return Quantity(negative ? -micros : micros);
}

Quantity Quantity::fromStored(QStringView text)
{
    QString why;
    const auto q = parse(text, &why);
    if (!q)
        qFatal("a stored quantity is not a decimal: %s", qPrintable(why));
    return *q;
}

QString Quantity::toString() const
{
    QuantityMicros v = m_micros < 0 ? -m_micros : m_micros;
    char buffer[64];
    int pos = sizeof buffer;
    buffer[--pos] = '\0';
    int place = 0;
    bool any = false;
    // Fraction digits, dropping trailing zeros.
    for (; place < Decimals; ++place) {
        const int digit = int(v % 10);
        v /= 10;
        if (digit == 0 && !any)
            continue;
        any = true;
        buffer[--pos] = char('0' + digit);
    }
    if (any)
        buffer[--pos] = '.';
    do {
        buffer[--pos] = char('0' + int(v % 10));
        v /= 10;
    } while (v > 0);
    if (m_micros < 0)
        buffer[--pos] = '-';
    return QString::fromLatin1(buffer + pos);
}

int Quantity::decimals() const
{
    QuantityMicros v = m_micros < 0 ? -m_micros : m_micros;
    int d = Decimals;
    while (d > 0 && v % 10 == 0) {
        v /= 10;
        --d;
    }
    return d;
}

Quantity Quantity::operator+(Quantity other) const
{
    QuantityMicros sum;
    if (__builtin_add_overflow(m_micros, other.m_micros, &sum))
        throw std::overflow_error("quantity overflow");
    return Quantity(sum);
}

Quantity Quantity::operator-(Quantity other) const
{
    QuantityMicros difference;
    if (__builtin_sub_overflow(m_micros, other.m_micros, &difference))
        throw std::overflow_error("quantity overflow");
    return Quantity(difference);
}

size_t qHash(Quantity q, size_t seed)
{
    const QuantityMicros m = q.micros();
    return qHashMulti(seed, quint64(m), quint64(m >> 64));
}
