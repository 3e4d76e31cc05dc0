#pragma once

#include "domain/instrument.h"
#include "domain/position.h"
#include "domain/positionsnapshot.h"
#include "domain/trade.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimeZone>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// Books one trade by hand. Every field is checked as it is typed, with the
// same rules as the trades file (ValueParser); the reason shows under the
// form and OK stays disabled until the ticket is whole.
class TradeTicketDialog : public QDialog
{
    Q_OBJECT

public:
    TradeTicketDialog(const QStringList &books, const InstrumentMap &instruments, const QTimeZone &deskZone,
                      QWidget *parent = nullptr);

    void setBook(const QString &bookId);
    void setInstrument(const QString &instrumentId);
    // The live positions of a book, to show the position before and after.
    void setPositions(const QString &bookId, const QHash<QString, Position> &positions);
    // The stored end-of-day snapshots of a book, to warn before a trade
    // dated before some of them changes their positions. Once given for one
    // book, OK waits for those of any other book chosen (endOfDaysWanted).
    void setStoredEndOfDays(const QString &bookId, const QList<SnapshotSummary> &snapshots);
    QString currentBook() const;
    // The business dates whose stored end of day the trade would change.
    QList<QDate> changedEndOfDays() const { return m_changedDays; }

    // Valid once isValid(); quantity signed by the side.
    Trade trade() const;
    bool isValid() const { return m_problems.isEmpty(); }
    QStringList problems() const { return m_problems; }

    // Widgets, for tests.
    QLineEdit *quantityEdit() const { return m_quantity; }
    QLineEdit *priceEdit() const { return m_price; }
    QComboBox *instrumentBox() const { return m_instrument; }
    QLineEdit *tradeIdEdit() const { return m_tradeId; }
    QRadioButton *sellButton() const { return m_sell; }
    QDateTimeEdit *timeEdit() const { return m_time; }
    QCheckBox *backDatedConfirm() const { return m_backDatedConfirm; }
    QCheckBox *unknownConfirm() const { return m_unknownConfirm; }
    QString instrumentInfo() const;
    QString backDatedWarning() const;

signals:
    // The ticket needs that book's stored end-of-day snapshots.
    void endOfDaysWanted(const QString &bookId);

private:
    void fitToText();
    void validate();

    QTimeZone m_zone;
    QComboBox *m_book;
    QComboBox *m_instrument;
    QLabel *m_instrumentName;
    QRadioButton *m_buy;
    QRadioButton *m_sell;
    QLineEdit *m_quantity;
    QLineEdit *m_price;
    QDateTimeEdit *m_time;
    QLineEdit *m_tradeId;
    QLabel *m_problemLabel;
    QLabel *m_backDated;
    QCheckBox *m_backDatedConfirm;
    QCheckBox *m_unknownConfirm;
    QDialogButtonBox *m_buttons;
    InstrumentMap m_instruments;
    QString m_positionsBook;
    QHash<QString, Position> m_positions;
    QStringList m_problems;
    QHash<QString, QList<SnapshotSummary>> m_endOfDays; // by book, as given
    QList<QDate> m_changedDays;
    bool m_checksEndOfDays = false; // given for some book: wait for the others
    bool m_edited = false; // problems show in red once the user has typed
    Trade m_trade;
    // "Did you mean …?" for an unknown id: looked for on a worker once the
    // typing pauses (every instrument is compared: 80 ms a key with 100,000).
    QTimer m_closestDelay;
    QFutureWatcher<QStringList> m_closestSearch;
    QString m_closestAsked; // the id being looked for
    QString m_closestFor;   // the id m_closest is for
    QStringList m_closest;
};
