#pragma once

#include "domain/quantity.h"

#include <QDate>
#include <QString>
#include <QStringView>

#include <optional>

// The rules for one field's text, shared by the file importers, the command
// line and the trade ticket. Each returns nullopt and explains why in
// `error` (a sentence fragment: "expected …, got …").
namespace ValueParser {

// A plain decimal number: optional sign, digits, optional fraction and
// exponent; no thousands separators, no inf/nan. Surrounding spaces are
// ignored.
std::optional<double> number(QStringView text, QString *error);
// An exact, non-zero, signed quantity below 10^15 in magnitude with at
// most six decimal places (DESIGN.md §2).
std::optional<Quantity> quantity(QStringView text, QString *error);
// A price from 10^-9 (DESIGN.md §2 says > 0: a subnormal like 1e-320 is not a
// price) to below 10^12.
std::optional<double> price(QStringView text, QString *error);
// An FX rate: a finite number > 0.
std::optional<double> rate(QStringView text, QString *error);
// A three-letter ISO 4217 code (three capital letters).
std::optional<QString> currency(QStringView text, QString *error);
// A fraction in [0, 1).
std::optional<double> haircut(QStringView text, QString *error);
// An identifier: not empty, no leading or trailing spaces, no control chars.
std::optional<QString> identifier(QStringView text, QString *error);
std::optional<bool> boolean(QStringView text, QString *error);
// YYYY-MM-DD, or nothing when `allowEmpty`.
std::optional<QDate> date(QStringView text, bool allowEmpty, QString *error);

} // namespace ValueParser
