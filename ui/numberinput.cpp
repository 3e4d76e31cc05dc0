#include "numberinput.h"

#include "io/valueparser.h"

#include <QCoreApplication>
#include <QLocale>

namespace NumberInput {

QString normalized(const QString &text)
{
    const QLocale locale;
    QString plain = text.trimmed();
    if (locale.decimalPoint() != u'.' && plain.contains(locale.decimalPoint())) {
        plain.remove(locale.groupSeparator());
        plain.remove(QChar(0x202F)); // narrow no-break space, a French group separator
        plain.remove(u' ');
        plain.replace(locale.decimalPoint(), QStringLiteral("."));
    } else {
        plain.remove(locale.groupSeparator());
    }
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
