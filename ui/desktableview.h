#pragma once

#include <QTableView>

// The desk's table view: compact fixed-height rows (fast with 100,000 of
// them), sortable headers, Ctrl+C copying the selected cells with their
// header as tab-separated text that pastes into Excel, and column widths
// and order kept between sessions under `settingsKey`.
class DeskTableView : public QTableView
{
    Q_OBJECT

public:
    explicit DeskTableView(const QString &settingsKey, QWidget *parent = nullptr);
    ~DeskTableView() override;

    // Columns hidden until the user shows them (header context menu); only
    // used when no saved header state exists. Call before the model is set.
    void setDefaultHiddenColumns(const QList<int> &columns) { m_defaultHidden = columns; }

    // The selection as text: a header line, then one line per row; numbers
    // plain (no thousands separators) so a spreadsheet reads them in any locale.
    QString selectionAsText() const;

public slots:
    void copySelection();

signals:
    void exportRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void restoreHeader();
    void fitColumnsOnce();
    void headerMenu(const QPoint &pos);

    QString m_settingsKey;
    bool m_restored = false;
    bool m_sized = false; // columns fitted to the first rows shown
    QList<int> m_defaultHidden;
};
