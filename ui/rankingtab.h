#pragma once

#include "io/tables.h"
#include "services/desksession.h"
#include "tablemodel.h"
#include "whenshown.h"

#include <QFutureWatcher>
#include <QSortFilterProxyModel>
#include <QWidget>

class AllocationPanel;
class QBarCategoryAxis;
class QGroupBox;
class QChart;
class QChartView;
class QComboBox;
class QHorizontalBarSeries;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QVBarModelMapper;
class QValueAxis;
class TablePanel;

// A collateral ranking. Under an agreement a row's tooltip names the rule
// that decided it and says what that rule accepts or excludes, and a counted
// value the issuer limit cut is shaded.
class RankingModel : public ListModel<RankingTraits>
{
    Q_OBJECT

public:
    using ListModel::ListModel;
    // The schedule of the agreement the ranking is under (none: the desk's).
    void setRules(const QList<EligibilityRule> &rules);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // The issuer limit counted less than the item's collateral value.
    static bool isCut(const CollateralItem &item);

private:
    QHash<QString, EligibilityRule> m_rules; // by rule id
};

// The top of a ranking for the chart: the first `count` ranked items, most
// valuable last (a horizontal bar chart draws its first category at the
// bottom), the value column as a number in millions for Qt Charts' model
// mapper (which reads the display role).
class TopRankedProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TopRankedProxy(int count, QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int m_count;
};

// Collateral ranking: the ranking of the chosen end of day, its top 15 as
// a bar chart fed from the same model, and Rebuild.
class RankingTab : public QWidget
{
    Q_OBJECT

public:
    RankingTab(DeskSession &session, QWidget *parent = nullptr);
    ~RankingTab() override;

    RankingModel *model() const { return m_model; }
    TablePanel *panel() const { return m_panel; }
    QDate date() const { return m_date; }
    // The agreement shown; empty: the desk schedule.
    QString agreementId() const { return m_agreementId; }
    QComboBox *agreementBox() const { return m_agreementBox; }
    AllocationPanel *allocation() const { return m_allocation; }
    QStringList chartCategories() const;
    // False while the chart has nothing to draw and a sentence says why.
    bool chartShown() const;
    QString chartText() const; // the sentence in the chart's place
    QString summaryText() const;
    // A date with a stored snapshot is shown and no rebuild is running.
    bool canRebuild() const;

public slots:
    void setBook(const QString &bookId);
    void setDates(const QString &bookId, const QList<SnapshotSummary> &snapshots);
    void setDate(const QDate &date);
    // An empty id: the desk schedule. Kept across books and days.
    void setAgreement(const QString &agreementId);
    // Reads the desk's agreements again (the selector's list, their rules).
    void reloadAgreements();
    void rebuild();
    // A read-only desk: no Rebuild, and why.
    void setReadOnly(const QString &reason);
    void refresh(); // reads the ranking shown again
    void onRankingBuilt(const QString &bookId, const QDate &date, const QString &agreementId);
    void onRankingFailed(const QString &bookId, const QDate &date, const QString &agreementId);

signals:
    void dateChosen(const QDate &date);
    void agreementsRequested(const QString &agreementId); // show the agreements and their rules
    void agreementsLoaded();
    void message(const QString &text); // an error
    void notice(const QString &text);  // news for the status bar
    void rankingShown();

private:
    void load();
    void showRanking(const std::optional<CollateralRanking> &ranking);
    void showEmpty(const QString &why);
    void updateRebuild();
    void updateChart();
    void showAgreements(const AgreementsLoad &load);
    QString describe(const CollateralRanking &ranking) const;

    DeskSession &m_session;
    QString m_agreementId;
    QString m_restoredAgreement;
    QString m_loadedAgreement;
    QList<Agreement> m_agreements;
    QHash<QString, QList<EligibilityRule>> m_rules; // by agreement id
    QHash<QDate, SnapshotSummary> m_snapshots; // the book's end-of-day snapshots, by day
    QDate m_costDate; // of the cost rates asked for the allocation
    QString m_bookId;
    QDate m_date;
    // The (book, date) last asked of the reader: a new list of dates for the
    // same book does not read the same ranking again.
    QString m_loadedBook;
    QDate m_loadedDate;
    bool m_datesKnown = false; // the book's list of end-of-day dates has arrived
    bool m_rebuildAsked = false;
    QString m_readOnly; // why this desk may not write
    bool m_rebuilding = false; // asked by the user, not yet built
    QString m_rebuildBook;
    QDate m_rebuildDate;
    QString m_rebuildAgreement;
    QDateTime m_builtAt; // of the ranking shown
    RankingModel *m_model;
    TopRankedProxy *m_top;
    TablePanel *m_panel;
    QComboBox *m_agreementBox;
    QPushButton *m_agreementsButton;
    QComboBox *m_dateBox;
    QLabel *m_summary;
    QPushButton *m_rebuild;
    QChart *m_chart;
    QChartView *m_chartView;
    QLabel *m_chartEmpty;
    QStackedWidget *m_chartStack;
    QHorizontalBarSeries *m_series;
    QVBarModelMapper *m_mapper;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_values;
    QSplitter *m_splitter;
    QGroupBox *m_allocationBox;
    AllocationPanel *m_allocation;
    QSplitter *m_vertical;
    WhenShown *m_whenShown = nullptr;
    QFutureWatcher<Loaded<std::optional<CollateralRanking>>> m_loading;
    QFutureWatcher<Loaded<AgreementsLoad>> m_agreementsLoading;
    QFutureWatcher<Loaded<QHash<QString, double>>> m_costLoading;
};
