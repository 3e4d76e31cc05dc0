#include "note.h"

#include <QCoreApplication>

namespace Notes {
const char *const NoReferenceData = QT_TRANSLATE_NOOP("Note", "no reference data");
const char *const NoFxRate = QT_TRANSLATE_NOOP("Note", "no FX rate %1→%2 on or before %3");
const char *const Override = QT_TRANSLATE_NOOP("Note", "desk override %1");
const char *const Schedule = QT_TRANSLATE_NOOP("Note", "schedule: %1");
const char *const Default = QT_TRANSLATE_NOOP("Note", "default haircut %1");
const char *const NotEligibleRule = QT_TRANSLATE_NOOP("Note", "%1 is not eligible (schedule: %2)");
const char *const BondNoMaturity = QT_TRANSLATE_NOOP("Note", "bond without maturity date is not eligible");
const char *const BondMatured = QT_TRANSLATE_NOOP("Note", "bond matured on %1 is not eligible");
const char *const BondNoRating = QT_TRANSLATE_NOOP("Note", "bond without rating is not eligible");
const char *const HaircutsTooHigh = QT_TRANSLATE_NOOP("Note", "haircut %1 and FX haircut %2 leave no value");
const char *const WithFxHaircut = QT_TRANSLATE_NOOP("Note", "%1; FX haircut %2 (%3→%4)");
const char *const OwnIssue = QT_TRANSLATE_NOOP("Note", "issued by the counterparty's group");
const char *const ExcludedByRule = QT_TRANSLATE_NOOP("Note", "excluded by rule %1");
const char *const NotInSchedule = QT_TRANSLATE_NOOP("Note", "not in the schedule of %1");
const char *const AgreementRule = QT_TRANSLATE_NOOP("Note", "rule %1 of %2: haircut %3");
const char *const AgreementRuleCut = QT_TRANSLATE_NOOP("Note", "rule %1 of %2: haircut %3; counted %4: the %5 issuer limit on %6");

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'g', 6) + u'%';
}

Note make(const char *templ, QStringList args)
{
    return Note{QString::fromUtf8(templ), std::move(args)};
}
} // namespace Notes

namespace {

// %1…%9 replaced in one pass, so an argument holding "%2" stays as it is.
QString fill(const QString &templ, const QStringList &args)
{
    QString out;
    out.reserve(templ.size() + 32);
    for (qsizetype i = 0; i < templ.size(); ++i) {
        const QChar c = templ.at(i);
        if (c == u'%' && i + 1 < templ.size() && templ.at(i + 1) >= u'1' && templ.at(i + 1) <= u'9') {
            const int n = templ.at(i + 1).unicode() - u'1';
            if (n < args.size()) {
                out += args.at(n);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

QString Note::text() const
{
    QStringList plain;
    plain.reserve(args.size());
    for (const QString &a : args)
        plain.append(QString(a).replace(PartSeparator, u' '));
    return fill(templ, plain);
}

QString Note::display() const
{
    QStringList translated;
    translated.reserve(args.size());
    for (const QString &a : args) {
        QStringList parts = a.split(PartSeparator);
        for (QString &part : parts) {
            const QByteArray source = part.toUtf8();
            part = QCoreApplication::translate("Note", source.constData());
        }
        translated.append(parts.join(u' '));
    }
    const QByteArray source = templ.toUtf8();
    return fill(QCoreApplication::translate("Note", source.constData()), translated);
}

Note Note::fromStored(const QString &templ, const QString &args)
{
    return Note{templ, args.isEmpty() ? QStringList() : args.split(ArgSeparator)};
}
