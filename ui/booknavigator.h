#pragma once

#include "services/deskstorage.h"
#include "services/snapshotjob.h"
#include "io/tables.h"
#include "tablemodel.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class DeskTableView;
class QLineEdit;
class TableProxy;

struct BookRow
{
    QString bookId;
    QString name;
    int openPositions = -1; // not counted yet
};

struct BookTraits
{
    using Row = BookRow;
    using Context = NoContext;
    enum Column { BookId, Name, OpenPositions };
    static const QList<ColumnSpec> &columns();
    static QVariant value(const Row &row, int column, const Context &);
};

class BookListModel : public ListModel<BookTraits>
{
    Q_OBJECT

public:
    using ListModel<BookTraits>::ListModel;
    int rowOf(const QString &bookId) const;
    void setOpenCounts(const QHash<QString, int> &counts);
};

// The book navigator: every book with its count of open positions, a
// filter box, and the current book. Counts are computed off the UI thread
// and refreshed after snapshots.
class BookNavigator : public QWidget
{
    Q_OBJECT

public:
    BookNavigator(DeskStorage &reader, QWidget *parent = nullptr);

    QString currentBook() const { return m_current; }
    BookListModel *model() const { return m_model; }

public slots:
    void reload();
    void refreshCounts();
    void selectBook(const QString &bookId);
    // Books named by new trades or a snapshot tick: reloads the list when
    // one of them is not in it (a trade import or another desk added it).
    void noteBooks(const QStringList &bookIds);
    void noteTrades(const QList<LoggedTrade> &trades);
    void noteSnapshots(const QList<SnapshotReport> &reports);

signals:
    void bookSelected(const QString &bookId, const QString &name);
    void booksLoaded(const QList<BookInfo> &books);
    void loadFailed(const QString &reason);

private:
    void onSelectionChanged();

    DeskStorage &m_reader;
    BookListModel *m_model;
    TableProxy *m_proxy;
    DeskTableView *m_view;
    QLineEdit *m_filter;
    QString m_current;
    QString m_wanted;
    QFutureWatcher<Loaded<QList<BookInfo>>> m_books;
    bool m_reloadAgain = false; // asked while a reload ran
    QFutureWatcher<Loaded<QHash<QString, int>>> m_counts;
    // The counts aggregate the whole trade log: at most one refresh every
    // few seconds, however fast trades arrive.
    QTimer m_countsThrottle;
    QHash<QString, int> m_openCounts; // the last counts read, kept across reloads of the list
    bool m_countsWanted = false;
};
