#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

// Why a ranking line has its haircut, or why it is not eligible, kept
// language-neutral (DESIGN.md §3: outputs are the same whoever runs them):
// an English template from a fixed list (marked for translation in context
// "Note") and its arguments. text() is the English note of files and
// exports; display() is the note in the window's language. An argument may
// be several words joined by Note::PartSeparator; each part is translated
// on its own when the vocabulary has it (bond kinds, maturity buckets).
struct Note
{
    static constexpr QChar PartSeparator = QChar(0x1F);
    static constexpr QChar ArgSeparator = QChar(0x1E);

    QString templ; // e.g. "schedule: %1"
    QStringList args;

    QString text() const;
    QString display() const;
    bool isEmpty() const { return templ.isEmpty(); }

    // The stored form: the template and the arguments, separated.
    QString storedArgs() const { return args.join(ArgSeparator); }
    static Note fromStored(const QString &templ, const QString &args);

    friend bool operator==(const Note &, const Note &) = default;
};

Q_DECLARE_METATYPE(Note)

// The English templates (source strings for translation, context "Note").
namespace Notes {
extern const char *const NoReferenceData;    // "no reference data"
extern const char *const NoFxRate;           // "no FX rate %1→%2 on or before %3"
extern const char *const Override;           // "desk override %1"
extern const char *const Schedule;           // "schedule: %1"
extern const char *const Default;            // "default haircut %1"
extern const char *const NotEligibleRule;    // "%1 is not eligible (schedule: %2)"
extern const char *const BondNoMaturity;
extern const char *const BondMatured;        // "bond matured on %1 is not eligible"
extern const char *const BondNoRating;
extern const char *const HaircutsTooHigh;    // "haircut %1 and FX haircut %2 leave no value"
extern const char *const WithFxHaircut;      // "%1; FX haircut %2 (%3→%4)"
extern const char *const OwnIssue;           // "issued by the counterparty's group"
extern const char *const ExcludedByRule;     // "excluded by rule %1"
extern const char *const NotInSchedule;      // "not in the schedule of %1"
extern const char *const AgreementRule;      // "rule %1 of %2: haircut %3"
extern const char *const AgreementRuleCut;   // … "; counted %4: the %5 issuer limit on %6"

// "2%", "0.5%": a fraction as a neutral percentage.
QString percent(double fraction);
Note make(const char *templ, QStringList args = {});
} // namespace Notes
