#pragma once

#include <QObject>

#include <functional>

class QWidget;

// The reading a tab puts off while another tab is shown. A book's trades,
// its end of day and its ranking are 100,000 rows each on a big book: a
// window that read them all for tabs nobody looks at held them all (about
// 50 MB more of its peak on such a book). A page of a QTabWidget (of any
// QStackedWidget) that is not the current one puts its load off; the load
// runs when the page is shown. A page on its own (no stack) never waits.
class WhenShown : public QObject
{
    Q_OBJECT

public:
    WhenShown(QWidget *page, std::function<void()> load);

    // True, and the load noted for when the page is shown, while the page
    // is hidden behind another; false when the caller may load now.
    bool putOff();
    // A load is waiting for the page to be shown.
    bool isPutOff() const { return m_waiting; }
    bool pageHidden() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_page;
    std::function<void()> m_load;
    bool m_waiting = false;
};
