#pragma once

#include "domain/agreement.h"
#include "io/tables.h"
#include "tablemodel.h"

#include <QDate>
#include <QFutureWatcher>
#include <QHash>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class TablePanel;

using AllocationModel = ListModel<AllocationTraits>;

// What to deliver under the agreement of the ranking shown to cover an
// amount, cheapest to deliver first (DESIGN.md §2 "Allocation"): the lines,
// their cumulative value and annual cost, and the shortfall when the
// eligible items run out. Worked out off the UI thread whenever the amount,
// the ranking or the cost rates change; exported like every table.
class AllocationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AllocationPanel(QWidget *parent = nullptr);

    AllocationModel *model() const { return m_model; }
    TablePanel *panel() const { return m_panel; }
    QLineEdit *amountEdit() const { return m_amount; }
    QString summaryText() const;
    bool isBusy() const { return m_watcher.isRunning() || m_pending.isActive(); }

public slots:
    // A ranking under an agreement, or none (the desk ranking, a day
    // without one): nothing to allocate then.
    void setRanking(const std::optional<CollateralRanking> &ranking);
    // The cost rates of the business date (the latest on or before it).
    void setCostRates(const QDate &date, const QHash<QString, double> &rates);

signals:
    void allocated(); // the lines shown are those of the amount, ranking and rates given

private:
    void schedule();
    void start();
    // An allocation, and how much collateral value the issuer limit held
    // back in its ranking: both worked out on the worker.
    struct Result
    {
        quint64 generation = 0;
        Allocation allocation;
        double heldBack = 0.0;
    };
    void showResult(const Result &result);
    void showNothing(const QString &why);

    std::optional<CollateralRanking> m_ranking;
    QDate m_costDate;
    QHash<QString, double> m_costRates;
    QLineEdit *m_amount;
    QLabel *m_currency;
    QLabel *m_summary;
    AllocationModel *m_model;
    TablePanel *m_panel;
    QTimer m_pending; // a burst of keystrokes is one computation
    quint64 m_generation = 0; // of the computation whose result is wanted
    QFutureWatcher<Result> m_watcher;
};
