#pragma once

#include <QString>
#include <QTimeZone>

#include <optional>

class Connection;

// Settings that belong to the desk's database rather than to one user:
// the desk time zone, the default haircut and the haircut schedule.
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
    // The desk's own schedule as CSV text, or empty for the shipped one.
    QString haircutSchedule() const;
    void setHaircutSchedule(const QString &csv);

private:
    const Connection &m_connection;
};
