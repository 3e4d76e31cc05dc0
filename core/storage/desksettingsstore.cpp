#include "desksettingsstore.h"

#include "changestore.h"
#include "connection.h"
#include "domain/money.h"

#include <QLocale>
#include <QSqlQuery>
#include <QVariant>

DeskSettingsStore::DeskSettingsStore(const Connection &connection)
    : m_connection(connection)
{
}

std::optional<QString> DeskSettingsStore::value(const QString &key) const
{
    QSqlQuery q = m_connection.prepare(QStringLiteral("SELECT value FROM desk_settings WHERE key = ?"));
    q.bindValue(0, key);
    m_connection.exec(q);
    if (!q.next())
        return std::nullopt;
    return textValue(q, 0);
}

void DeskSettingsStore::setValue(const QString &key, const QString &value)
{
    // Unchanged: nothing written, and no change for every other desk to read
    // again (Settings → OK writes each shared setting it shows).
    if (this->value(key) == value)
        return;
    QSqlQuery q = m_connection.prepare(QStringLiteral(
        "INSERT INTO desk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.bindValue(0, key);
    q.bindValue(1, value);
    // Other desks' windows learn of it through the change log, recorded in
    // the same transaction (the caller's, or one of its own).
    std::optional<Transaction> tx;
    if (!m_connection.inTransaction())
        tx.emplace(m_connection);
    m_connection.exec(q);
    ChangeStore(m_connection).record(Change::Kind::Settings);
    if (tx)
        tx->commit();
}

QTimeZone DeskSettingsStore::deskTimeZone() const
{
    const QTimeZone zone(value(QStringLiteral("desk_timezone")).value_or(QString()).toUtf8());
    return zone.isValid() ? zone : QTimeZone(QTimeZone::systemTimeZoneId());
}

void DeskSettingsStore::setDeskTimeZone(const QTimeZone &zone)
{
    setValue(QStringLiteral("desk_timezone"), QString::fromUtf8(zone.id()));
}

double DeskSettingsStore::defaultHaircut() const
{
    bool ok = false;
    const double h = value(QStringLiteral("default_haircut")).value_or(QString()).toDouble(&ok);
    return ok && h >= 0.0 && h < 1.0 ? h : 0.10;
}

void DeskSettingsStore::setDefaultHaircut(double haircut)
{
    setValue(QStringLiteral("default_haircut"), QString::number(haircut, 'g', QLocale::FloatingPointShortest));
}

QString DeskSettingsStore::haircutSchedule() const
{
    return value(QStringLiteral("haircut_schedule")).value_or(QString());
}

void DeskSettingsStore::setHaircutSchedule(const QString &csv)
{
    setValue(QStringLiteral("haircut_schedule"), csv);
}

QString DeskSettingsStore::baseCurrency() const
{
    const QString code = value(QStringLiteral("base_currency")).value_or(QString());
    return Money::isCurrencyCode(code) ? code : QStringLiteral("USD");
}

void DeskSettingsStore::setBaseCurrency(const QString &currency)
{
    setValue(QStringLiteral("base_currency"), currency);
}

double DeskSettingsStore::fxHaircut() const
{
    bool ok = false;
    const double h = value(QStringLiteral("fx_haircut")).value_or(QString()).toDouble(&ok);
    return ok && h >= 0.0 && h < 1.0 ? h : 0.08;
}

void DeskSettingsStore::setFxHaircut(double haircut)
{
    setValue(QStringLiteral("fx_haircut"), QString::number(haircut, 'g', QLocale::FloatingPointShortest));
}
