#pragma once

#include "domain/livebook.h"
#include "io/tables.h"
#include "storage/tradestore.h"
#include "tablemodel.h"

#include <QSet>
#include <QTimer>

// The live positions of one book. Trades that arrive are applied in place:
// one dataChanged for the rows they touched and one insert for new
// instruments, per batch. A late trade asks for a fresh fold instead.
class PositionsModel : public ListModel<PositionTraits>
{
    Q_OBJECT

public:
    explicit PositionsModel(QObject *parent = nullptr);

    // A book's rows in instrument order with their index: made in a worker
    // thread, installed by setBook() in one swap.
    struct Prepared
    {
        LiveBook book;
        MarketContext market;
        ValuedPositionList rows;
        QHash<QString, int> rowOf;
        QString error;
    };
    static Prepared prepare(const LiveBook &book, MarketContext market = {});

    void setBook(const LiveBook &book, MarketContext market = {});
    void setBook(Prepared prepared);
    const QString &bookId() const { return m_book.bookId(); }
    const MarketContext &market() const { return m_market; }
    qint64 sequence() const { return m_book.sequence(); }

    // Applies the trades of this book among `trades`; false when one came
    // out of order and the book must be folded again.
    bool applyTrades(const QList<LoggedTrade> &trades);

    // Rows a live trade just changed are tinted for FlashMs, so the eye
    // finds them; BackgroundRole says which.
    static constexpr int FlashMs = 1500;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool isFlashing(int row) const;

private:
    LiveBook m_book;
    MarketContext m_market;
    QHash<QString, int> m_rowOf;
    QSet<int> m_flashing;
    QTimer m_flashTimer;
    void flash(const QList<int> &rows);
};
