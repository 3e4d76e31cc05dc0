#include "agreementsdialog.h"

#include "desktableview.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

QVariant EligibilityModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ToolTipRole && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        const EligibilityRule &rule = m_rows.at(index.row());
        return tr("Rule %1: %2").arg(rule.ruleId, rule.describe());
    }
    return ListModel::data(index, role);
}

AgreementsDialog::AgreementsDialog(DeskStorage &reader, QWidget *parent)
    : QDialog(parent)
    , m_reader(reader)
    , m_agreements(new AgreementModel(this))
    , m_rules(new EligibilityModel(this))
    , m_agreementPanel(new TablePanel(QStringLiteral("agreements"), this))
    , m_rulePanel(new TablePanel(QStringLiteral("eligibility"), this))
    , m_about(new QLabel(this))
{
    setWindowTitle(tr("Collateral agreements"));
    m_agreements->setTitle(tr("Agreements"));
    m_agreementPanel->setModel(m_agreements);
    m_rulePanel->setModel(m_rules, {EligibilityRuleTraits::AgreementId});
    m_about->setWordWrap(true);
    m_about->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_agreementPanel);
    auto *lower = new QWidget(splitter);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_about);
    lowerLayout->addWidget(m_rulePanel, 1);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The desk's agreements (read only; import-agreements, import-eligibility and "
                                    "import-costs change them). Choose one to see its eligibility schedule: "
                                    "exclusions win over inclusions, and the largest haircut of the matching "
                                    "inclusions applies."), this));
    qobject_cast<QLabel *>(layout->itemAt(0)->widget())->setWordWrap(true);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(1000, 620);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_agreementPanel->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QModelIndex source = m_agreementPanel->proxy()->mapToSource(current);
                if (source.isValid())
                    showAgreement(m_agreements->rows().at(source.row()).agreementId);
            });
    connect(&m_loading, &QFutureWatcher<Loaded<AgreementsLoad>>::finished, this, [this] {
        const auto loaded = m_loading.result();
        if (!loaded.ok()) {
            m_about->setText(tr("The agreements could not be read: %1").arg(loaded.error));
            emit this->loaded();
            return;
        }
        m_load = loaded.value;
        m_agreements->setRows(m_load.agreements);
        if (m_load.agreements.isEmpty()) {
            m_rules->setRows({});
            m_about->setText(tr("The desk has no collateral agreement yet: import one with "
                                "findesk import-agreements and its schedule with import-eligibility."));
            emit this->loaded();
            return;
        }
        const bool known = std::any_of(m_load.agreements.cbegin(), m_load.agreements.cend(),
                                       [this](const Agreement &a) { return a.agreementId == m_wanted; });
        showAgreement(known ? m_wanted : m_load.agreements.constFirst().agreementId);
        emit this->loaded();
    });
    reload();
}

void AgreementsDialog::reload(const QString &agreementId)
{
    m_wanted = agreementId;
    m_about->setText(tr("Reading the agreements…"));
    m_loading.setFuture(m_reader.agreements());
}

void AgreementsDialog::showAgreement(const QString &agreementId)
{
    m_wanted = agreementId; // or shown once read, if the reading is not done
    const auto it = std::find_if(m_load.agreements.cbegin(), m_load.agreements.cend(),
                                 [&](const Agreement &a) { return a.agreementId == agreementId; });
    if (it == m_load.agreements.cend())
        return;
    m_shown = agreementId;
    const QList<EligibilityRule> rules = m_load.rules.value(agreementId);
    m_rules->setTitle(tr("%1 eligibility").arg(agreementId));
    m_rules->setRows(rules);
    QStringList terms;
    terms << tr("%1 with %2, %3 in %4").arg(it->agreementId, it->counterparty, Agreement::toString(it->type), it->baseCurrency);
    terms << (it->fxHaircut ? tr("FX haircut %1").arg(Notes::percent(*it->fxHaircut)) : tr("the desk's FX haircut"));
    terms << (it->issuerLimit ? tr("at most %1 of the eligible total from one issuer").arg(Notes::percent(*it->issuerLimit))
                              : tr("no issuer limit"));
    if (!it->excludedIssuer.isEmpty())
        terms << tr("never the paper of %1").arg(it->excludedIssuer);
    QString about = terms.join(QStringLiteral(" · "));
    if (rules.isEmpty())
        about += QLatin1Char('\n') + tr("No eligibility rule: nothing is eligible under %1.").arg(agreementId);
    // The rules in words, as many as fit above the table; each row's tooltip says the same.
    constexpr qsizetype InWords = 8;
    for (qsizetype i = 0; i < std::min(InWords, rules.size()); ++i)
        about += QLatin1Char('\n') + tr("Rule %1: %2").arg(rules.at(i).ruleId, rules.at(i).describe());
    if (rules.size() > InWords)
        about += QLatin1Char('\n') + tr("… and %Ln more rule(s): hover a rule to read it.", nullptr, int(rules.size() - InWords));
    m_about->setText(about);
    // The agreement's row stays the current one in the upper table.
    const QModelIndex current = m_agreementPanel->proxy()->mapToSource(m_agreementPanel->view()->currentIndex());
    if (!current.isValid() || m_agreements->rows().at(current.row()).agreementId != agreementId) {
        const int row = int(std::distance(m_load.agreements.cbegin(), it));
        const QModelIndex shown = m_agreementPanel->proxy()->mapFromSource(m_agreements->index(row, 0));
        if (shown.isValid())
            m_agreementPanel->view()->setCurrentIndex(shown);
    }
}
