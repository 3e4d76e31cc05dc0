#pragma once

class QPushButton;

#include "positionsmodel.h"
#include "services/desksession.h"

#include <QFutureWatcher>
#include <QWidget>

class PositionsModel;
class QCheckBox;
class QLabel;
class TablePanel;

// Positions: the selected book's live positions, moving as trades arrive,
// and the trade ticket to book one.
class PositionsTab : public QWidget
{
    Q_OBJECT

public:
    PositionsTab(DeskSession &session, QWidget *parent = nullptr);

    PositionsModel *model() const { return m_model; }
    TablePanel *panel() const { return m_panel; }
    QString headlineText() const;
    QString bookId() const { return m_bookId; }

public slots:
    void setBook(const QString &bookId, const QString &name);
    void setBooks(const QList<BookInfo> &books);
    void onTradesArrived(const QList<LoggedTrade> &trades);
    void newTrade();
    // A read-only desk books nothing, and says why.
    void setReadOnly(const QString &reason);
    void reload();

signals:
    void message(const QString &text);
    void bookLoaded(const QString &bookId);
    // A position was double-clicked (or Enter pressed on it): show its trades.
    void instrumentOpened(const QString &instrumentId);

private:
    QString m_readOnly;
    QPushButton *m_newTrade = nullptr;
    void updateHeadline();

    DeskSession &m_session;
    PositionsModel *m_model;
    TablePanel *m_panel;
    QLabel *m_headline;
    bool m_reading = false; // a book's positions are being read (a then() future is not "running" while queued)
    QCheckBox *m_showFlat;
    QString m_bookId;
    QString m_bookName;
    QStringList m_books;
    QList<LoggedTrade> m_arrivedWhileLoading;
    QFutureWatcher<PositionsModel::Prepared> m_loading;
    QFutureWatcher<Loaded<InstrumentMap>> m_instruments;
    QFutureWatcher<TradeBooking::Result> m_booking;
};
