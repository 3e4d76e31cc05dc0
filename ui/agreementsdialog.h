#pragma once

#include "io/tables.h"
#include "services/deskstorage.h"
#include "tablemodel.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class TablePanel;

using AgreementModel = ListModel<AgreementTraits>;

// An agreement's eligibility schedule; each row's tooltip says in words what
// the rule accepts or excludes.
class EligibilityModel : public ListModel<EligibilityRuleTraits>
{
    Q_OBJECT

public:
    using ListModel::ListModel;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

// The desk's collateral agreements and their eligibility schedules, read
// only: why an item is, or is not, eligible under an agreement. Both tables
// export like every table (the files import again as they are).
class AgreementsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AgreementsDialog(DeskStorage &reader, QWidget *parent = nullptr);

    AgreementModel *agreements() const { return m_agreements; }
    EligibilityModel *rules() const { return m_rules; }
    TablePanel *agreementPanel() const { return m_agreementPanel; }
    QString shownAgreement() const { return m_shown; }

public slots:
    // Reads the agreements again and shows the schedule of `agreementId`
    // (the first agreement when empty or unknown).
    void reload(const QString &agreementId = {});
    void showAgreement(const QString &agreementId);

signals:
    void loaded(); // the agreements and the schedule shown are read

private:
    DeskStorage &m_reader;
    AgreementsLoad m_load;
    QString m_wanted;
    QString m_shown;
    AgreementModel *m_agreements;
    EligibilityModel *m_rules;
    TablePanel *m_agreementPanel;
    TablePanel *m_rulePanel;
    QLabel *m_about;
    QFutureWatcher<Loaded<AgreementsLoad>> m_loading;
};
