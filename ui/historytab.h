#pragma once

#include "io/tables.h"
#include "tablemodel.h"

#include <QWidget>

class QChart;
class QDateEdit;
class TablePanel;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

// History: the book's net and gross value at cost per business day, from
// its end-of-day snapshots, as a chart and as a table (exportable), both
// over a range of business dates.
class HistoryTab : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryTab(QWidget *parent = nullptr);

    int pointCount() const;
    TablePanel *panel() const { return m_panel; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    // False while there is nothing to draw and a sentence says why.
    bool chartShown() const;

public slots:
    void setSnapshots(const QString &bookId, const QList<SnapshotSummary> &snapshots);

private:
    void showRange();

    QString m_bookId;
    QList<SnapshotSummary> m_all; // every end of day of the book, oldest first
    ListModel<SnapshotSummaryTraits> *m_model;
    TablePanel *m_panel;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QChart *m_chart;
    QChartView *m_view;
    QLineSeries *m_net;
    QLineSeries *m_gross;
    QDateTimeAxis *m_days;
    QValueAxis *m_values;
    QLabel *m_caption;
    QLabel *m_empty;
    QStackedWidget *m_stack;
};
