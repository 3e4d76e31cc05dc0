#include "mainwindow.h"

#include "agreementsdialog.h"
#include "booknavigator.h"
#include "deskstatusbar.h"
#include "domain/desktime.h"
#include "endofdaytab.h"
#include "historytab.h"
#include "positionstab.h"
#include "rankingtab.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "desktableview.h"
#include "tablemodel.h"
#include "tablepanel.h"
#include "tradestab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>

MainWindow::MainWindow(DeskSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_navigator(new BookNavigator(session.storage(), this))
    , m_tabs(new QTabWidget(this))
    , m_positions(new PositionsTab(session, this))
    , m_trades(new TradesTab(session, this))
    , m_endOfDay(new EndOfDayTab(session, this))
    , m_ranking(new RankingTab(session, this))
    , m_history(new HistoryTab(this))
    , m_status(new DeskStatusBar(this))
{
    setWindowTitle(tr("FinDesk"));
    setObjectName(QStringLiteral("MainWindow"));
    m_tabs->addTab(m_positions, tr("&Positions"));
    m_tabs->addTab(m_trades, tr("Tr&ades"));
    m_tabs->addTab(m_endOfDay, tr("&End of day"));
    m_tabs->addTab(m_ranking, tr("Collateral &ranking"));
    m_tabs->addTab(m_history, tr("Hi&story"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    auto *dock = new QDockWidget(tr("Books"), this);
    dock->setObjectName(QStringLiteral("BooksDock"));
    dock->setWidget(m_navigator);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    setStatusBar(m_status);
    m_status->setDatabase(session.location().displayName());

    createMenus();
    wire();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    m_rebuildAction->setEnabled(m_tabs->currentIndex() == RankingPage);
    m_navigator->selectBook(settings.value(QStringLiteral("window/book")).toString());
    m_navigator->reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setToolTipsVisible(true);
    m_writing << file->addAction(tr("&Import trades…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importTrades);
    file->addAction(tr("&Export table…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        if (TablePanel *panel = currentPanel())
            panel->exportShown();
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *desk = menuBar()->addMenu(tr("&Desk"));
    desk->setToolTipsVisible(true);
    m_writing << desk->addAction(tr("&New trade…"), QKeySequence(tr("Ctrl+T")), m_positions, &PositionsTab::newTrade);
    m_writing << desk->addAction(tr("&Snapshot now"), QKeySequence(tr("Ctrl+Shift+S")), &m_session.snapshots(),
                                 &SnapshotService::snapshotNow);
    // Rebuilding replaces a stored ranking: only from the ranking tab, where
    // the user sees which one.
    m_rebuildAction = desk->addAction(tr("&Rebuild ranking…"), QKeySequence(tr("Ctrl+R")), m_ranking, &RankingTab::rebuild);
    m_rebuildAction->setEnabled(false);
    connect(m_tabs, &QTabWidget::currentChanged, m_rebuildAction, [this](int index) {
        m_rebuildAction->setEnabled(index == RankingPage && m_session.readOnlyReason().isEmpty());
    });
    desk->addAction(tr("&Agreements…"), this, [this] { openAgreements(m_ranking->agreementId()); });
    desk->addSeparator();
    m_writing << desk->addAction(tr("S&ettings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Filter the table"), QKeySequence::Find, this, [this] {
        if (TablePanel *panel = currentPanel()) {
            panel->filterEdit()->setFocus(Qt::ShortcutFocusReason);
            panel->filterEdit()->selectAll();
        }
    });
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    view->addSeparator();
    m_feedAction = view->addAction(tr("&Demo trade feed"));
    m_feedAction->setCheckable(true);
    m_writing << m_feedAction;
    m_feedAction->setToolTip(tr("Book random, plausible trades on the demo books every few seconds"));
    connect(m_feedAction, &QAction::toggled, &m_session.demoFeed(), &DemoTradeFeed::setRunning);
    connect(&m_session.demoFeed(), &DemoTradeFeed::runningChanged, m_feedAction, &QAction::setChecked);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QList<QAction *> actions;
        for (QAction *menu : menuBar()->actions()) {
            if (menu->menu())
                actions += menu->menu()->actions();
        }
        ShortcutsDialog(actions, this).exec();
    });
    keys->setObjectName(QStringLiteral("keyboardShortcuts"));
    help->addAction(tr("&About FinDesk"), this, [this] {
        QMessageBox::about(this, tr("About FinDesk"),
                           tr("<h3>FinDesk %1</h3><p>Positions, end-of-day snapshots and collateral rankings for a "
                              "securities-financing desk.</p><p>Database: %2</p>")
                               .arg(QApplication::applicationVersion(), m_session.location().displayName().toHtmlEscaped()));
    });
}

void MainWindow::wire()
{
    SnapshotService &snapshots = m_session.snapshots();
    connect(m_navigator, &BookNavigator::bookSelected, this, &MainWindow::onBookSelected);
    connect(m_navigator, &BookNavigator::booksLoaded, m_positions, &PositionsTab::setBooks);
    connect(m_navigator, &BookNavigator::loadFailed, m_status, &DeskStatusBar::showError);
    connect(&m_session.storage(), &DeskStorage::tradesArrived, m_positions, &PositionsTab::onTradesArrived);
    connect(&m_session.storage(), &DeskStorage::tradesArrived, m_trades, &TradesTab::onTradesArrived);
    // Drill-down: a position's trades and how its average price came about.
    connect(m_positions, &PositionsTab::instrumentOpened, this, [this](const QString &instrumentId) {
        m_trades->showInstrument(instrumentId);
        showTab(TradesPage);
    });
    connect(&m_session.storage(), &DeskStorage::tradesArrived, m_navigator, &BookNavigator::refreshCounts);
    // Books that trades or a tick name and the list lacks (an import, another desk).
    connect(&m_session.storage(), &DeskStorage::tradesArrived, m_navigator, &BookNavigator::noteTrades);
    // Books created between the first list and the log position the watcher
    // starts from would never arrive as trades: read the list again then.
    connect(&m_session.storage(), &DeskStorage::started, m_navigator, &BookNavigator::reload);
    connect(&snapshots, &SnapshotService::tickFinished, m_navigator, &BookNavigator::noteSnapshots);

    // A stored snapshot refreshes the end-of-day view; its ranking, rebuilt
    // in reaction by the ranking service, refreshes the ranking view.
    connect(&snapshots, &SnapshotService::snapshotStored, m_endOfDay, &EndOfDayTab::onSnapshotStored);
    connect(&snapshots, &SnapshotService::snapshotStored, m_navigator, &BookNavigator::refreshCounts);
    connect(&snapshots, &SnapshotService::tickFinished, m_status, &DeskStatusBar::onTickFinished);
    connect(&snapshots, &SnapshotService::snapshotFailed, m_status, &DeskStatusBar::showError);
    connect(&snapshots, &SnapshotService::nextTickChanged, m_status, &DeskStatusBar::setNextTick);
    connect(&snapshots, &SnapshotService::takerChanged, m_status, &DeskStatusBar::setSnapshotTaker);

    // Other desks' writes, through the change feed (this desk's own services
    // signal theirs above): shown without a restart.
    DeskStorage &changes = m_session.storage();
    connect(&changes, &DeskStorage::snapshotStored, m_endOfDay, &EndOfDayTab::onSnapshotStored);
    connect(&changes, &DeskStorage::snapshotStored, m_navigator, &BookNavigator::refreshCounts);
    connect(&changes, &DeskStorage::rankingStored, m_ranking, &RankingTab::onRankingBuilt);
    // An unchanged snapshot only moved its instant, and the rankings' with
    // it: the day and the ranking shown say "as of" the new one.
    auto onMoved = [this](const QString &bookId, const QDate &date) {
        m_endOfDay->onSnapshotStored(bookId);
        m_ranking->onRankingBuilt(bookId, date, m_ranking->agreementId());
    };
    connect(&changes, &DeskStorage::snapshotMoved, this, onMoved);
    connect(&snapshots, &SnapshotService::tickFinished, this, [onMoved](const QList<SnapshotReport> &reports) {
        for (const SnapshotReport &r : reports) {
            if (r.outcome == SnapshotStore::Outcome::InstantMoved)
                onMoved(r.bookId, r.businessDate);
        }
    });
    connect(&changes, &DeskStorage::referenceDataChanged, this, [this] {
        // New prices, FX or names (books' too): the book list, the live
        // values, the trades' names, the day shown and the ranking shown
        // (whose names are read with it).
        m_navigator->reload();
        m_positions->reload();
        m_trades->reload();
        m_endOfDay->refresh();
        m_ranking->refresh();
    });
    connect(&changes, &DeskStorage::agreementsChanged, this, [this] {
        m_ranking->reloadAgreements();
        if (m_agreements)
            m_agreements->reload();
    });
    connect(&changes, &DeskStorage::settingsChanged, &m_session, &DeskSession::reloadSettings);
    connect(&changes, &DeskStorage::failed, m_status, [this](const QString &reason) {
        m_status->showError(tr("Cannot follow the database (retrying): %1").arg(reason));
    });
    connect(&changes, &DeskStorage::resumed, m_status, [this] {
        m_status->clearError();
        m_status->showMessage(tr("Following the database again"), 5000);
        refresh();
    });
    connect(&m_session.rankings(), &RankingService::rankingBuilt, m_ranking, &RankingTab::onRankingBuilt);
    connect(m_ranking, &RankingTab::agreementsRequested, this, &MainWindow::openAgreements);
    connect(&m_session.rankings(), &RankingService::rankingFailed, m_status,
            [this](const QString &book, const QDate &date, const QString &agreement, const QString &reason) {
                m_status->showError(agreement.isEmpty()
                                        ? tr("Ranking of %1 on %2 failed: %3").arg(book, date.toString(Qt::ISODate), reason)
                                        : tr("Ranking of %1 on %2 under %3 failed: %4")
                                              .arg(book, date.toString(Qt::ISODate), agreement, reason));
                m_ranking->onRankingFailed(book, date, agreement);
            });
    connect(&m_session, &DeskSession::started, this, [this](const DeskSettings &s) {
        if (!s.readOnlyReason.isEmpty())
            applyReadOnly(s.readOnlyReason);
        TableModel::setDisplayTimeZone(s.deskTimeZone);
        m_status->setDeskTimeZone(s.deskTimeZone);
        m_status->setNextTick(m_session.snapshots().nextTick());
        // A database made before names were checked may hold "Paris": say so
        // rather than run on the UTC that Qt reads it as.
        const QByteArray zone = s.deskTimeZone.id();
        if (zone != "Etc/UTC" && !DeskTime::isDeskZoneId(zone))
            m_status->showError(tr("The desk time zone \"%1\" is not an IANA time zone, so business dates may be wrong: "
                                   "choose one in Desk → Settings").arg(QString::fromUtf8(zone)));
    });
    connect(&m_session, &DeskSession::settingsChanged, m_status, [this](const DeskSettings &s) {
        TableModel::setDisplayTimeZone(s.deskTimeZone);
        m_status->setDeskTimeZone(s.deskTimeZone);
        // A new desk base currency re-values the books that have none of their own.
        m_positions->reload();
        // Their headlines give instants in the desk's zone (read again when shown).
        m_endOfDay->refresh();
        m_ranking->refresh();
    });
    connect(&m_session, &DeskSession::failed, m_status, &DeskStatusBar::showError);
    connect(&m_session.demoFeed(), &DemoTradeFeed::failed, m_status, &DeskStatusBar::showError);
    connect(&m_session.demoFeed(), &DemoTradeFeed::runningChanged, m_status, &DeskStatusBar::setDemoFeedRunning);

    // The end-of-day and ranking tabs look at the same day.
    connect(m_endOfDay, &EndOfDayTab::snapshotsLoaded, m_history, &HistoryTab::setSnapshots);
    connect(m_endOfDay, &EndOfDayTab::snapshotsLoaded, m_ranking, &RankingTab::setDates);
    connect(m_endOfDay, &EndOfDayTab::dateChosen, m_ranking, &RankingTab::setDate);
    connect(m_ranking, &RankingTab::dateChosen, m_endOfDay, &EndOfDayTab::setDate);

    // Every table's export says where it went.
    for (TablePanel *panel : findChildren<TablePanel *>())
        connect(panel, &TablePanel::exported, m_status, &DeskStatusBar::showExported);

    connect(m_positions, &PositionsTab::message, m_status, [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_trades, &TradesTab::message, m_status, &DeskStatusBar::showError);
    connect(m_endOfDay, &EndOfDayTab::message, m_status, &DeskStatusBar::showError);
    connect(m_ranking, &RankingTab::message, m_status, &DeskStatusBar::showError);
    connect(m_ranking, &RankingTab::notice, m_status, [this](const QString &text) { m_status->showMessage(text, 10000); });
}

void MainWindow::applyReadOnly(const QString &reason)
{
    // Everything that writes is off, each saying why; the rest works.
    const QString why = tr("Not on a read-only desk: %1").arg(reason);
    for (QAction *action : std::as_const(m_writing) + QList<QAction *>{m_rebuildAction}) {
        action->setEnabled(false);
        action->setToolTip(why);
    }
    m_positions->setReadOnly(reason);
    m_ranking->setReadOnly(reason);
    m_status->setReadOnly(reason);
    if (!windowTitle().endsWith(u')'))
        setWindowTitle(tr("%1 (read only)").arg(windowTitle()));
}

TablePanel *MainWindow::currentPanel() const
{
    // The table that has the focus, else the tab's main table.
    QWidget *page = m_tabs->currentWidget();
    for (QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (auto *panel = qobject_cast<TablePanel *>(w))
            return page->isAncestorOf(panel) ? panel : nullptr;
    }
    switch (m_tabs->currentIndex()) {
    case PositionsPage: return m_positions->panel();
    case TradesPage: return m_trades->panel();
    case EndOfDayPage: return m_endOfDay->positionsPanel();
    case RankingPage: return m_ranking->panel();
    case HistoryPage: return m_history->panel();
    default: return nullptr;
    }
}

void MainWindow::refresh()
{
    m_navigator->reload();
    m_navigator->refreshCounts();
    m_positions->reload();
    m_trades->reload();
    m_endOfDay->refresh();
    m_ranking->refresh();
    m_status->showMessage(tr("Read again from %1").arg(m_session.location().displayName()), 4000);
}

void MainWindow::openAgreements(const QString &agreementId)
{
    // One window, kept beside the desk (not modal): read again when reopened.
    if (!m_agreements) {
        m_agreements = new AgreementsDialog(m_session.storage(), this);
        m_agreements->setAttribute(Qt::WA_DeleteOnClose);
        m_agreements->showAgreement(agreementId);
    } else {
        m_agreements->reload(agreementId);
    }
    m_agreements->show();
    m_agreements->raise();
    m_agreements->activateWindow();
}

void MainWindow::onBookSelected(const QString &bookId, const QString &name)
{
    // The platform adds " — FinDesk".
    setWindowTitle(m_session.readOnlyReason().isEmpty() ? bookId : tr("%1 (read only)").arg(bookId));
    m_positions->setBook(bookId, name);
    m_trades->setBook(bookId);
    m_ranking->setBook(bookId);
    m_endOfDay->setBook(bookId);
}

void MainWindow::importTrades()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import trades"), settings.value(QStringLiteral("import/folder")).toString(),
                                                      tr("Trades CSV (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("import/folder"), QFileInfo(path).absolutePath());
    auto *watcher = new QFutureWatcher<TradeBooking::Result>(this);
    connect(watcher, &QFutureWatcher<TradeBooking::Result>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const auto result = watcher->result();
        if (result.error) {
            const ImportError &e = *result.error;
            QMessageBox box(QMessageBox::Warning, tr("Import failed: nothing was imported"), QString(), QMessageBox::Ok, this);
            QString where = tr("%1, line %2").arg(e.file).arg(e.line);
            if (e.column > 0)
                where += tr(", column %1").arg(e.column) + (e.columnName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.columnName));
            box.setText(QStringLiteral("<b>%1</b><br>%2").arg(where.toHtmlEscaped(), e.message.toHtmlEscaped()));
            QFile file(path);
            if (e.line > 0 && file.open(QIODevice::ReadOnly)) {
                const QList<QByteArray> lines = file.readAll().split('\n');
                if (e.line <= lines.size())
                    box.setDetailedText(tr("Line %1 of the file:\n%2").arg(e.line).arg(QString::fromUtf8(lines.at(e.line - 1)).trimmed()));
            }
            box.exec();
            return;
        }
        if (!result.storageError.isEmpty()) {
            QMessageBox::warning(this, tr("Import failed: nothing was imported"), result.storageError);
            return;
        }
        m_navigator->reload(); // the file may have brought new books
        const QLocale locale;
        m_status->showMessage(tr("%1: imported %Ln trade(s); %2 already stored, %3 repeated in the file", nullptr, result.inserted)
                                  .arg(QFileInfo(path).fileName(), locale.toString(result.skipped), locale.toString(result.repeatedInFile)),
                              10000);
    });
    watcher->setFuture(m_session.storage().importFile(path));
}

void MainWindow::openSettings()
{
    QSettings settings;
    // The database this window runs on (--db may have chosen it), without a
    // password; saved for the next start only when the user changes it.
    const QString running = m_session.location().displayName();
    SettingsDialog dialog({m_session.snapshots().interval() / 60, m_session.settings().deskTimeZone,
                           m_session.settings().defaultHaircut, running,
                           m_session.settings().baseCurrency, m_session.settings().fxHaircut},
                          this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto values = dialog.values();
    settings.setValue(QStringLiteral("snapshots/intervalMinutes"), values.intervalMinutes);
    m_session.snapshots().setInterval(values.intervalMinutes * 60);
    if (values.databaseLocation != running) {
        settings.setValue(QStringLiteral("database/location"), values.databaseLocation);
        m_status->showMessage(tr("The new database location is used at the next start"), 10000);
    }
    const DeskSettings desk{values.deskZone, values.defaultHaircut, values.baseCurrency, values.fxHaircut,
                            m_session.readOnlyReason()};
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, desk] {
        watcher->deleteLater();
        if (!watcher->result().isEmpty()) {
            m_status->showError(watcher->result());
            return;
        }
        m_session.applySettings(desk);
    });
    watcher->setFuture(m_session.storage().saveDeskSettings(desk));
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_layoutRestored) {
        // A first start: room for the book names.
        m_layoutRestored = true;
        resizeDocks({findChild<QDockWidget *>(QStringLiteral("BooksDock"))}, {330}, Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("window/book"), m_navigator->currentBook());
    QMainWindow::closeEvent(event);
}
