#include "positionstab.h"

#include "desktableview.h"
#include "positionsmodel.h"
#include "services/background.h"
#include "tablepanel.h"
#include "tableproxy.h"
#include "totalstext.h"
#include "tradeticketdialog.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

PositionsTab::PositionsTab(DeskSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new PositionsModel(this))
    , m_panel(new TablePanel(QStringLiteral("positions"), this))
    , m_headline(new QLabel(this))
    , m_showFlat(new QCheckBox(tr("Show f&lat"), this))
{
    m_panel->setModel(m_model, {PositionTraits::BookId});
    m_panel->proxy()->setHideZeroColumn(PositionTraits::Quantity);
    m_showFlat->setToolTip(tr("Also show positions closed today (quantity 0) with their realized P&L"));
    m_panel->addControl(m_showFlat);
    m_panel->setTotals([this](const QList<int> &shown) {
        CurrencyTotals totals;
        for (int row : shown)
            totals.add(m_model->rows().at(row));
        return TotalsText::positions(totals.totals(), int(shown.size()), m_model->rowCount());
    });

    auto *trade = m_newTrade = new QPushButton(tr("&New trade…"), this);
    trade->setToolTip(tr("Book a trade in this book (Ctrl+T)"));
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.2);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_headline->setWordWrap(true); // the totals line must not widen the window

    auto *top = new QHBoxLayout;
    top->addWidget(m_headline, 1);
    top->addWidget(trade);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_panel, 1);

    connect(m_showFlat, &QCheckBox::toggled, this, [this](bool on) {
        m_panel->proxy()->setHideZeroColumn(on ? -1 : PositionTraits::Quantity);
    });
    connect(trade, &QPushButton::clicked, this, &PositionsTab::newTrade);
    m_panel->view()->setToolTip(tr("Double-click a position to see its trades and how its average price came about"));
    connect(m_panel->view(), &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_panel->proxy()->mapToSource(index);
        if (source.isValid())
            emit instrumentOpened(m_model->rows().at(source.row()).position.instrumentId);
    });
    connect(&m_loading, &QFutureWatcher<PositionsModel::Prepared>::finished, this, [this] {
        PositionsModel::Prepared prepared = takeResult(m_loading);
        m_reading = false;
        if (!prepared.error.isEmpty()) {
            emit message(prepared.error);
            return;
        }
        if (prepared.book.bookId() != m_bookId)
            return; // the user moved on meanwhile
        m_model->setBook(std::move(prepared));
        // Trades that arrived during the fold: those after it apply now.
        const QList<LoggedTrade> pending = std::exchange(m_arrivedWhileLoading, {});
        if (!m_model->applyTrades(pending))
            reload();
        updateHeadline();
        emit bookLoaded(m_bookId);
    });
    connect(&m_booking, &QFutureWatcher<TradeBooking::Result>::finished, this, [this] {
        const auto result = m_booking.result();
        if (!result.ok()) {
            QMessageBox::warning(this, tr("Trade not booked"),
                                 result.error ? result.error->message : result.storageError);
            return;
        }
        emit message(result.inserted ? tr("Trade booked") : tr("That trade was already booked"));
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PositionsTab::updateHeadline);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PositionsTab::updateHeadline);
}

void PositionsTab::setBook(const QString &bookId, const QString &name)
{
    m_bookId = bookId;
    m_bookName = name;
    m_arrivedWhileLoading.clear();
    m_model->setBook(LiveBook(bookId));
    reload();
    updateHeadline();
}

void PositionsTab::setBooks(const QList<BookInfo> &books)
{
    m_books.clear();
    for (const BookInfo &b : books) {
        m_books << b.bookId;
        // Renamed meanwhile (import-books, another desk): the headline follows.
        if (b.bookId == m_bookId && b.name != m_bookName) {
            m_bookName = b.name;
            updateHeadline();
        }
    }
}

void PositionsTab::reload()
{
    if (m_bookId.isEmpty())
        return;
    // The fold and the 100,000-row list are made off the UI thread.
    m_reading = true;
    m_loading.setFuture(m_session.storage().liveBook(m_bookId).then(Background::pool(), [](const Loaded<LiveBookLoad> &loaded) {
        Background::lowerThisThread();
        if (!loaded.ok())
            return PositionsModel::Prepared{LiveBook(), {}, {}, {}, loaded.error};
        return PositionsModel::prepare(loaded.value.book, loaded.value.market);
    }));
}

void PositionsTab::onTradesArrived(const QList<LoggedTrade> &trades)
{
    if (m_loading.isRunning()) {
        m_arrivedWhileLoading += trades;
        return;
    }
    if (!m_model->applyTrades(trades))
        reload();
}

QString PositionsTab::headlineText() const
{
    return m_headline->text();
}

void PositionsTab::updateHeadline()
{
    if (m_bookId.isEmpty()) {
        m_headline->setText(tr("No book selected"));
        return;
    }
    const auto &rows = m_model->rows();
    const int open = int(std::count_if(rows.cbegin(), rows.cend(), [](const ValuedPosition &p) { return !p.position.isFlat(); }));
    // Every amount in the book's base currency: nothing of two currencies
    // is added without its rate.
    const BookTotals totals = BookTotals::of(rows, m_model->market().baseCurrency);
    const QString ccy = totals.baseCurrency;
    // "EGB-PAR — Euro government bonds", or the id alone for a book without a name.
    const QString book = m_bookName.isEmpty() ? m_bookId : tr("%1 — %2").arg(m_bookId, m_bookName);
    // Not "0 open positions; market value 0.00" while a big book is read.
    if (rows.isEmpty() && m_reading) {
        m_headline->setText(tr("%1: reading the positions…").arg(book));
        return;
    }
    QString text = tr("%1: %Ln open position(s); in %2: market value %3, unrealized P&L %4, realized P&L %5", nullptr, open)
                       .arg(book, ccy, TableModel::money(totals.marketValue, ccy),
                            TableModel::money(totals.unrealizedPnl, ccy), TableModel::money(totals.realizedPnl, ccy));
    if (totals.leftOut > 0)
        text += u' ' + tr("(%Ln position(s) left out: no price, reference data or FX rate)", nullptr, totals.leftOut);
    m_headline->setText(text);
}

void PositionsTab::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    m_newTrade->setEnabled(reason.isEmpty());
    if (!reason.isEmpty())
        m_newTrade->setToolTip(tr("Not on a read-only desk: %1").arg(reason));
}

void PositionsTab::newTrade()
{
    if (!m_readOnly.isEmpty())
        return;
    // The instruments come off the UI thread; the ticket opens when they are in.
    if (m_instruments.isRunning())
        return;
    connect(&m_instruments, &QFutureWatcher<Loaded<InstrumentMap>>::finished, this, [this] {
        const auto loaded = m_instruments.result();
        TradeTicketDialog ticket(m_books, loaded.value, m_session.settings().deskTimeZone, this);
        ticket.setBook(m_bookId);
        // The book's stored end-of-day snapshots, for the back-dating warning.
        QFutureWatcher<Loaded<QList<SnapshotSummary>>> endOfDays;
        QString asked;
        auto ask = [this, &endOfDays, &asked](const QString &book) {
            asked = book;
            endOfDays.setFuture(m_session.storage().snapshots(book, false));
        };
        connect(&endOfDays, &QFutureWatcher<Loaded<QList<SnapshotSummary>>>::finished, &ticket, [&] {
            ticket.setStoredEndOfDays(asked, endOfDays.result().value); // a failed read warns of nothing
            if (ticket.currentBook() != asked)
                ask(ticket.currentBook());
        });
        connect(&ticket, &TradeTicketDialog::endOfDaysWanted, &ticket, [&](const QString &book) {
            if (!endOfDays.isRunning())
                ask(book);
        });
        ticket.setStoredEndOfDays(QString(), {}); // OK waits for the book's
        ask(m_bookId);
        const QModelIndex current = m_panel->proxy()->mapToSource(m_panel->view()->currentIndex());
        if (current.isValid())
            ticket.setInstrument(m_model->rows().at(current.row()).position.instrumentId);
        QHash<QString, Position> positions;
        for (const ValuedPosition &v : m_model->rows())
            positions.insert(v.position.instrumentId, v.position);
        ticket.setPositions(m_bookId, positions);
        if (ticket.exec() == QDialog::Accepted && ticket.isValid())
            m_booking.setFuture(m_session.storage().book({ticket.trade()}));
    }, Qt::SingleShotConnection);
    m_instruments.setFuture(m_session.storage().instruments());
}
