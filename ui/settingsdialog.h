#pragma once

#include <QDialog>
#include <QTimeZone>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Settings: the snapshot interval and database location belong to this
// user (QSettings); the desk time zone and default haircut to the desk's
// database (every user of it sees them).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Values
    {
        int intervalMinutes = 10;
        QTimeZone deskZone;
        double defaultHaircut = 0.10; // a fraction
        QString databaseLocation;     // empty: the default
        QString baseCurrency = QStringLiteral("USD"); // books without their own
        double fxHaircut = 0.08;      // a fraction: the currency-mismatch add-on
    };

    explicit SettingsDialog(const Values &values, QWidget *parent = nullptr);
    Values values() const;
    QComboBox *zoneBox() const { return m_zone; }
    QString zoneProblem() const;

private:
    QSpinBox *m_interval;
    QComboBox *m_zone;
    QLabel *m_zoneProblem;
    QDoubleSpinBox *m_haircut;
    QComboBox *m_currency;
    QDoubleSpinBox *m_fxHaircut;
    QLineEdit *m_database;
};
