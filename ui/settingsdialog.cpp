#include "settingsdialog.h"

#include "domain/desktime.h"
#include "domain/money.h"
#include "storage/databaselocation.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(const Values &values, QWidget *parent)
    : QDialog(parent)
    , m_interval(new QSpinBox(this))
    , m_zone(new QComboBox(this))
    , m_zoneProblem(new QLabel(this))
    , m_haircut(new QDoubleSpinBox(this))
    , m_currency(new QComboBox(this))
    , m_fxHaircut(new QDoubleSpinBox(this))
    , m_database(new QLineEdit(this))
{
    setWindowTitle(tr("Settings"));
    m_interval->setRange(1, 240);
    m_interval->setSuffix(tr(" min"));
    m_interval->setValue(values.intervalMinutes);
    m_interval->setToolTip(tr("Snapshots are taken on the clock: every 10 minutes means 10:00, 10:10, …"));

    // The IANA names only, searchable by any part ("york" finds America/New_York).
    for (const QByteArray &id : DeskTime::deskZoneIds())
        m_zone->addItem(QString::fromUtf8(id));
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_zone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    // Shown as stored (Etc/UTC too, what a system set to UTC calls it), so
    // that OK does not rewrite a zone nobody changed.
    const QByteArray current = values.deskZone.id();
    m_zone->setCurrentText(QString::fromUtf8(current));
    m_zone->lineEdit()->setPlaceholderText(tr("Area/City, e.g. Europe/London"));
    m_zone->setToolTip(tr("Business dates are calendar dates in this zone. Stored snapshots keep their dates."));
    m_zoneProblem->setWordWrap(true);
    m_zoneProblem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_zoneProblem->setVisible(false);
    connect(m_zone, &QComboBox::currentTextChanged, m_zoneProblem, [this] { m_zoneProblem->setVisible(false); });

    m_haircut->setRange(0.0, 99.99);
    m_haircut->setDecimals(2);
    m_haircut->setSuffix(QStringLiteral(" %"));
    m_haircut->setValue(values.defaultHaircut * 100.0);
    m_haircut->setToolTip(tr("For instruments the haircut schedule does not cover. Built rankings keep theirs until rebuilt."));

    // Any ISO 4217 code; the common ones are offered.
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    m_currency->addItems({QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("CHF"),
                          QStringLiteral("JPY"), QStringLiteral("CAD"), QStringLiteral("AUD"), QStringLiteral("SEK")});
    m_currency->setCurrentText(values.baseCurrency);
    m_currency->setToolTip(tr("The currency of the totals and the desk ranking of books that have no base currency of their own."));
    m_fxHaircut->setRange(0.0, 99.99);
    m_fxHaircut->setDecimals(2);
    m_fxHaircut->setSuffix(QStringLiteral(" %"));
    m_fxHaircut->setValue(values.fxHaircut * 100.0);
    m_fxHaircut->setToolTip(tr("Added to the haircut of collateral in another currency than the ranking's (Basel: 8%, 10-day)."));

    m_database->setText(values.databaseLocation);
    m_database->setPlaceholderText(DatabaseLocation::defaultLocation().displayName());
    m_database->setToolTip(tr("A SQLite file, or postgresql://user@host:port/dbname for a shared desk. Takes effect at the next start."));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Database file"), m_database->text(), tr("SQLite database (*.sqlite *.db);;All files (*)"),
                                                          nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_database->setText(file);
    });
    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Snapshot &interval:"), m_interval);
    form->addRow(tr("Desk &time zone:"), m_zone);
    form->addRow(QString(), m_zoneProblem);
    form->addRow(tr("Default &haircut:"), m_haircut);
    form->addRow(tr("Desk base &currency:"), m_currency);
    form->addRow(tr("&FX haircut:"), m_fxHaircut);
    // A row of a layout gets no buddy from addRow(): the label would show "&Database:".
    auto *databaseLabel = new QLabel(tr("&Database:"), this);
    databaseLabel->setBuddy(m_database);
    form->addRow(databaseLabel, databaseRow);
    auto *note = new QLabel(tr("The desk time zone, base currency and haircuts are shared by everyone using this database."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!DeskTime::isDeskZoneId(m_zone->currentText().trimmed().toUtf8())) {
            m_zoneProblem->setText(tr("\"%1\" is not an IANA time zone: choose one from the list, like Europe/Paris "
                                      "or America/New_York.").arg(m_zone->currentText()));
            m_zoneProblem->setVisible(true);
            adjustSize(); // room for the sentence, not a clipped line
            m_zone->setFocus();
            m_zone->lineEdit()->selectAll();
            return;
        }
        if (!Money::isCurrencyCode(m_currency->currentText().trimmed())) {
            m_currency->setFocus();
            m_currency->lineEdit()->selectAll();
            m_zoneProblem->setText(tr("\"%1\" is not a currency code: three capital letters, like EUR.").arg(m_currency->currentText()));
            m_zoneProblem->setVisible(true);
            return;
        }
        QString why;
        const QString location = m_database->text().trimmed();
        const auto parsed = location.isEmpty() ? std::nullopt : DatabaseLocation::parse(location, &why);
        if (!location.isEmpty() && !parsed) {
            m_database->setFocus();
            return;
        }
        // The location is kept in the settings file, in clear: a password
        // belongs in ~/.pgpass or PGPASSWORD, where libpq finds it.
        if (parsed && !parsed->password.isEmpty()) {
            m_database->setFocus();
            m_zoneProblem->setText(tr("Leave the password out of the database location: it would be stored in clear "
                                      "with the settings. PostgreSQL reads it from ~/.pgpass or PGPASSWORD."));
            m_zoneProblem->setVisible(true);
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SettingsDialog::zoneProblem() const
{
    return m_zoneProblem->isHidden() ? QString() : m_zoneProblem->text();
}

SettingsDialog::Values SettingsDialog::values() const
{
    return {m_interval->value(), QTimeZone(m_zone->currentText().trimmed().toUtf8()), m_haircut->value() / 100.0,
            m_database->text().trimmed(), m_currency->currentText().trimmed(), m_fxHaircut->value() / 100.0};
}
