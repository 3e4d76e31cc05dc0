#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

// An exact signed decimal quantity with up to six decimal places (DESIGN.md
// §2: quantities are summed exactly and a position is flat exactly when its
// quantity is zero). Kept as a 128-bit count of millionths: a repo desk's
// 10 bn nominal with a fractional millionth is exact, and no sum of trades
// below 10^15 each can overflow it. Text is the lossless form (files,
// SQLite TEXT, PostgreSQL NUMERIC); toDouble() is for money and display.
// GCC and Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 QuantityMicros;

class Quantity
{
public:
    static constexpr int Decimals = 6;
    static constexpr qint64 Scale = 1'000'000;

    constexpr Quantity() = default;
    // Whole units from an int literal (`{…, 100, 10.5, …}`); never from a
    // double, which would carry binary rounding in.
    constexpr Quantity(int units) : m_micros(QuantityMicros(units) * Scale) {}
    Quantity(double) = delete;
    // A whole number of units.
    static constexpr Quantity units(qint64 n) { return Quantity(QuantityMicros(n) * Scale); }
    static constexpr Quantity fromMicros(QuantityMicros micros) { return Quantity(micros); }

    // A plain decimal (`-1234.5`, `1000000000.000001`, `1.5e3`): no binary
    // rounding; more than six decimal places (other than trailing zeros) or
    // a magnitude of 10^30 and more is refused with `error` set.
    static std::optional<Quantity> parse(QStringView text, QString *error = nullptr);
    // For text this program wrote itself (the database): parse() or fatal.
    static Quantity fromStored(QStringView text);

    // The shortest plain decimal: `3`, `-0.5`, `1000000000.000001`.
    QString toString() const;
    double toDouble() const { return double(m_micros) / double(Scale); }
    QuantityMicros micros() const { return m_micros; }

    bool isZero() const { return m_micros == 0; }
    bool isPositive() const { return m_micros > 0; }
    bool isNegative() const { return m_micros < 0; }
    Quantity abs() const { return Quantity(m_micros < 0 ? -m_micros : m_micros); }
    // Decimal places the value needs (0 for whole units).
    int decimals() const;

    // Checked: a sum that would leave the 128-bit range throws std::overflow_error.
    Quantity operator+(Quantity other) const;
    Quantity operator-(Quantity other) const;
    Quantity operator-() const { return Quantity(-m_micros); }
    Quantity &operator+=(Quantity other) { return *this = *this + other; }
    Quantity &operator-=(Quantity other) { return *this = *this - other; }

    friend constexpr bool operator==(Quantity a, Quantity b) { return a.m_micros == b.m_micros; }
    friend constexpr std::strong_ordering operator<=>(Quantity a, Quantity b) { return a.m_micros <=> b.m_micros; }

private:
    constexpr explicit Quantity(QuantityMicros micros) : m_micros(micros) {}
    QuantityMicros m_micros = 0;
};

Q_DECLARE_TYPEINFO(Quantity, Q_PRIMITIVE_TYPE);
Q_DECLARE_METATYPE(Quantity)

size_t qHash(Quantity q, size_t seed = 0);
