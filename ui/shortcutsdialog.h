#pragma once

#include <QDialog>

class QAction;
class QTableWidget;

// Help → Keyboard shortcuts: every menu command with its key, and the keys
// of the tables and the window, in one list.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};
