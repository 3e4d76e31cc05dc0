#pragma once

#include "io/tables.h"
#include "services/desksession.h"
#include "tablemodel.h"
#include "whenshown.h"

#include <QFutureWatcher>
#include <QWidget>

class QCalendarWidget;
class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class TablePanel;

using SnapshotListModel = ListModel<SnapshotSummaryTraits>;
using SnapshotPositionsModel = ListModel<SnapshotPositionTraits>;
using ComparisonModel = ListModel<ComparisonTraits>;

// End of day: the book's stored end-of-day snapshots (a calendar marking
// the days that have one, and their list), the positions of the chosen day,
// and how they compare with an earlier day.
class EndOfDayTab : public QWidget
{
    Q_OBJECT

public:
    EndOfDayTab(DeskSession &session, QWidget *parent = nullptr);
    ~EndOfDayTab() override;

    QDate date() const { return m_date; }
    QDate comparedWith() const { return m_earlier; }
    SnapshotListModel *listModel() const { return m_list; }
    SnapshotPositionsModel *positionsModel() const { return m_positions; }
    ComparisonModel *comparisonModel() const { return m_comparison; }
    TablePanel *comparisonPanel() const { return m_comparisonPanel; }
    TablePanel *positionsPanel() const { return m_positionsPanel; }
    QCheckBox *changesOnlyBox() const { return m_changesOnly; }
    QString dayText() const;
    QString comparisonText() const;

public slots:
    void setBook(const QString &bookId);
    void setDate(const QDate &date);
    void compareWith(const QDate &earlier);
    void onSnapshotStored(const QString &bookId);
    void reloadInstruments();
    void refresh(); // the list of days, the chosen day and reference data, read again

signals:
    void snapshotsLoaded(const QString &bookId, const QList<SnapshotSummary> &snapshots);
    void dateChosen(const QDate &date);
    void message(const QString &text);
    void dayShown();

private:
    void loadList();
    void loadDay();
    bool hasSnapshot(const QDate &date) const;
    void showNoSnapshot();
    void showList(const QList<SnapshotSummary> &list);
    struct Comparison
    {
        QString bookId;
        QDate date;
        QDate earlier;
        QList<ComparisonRow> rows;
        // Counted on the worker too: the change at cost in the book's base
        // currency, each currency at the day's FX; what has no rate is
        // counted, never added as it is.
        int added = 0, closed = 0, changed = 0, unconverted = 0;
        int converted = 0; // changes in another currency than the base, at the day's FX
        double valueChange = 0.0;
        QString base;
    };
    void updateComparison();
    void showComparison(const Comparison &comparison);
    void markCalendar();

    DeskSession &m_session;
    QString m_bookId;
    QDate m_date;
    QDate m_earlier;
    bool m_earlierChosen = false;
    bool m_dayMissing = false; // the chosen day has no stored end of day
    QDate m_comparedDate;      // the pair of days the comparison rows are of
    QDate m_comparedEarlier;
    InstrumentMap m_instruments;
    std::optional<PositionSnapshot> m_day;
    MarketContext m_dayMarket; // values m_day in the book's base currency
    std::optional<PositionSnapshot> m_earlierDay;

    QCalendarWidget *m_calendar;
    SnapshotListModel *m_list;
    SnapshotPositionsModel *m_positions;
    ComparisonModel *m_comparison;
    TablePanel *m_listPanel;
    TablePanel *m_positionsPanel;
    TablePanel *m_comparisonPanel;
    QComboBox *m_compareBox;
    QCheckBox *m_changesOnly;
    QLabel *m_dayLabel;
    QLabel *m_comparisonLabel;
    QSplitter *m_splitter;
    QSplitter *m_rightSplitter;

    QFutureWatcher<Loaded<QList<SnapshotSummary>>> m_listLoad;
    // A day's snapshot and its positions valued, off the UI thread.
    struct DayLoad
    {
        Loaded<std::optional<SnapshotLoad>> loaded;
        ValuedPositionList rows;
    };
    WhenShown *m_whenShown = nullptr;
    QFutureWatcher<DayLoad> m_dayLoad;
    QFutureWatcher<Loaded<std::optional<SnapshotLoad>>> m_earlierLoad;
    QFutureWatcher<Loaded<InstrumentMap>> m_instrumentLoad;
    QFutureWatcher<Comparison> m_comparing;
    bool m_compareAgain = false;
};
