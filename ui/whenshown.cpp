#include "whenshown.h"

#include <QEvent>
#include <QStackedWidget>

WhenShown::WhenShown(QWidget *page, std::function<void()> load)
    : QObject(page)
    , m_page(page)
    , m_load(std::move(load))
{
    page->installEventFilter(this);
}

bool WhenShown::pageHidden() const
{
    const auto *stack = qobject_cast<const QStackedWidget *>(m_page->parentWidget());
    return stack && stack->currentWidget() != m_page;
}

bool WhenShown::putOff()
{
    m_waiting = pageHidden();
    return m_waiting;
}

bool WhenShown::eventFilter(QObject *watched, QEvent *event)
{
    // The stack shows its new current page (whether or not the window is
    // on screen yet).
    if (watched == m_page && event->type() == QEvent::ShowToParent && m_waiting && !pageHidden()) {
        m_waiting = false;
        m_load();
    }
    return QObject::eventFilter(watched, event);
}
