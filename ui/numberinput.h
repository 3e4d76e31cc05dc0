#pragma once

#include <QString>

#include <optional>

// Numbers as a user types them in a field, in their locale ("1 000,5" in
// French) or plain ("1000.5").
namespace NumberInput {

// The text made plain ("1000.5") without going through a double, so that a
// quantity of 1,000,000,000.000001 stays exact. Group separators count only
// between groups of three digits: "1,5" stays "1,5" (and is refused), never
// 15.
QString normalized(const QString &text);

// An amount of money greater than zero, with the desk's shorthand: "250m",
// "1.5bn", "750k" (case does not matter). nullopt with `error` saying what
// was expected otherwise.
std::optional<double> amount(const QString &text, QString *error);

} // namespace NumberInput
