#pragma once

#include "io/tables.h"
#include "services/desksession.h"
#include "tablemodel.h"
#include "whenshown.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class TablePanel;

// A book's trades, newest first (by trade time, then id). Trades that the
// log watcher brings are put in their place; ids already listed are skipped.
class BlotterModel : public ListModel<TradeTraits>
{
    Q_OBJECT

public:
    explicit BlotterModel(QObject *parent = nullptr);

    void setTrades(const QString &bookId, TradeList newestFirst, InstrumentMap instruments = {});
    // Adds the trades of this book among `trades`.
    void addTrades(const QList<LoggedTrade> &trades);
    const QString &bookId() const { return m_bookId; }

private:
    QString m_bookId;
    QSet<QString> m_ids;
};

using PositionStepsModel = ListModel<PositionStepTraits>;

// Trades: the trade blotter of the selected book, and for one instrument
// how its position came about trade by trade (quantity, average price and
// realized P&L after each: the fold of Position::apply).
class TradesTab : public QWidget
{
    Q_OBJECT

public:
    // At most this many trades are listed (the newest).
    static constexpr int BlotterLimit = 100000;

    TradesTab(DeskSession &session, QWidget *parent = nullptr);

    BlotterModel *model() const { return m_model; }
    PositionStepsModel *stepsModel() const { return m_steps; }
    TablePanel *panel() const { return m_panel; }
    TablePanel *stepsPanel() const { return m_stepsPanel; }
    QString instrumentId() const { return m_instrumentId; }
    QString stepsText() const;
    QString headlineText() const;

public slots:
    void setBook(const QString &bookId);
    // Shows only the instrument's trades and how its position came about;
    // an empty id shows every trade again.
    void showInstrument(const QString &instrumentId);
    void onTradesArrived(const QList<LoggedTrade> &trades);
    void reload();

signals:
    void message(const QString &text);
    void blotterLoaded(const QString &bookId);
    void stepsLoaded(const QString &bookId, const QString &instrumentId);

private:
    void loadSteps();
    void updateHeadline();

    DeskSession &m_session;
    QString m_bookId;
    QString m_instrumentId;
    bool m_truncated = false;
    BlotterModel *m_model;
    PositionStepsModel *m_steps;
    TablePanel *m_panel;
    TablePanel *m_stepsPanel;
    QLabel *m_headline;
    QLabel *m_stepsLabel;
    QPushButton *m_allInstruments;
    QWidget *m_stepsBox;
    QSplitter *m_splitter;
    QList<LoggedTrade> m_arrivedWhileLoading;
    WhenShown *m_whenShown;
    QFutureWatcher<Loaded<BlotterLoad>> m_loading;
    QFutureWatcher<Loaded<PositionStepsLoad>> m_stepsLoading;
    bool m_stepsAgain = false;
    bool m_reloadAgain = false;
};
