#pragma once

#include "services/desksession.h"

#include <QMainWindow>
#include <QPointer>

class AgreementsDialog;
class BookNavigator;
class DeskStatusBar;
class EndOfDayTab;
class HistoryTab;
class PositionsTab;
class QAction;
class QTabWidget;
class RankingTab;
class TablePanel;
class TradesTab;

// The desk window: the book navigator, five tabs (each its own widget),
// menus and the status bar, wired to the session's services by signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Tab { PositionsPage, TradesPage, EndOfDayPage, RankingPage, HistoryPage };

    explicit MainWindow(DeskSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    BookNavigator *navigator() const { return m_navigator; }
    PositionsTab *positionsTab() const { return m_positions; }
    TradesTab *tradesTab() const { return m_trades; }
    EndOfDayTab *endOfDayTab() const { return m_endOfDay; }
    RankingTab *rankingTab() const { return m_ranking; }
    HistoryTab *historyTab() const { return m_history; }
    DeskStatusBar *deskStatusBar() const { return m_status; }
    void showTab(Tab tab);

public slots:
    void importTrades();
    void openSettings();
    // The agreements and their rules, showing `agreementId`'s.
    void openAgreements(const QString &agreementId = {});
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createMenus();
    void wire();
    void onBookSelected(const QString &bookId, const QString &name);
    TablePanel *currentPanel() const;
    void applyReadOnly(const QString &reason);

    DeskSession &m_session;
    BookNavigator *m_navigator;
    QTabWidget *m_tabs;
    PositionsTab *m_positions;
    TradesTab *m_trades;
    EndOfDayTab *m_endOfDay;
    RankingTab *m_ranking;
    HistoryTab *m_history;
    DeskStatusBar *m_status;
    QAction *m_feedAction = nullptr;
    QAction *m_rebuildAction = nullptr;
    QList<QAction *> m_writing; // off on a read-only desk
    QPointer<AgreementsDialog> m_agreements;
    bool m_layoutRestored = false;
};
