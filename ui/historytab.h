#pragma once

#include "domain/positionsnapshot.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

// History: the book's net and gross value at cost per business day, from
// its end-of-day snapshots.
class HistoryTab : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryTab(QWidget *parent = nullptr);

    int pointCount() const;
    // False while there is nothing to draw and a sentence says why.
    bool chartShown() const;

public slots:
    void setSnapshots(const QString &bookId, const QList<SnapshotSummary> &snapshots);

private:
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
