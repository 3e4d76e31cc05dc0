#pragma once

#include <QTimer>
#include <QWidget>

#include <functional>

class DeskTableView;
class ExportRunner;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class TableModel;
class TableProxy;

// A table as every tab shows one: a filter box, a "shown of total" count,
// room for the tab's own controls, Export… and the view itself. Exports
// write what the filter shows, in the order shown.
class TablePanel : public QWidget
{
    Q_OBJECT

public:
    TablePanel(const QString &settingsKey, QWidget *parent = nullptr);

    // `hiddenByDefault`: columns the view hides until the user shows them
    // (exports keep every column).
    void setModel(TableModel *model, const QList<int> &hiddenByDefault = {});
    TableModel *model() const { return m_model; }
    TableProxy *proxy() const { return m_proxy; }
    DeskTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *exportButton() const { return m_export; }
    // Puts a control in the panel's bar, before the filter box.
    void addControl(QWidget *widget);
    // A footer under the table: `totals` makes it (rich text) from the
    // source rows shown, in display order, whenever they change.
    void setTotals(std::function<QString(const QList<int> &sourceRows)> totals);
    QString totalsText() const;

public slots:
    void exportShown();

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void exported(const QString &path, qsizetype rows);

private:
    void updateCount();
    void updateTotals();

    TableModel *m_model = nullptr;
    TableProxy *m_proxy;
    DeskTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count;
    QPushButton *m_export;
    QHBoxLayout *m_bar;
    ExportRunner *m_runner;
    QLabel *m_totals;
    std::function<QString(const QList<int> &)> m_makeTotals;
    QTimer m_totalsTimer; // one sum per burst of changes
    bool m_totalsStale = false; // changed while hidden: summed when shown
};
