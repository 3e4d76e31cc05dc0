#pragma once

#include "io/tables.h"
#include "services/desksession.h"
#include "tablemodel.h"

#include <QFutureWatcher>
#include <QSortFilterProxyModel>
#include <QWidget>

class QBarCategoryAxis;
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

using RankingModel = ListModel<RankingTraits>;

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
    QStringList chartCategories() const;
    // False while the chart has nothing to draw and a sentence says why.
    bool chartShown() const;
    QString summaryText() const;
    // A date with a stored snapshot is shown and no rebuild is running.
    bool canRebuild() const;

public slots:
    void setBook(const QString &bookId);
    void setDates(const QString &bookId, const QList<SnapshotSummary> &snapshots);
    void setDate(const QDate &date);
    void rebuild();
    void refresh(); // reads the ranking shown again
    void onRankingBuilt(const QString &bookId, const QDate &date);
    void onRankingFailed(const QString &bookId, const QDate &date);

signals:
    void dateChosen(const QDate &date);
    void message(const QString &text); // an error
    void notice(const QString &text);  // news for the status bar
    void rankingShown();

private:
    void load();
    void showRanking(const std::optional<CollateralRanking> &ranking);
    void showEmpty(const QString &why);
    void updateRebuild();
    void updateChart();

    DeskSession &m_session;
    QString m_bookId;
    QDate m_date;
    // The (book, date) last asked of the reader: a new list of dates for the
    // same book does not read the same ranking again.
    QString m_loadedBook;
    QDate m_loadedDate;
    bool m_datesKnown = false; // the book's list of end-of-day dates has arrived
    bool m_rebuildAsked = false;
    bool m_rebuilding = false; // asked by the user, not yet built
    QString m_rebuildBook;
    QDate m_rebuildDate;
    QDateTime m_builtAt; // of the ranking shown
    RankingModel *m_model;
    TopRankedProxy *m_top;
    TablePanel *m_panel;
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
    QFutureWatcher<Loaded<std::optional<CollateralRanking>>> m_loading;
};
