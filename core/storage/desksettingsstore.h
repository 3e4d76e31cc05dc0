#pragma once

#include <QString>
#include <QTimeZone>

#include <optional>

class Connection;

// Settings that belong to the desk's database rather than to one user:
// the desk time zone, base currency, default and FX haircuts, and the
// haircut schedule.
class DeskSettingsStore
{
public:
    explicit DeskSettingsStore(const Connection &connection);

    std::optional<QString> value(const QString &key) const;
    void setValue(const QString &key, const QString &value);

    QTimeZone deskTimeZone() const;
    void setDeskTimeZone(const QTimeZone &zone);
    double defaultHaircut() const;
    void setDefaultHaircut(double haircut);
    // The currency of books that have none of their own (default USD).
    QString baseCurrency() const;
    void setBaseCurrency(const QString &currency);
    // The currency-mismatch haircut of the desk ranking (default 8%).
    double fxHaircut() const;
    void setFxHaircut(double haircut);
    // The desk's own schedule as CSV text, or empty for the shipped one.
    QString haircutSchedule() const;
    void setHaircutSchedule(const QString &csv);

private:
    const Connection &m_connection;
};
