#include "numberinput.h"

#include "io/valueparser.h"

#include <QCoreApplication>
#include <QLocale>

namespace NumberInput {

namespace {

// Group separators only between groups of three digits ("1,000,000"): in
// "1,5" the comma is someone's decimal point, and reading it as a
// separator would make 15 of 1.5.
bool groupsOfThree(QStringView integerPart, QStringView separator)
{
    const auto groups = integerPart.split(separator);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QStringView g = groups.at(i);
        if (g.isEmpty() || (i > 0 && g.size() != 3) || (i == 0 && g.size() > 3 && groups.size() > 1))
            return false;
    }
    return true;
}

} // namespace

QString normalized(const QString &text)
{
    const QLocale locale;
    QString plain = text.trimmed();
    if (locale.decimalPoint() != u'.' && plain.contains(locale.decimalPoint())) {
        for (const QString &separator : {locale.groupSeparator(), QString(QChar(0x202F)), QStringLiteral(" ")})
            plain.remove(separator); // a narrow no-break space and a space: French group separators
        plain.replace(locale.decimalPoint(), QStringLiteral("."));
        return plain;
    }
    const QString separator = locale.groupSeparator();
    if (separator.isEmpty() || !plain.contains(separator))
        return plain;
    // The digits before the decimal point (and a sign, a unit letter) must
    // be grouped by three; otherwise the text is left as typed, which the
    // number parser refuses with what it expected.
    qsizetype end = plain.indexOf(u'.');
    if (end < 0)
        end = plain.size();
    qsizetype begin = 0;
    while (begin < end && !plain.at(begin).isDigit())
        ++begin;
    qsizetype last = end;
    while (last > begin && !plain.at(last - 1).isDigit())
        --last;
    if (!groupsOfThree(QStringView(plain).mid(begin, last - begin), separator))
        return plain;
    plain.remove(separator);
    return plain;
}

std::optional<double> amount(const QString &text, QString *error)
{
    QString plain = normalized(text).toLower();
    double scale = 1.0;
    for (const auto &[suffix, factor] : {std::pair{QStringLiteral("bn"), 1e9}, std::pair{QStringLiteral("m"), 1e6},
                                         std::pair{QStringLiteral("k"), 1e3}}) {
        if (plain.endsWith(suffix)) {
            plain.chop(suffix.size());
            plain = plain.trimmed();
            scale = factor;
            break;
        }
    }
    QString why;
    const auto value = ValueParser::number(plain, &why);
    if (!value || !(*value > 0.0)) {
        *error = QCoreApplication::translate("NumberInput", "expected an amount greater than 0, like 250000000 or 250m, got \"%1\"")
                     .arg(text.trimmed());
        return std::nullopt;
    }
    return *value * scale;
}

} // namespace NumberInput
