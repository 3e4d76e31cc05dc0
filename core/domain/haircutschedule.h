#pragma once

#include "instrument.h"
#include "note.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// Residual maturity buckets of the supervisory table, counted as
// (maturity − business date) in days / 365.25.
enum class MaturityBucket { Any, UpTo1Year, From1To5Years, Over5Years };

// One row of a haircut schedule: which instruments it matches and the
// haircut it gives them, or that they are not eligible. Empty criteria match
// anything.
struct HaircutRule
{
    std::optional<AssetClass> assetClass;
    std::optional<IssuerType> issuerType;
    int bestNotch = 0;         // rating range on Rating::scale(), inclusive
    int worstNotch = -1;       // -1: any rating
    bool unrated = false;      // matches instruments without a rating
    MaturityBucket maturity = MaturityBucket::Any;
    std::optional<bool> mainIndex;
    std::optional<double> haircut; // nullopt: not eligible
    int line = 0;              // where it came from, for the note

    QString describe() const;
    Note note;                 // "schedule: …", made once when the schedule is built
};

// How a position's haircut was decided (DESIGN.md §2, first match wins:
// override, schedule, desk default).
struct HaircutDecision
{
    enum class Source { Override, Schedule, Default };

    bool eligible = true;
    double haircut = 0.0;
    Source source = Source::Default;
    Note note; // the rule used, or why not eligible
};

// The desk's haircut schedule: rules tried in file order.
class HaircutSchedule
{
public:
    HaircutSchedule() = default;
    explicit HaircutSchedule(QList<HaircutRule> rules);

    const QList<HaircutRule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }

    // The first rule matching the instrument at the business date.
    const HaircutRule *match(const Instrument &instrument, const QDate &businessDate) const;

    static MaturityBucket bucket(const QDate &businessDate, const QDate &maturity);

private:
    QList<HaircutRule> m_rules;
};

// Overrides, schedule and default together: the haircut of one instrument.
// The notes that repeat are made once here, not once per position.
class HaircutPolicy
{
public:
    HaircutPolicy(HaircutSchedule schedule = {}, QHash<QString, double> overrides = {}, double defaultHaircut = 0.10);

    const HaircutSchedule &schedule() const { return m_schedule; }
    double defaultHaircut() const { return m_defaultHaircut; }

    // The desk's haircut of an instrument with reference data (one without
    // is never collateral: the ranking says so before asking).
    HaircutDecision decide(const QString &instrumentId, const Instrument *instrument, const QDate &businessDate) const;

private:
    HaircutSchedule m_schedule;
    QHash<QString, double> m_overrides;
    double m_defaultHaircut;
    Note m_defaultNote;
};
