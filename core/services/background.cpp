#include "background.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <atomic>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace Background {

namespace {
std::atomic<bool> yieldToWindow{false};
}

void setYieldToWindow(bool on)
{
    yieldToWindow.store(on, std::memory_order_relaxed);
}

void lowerThisThread()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered || !yieldToWindow.load(std::memory_order_relaxed))
        return;
    // QFuture::waitForFinished() may run a task on the main thread itself.
    const QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread())
        return;
    lowered = true;
    // On Linux the nice value is the calling thread's, not the process's.
    setpriority(PRIO_PROCESS, 0, 10);
#endif
}

QThreadPool *pool()
{
    static QThreadPool threads;
    return &threads;
}

} // namespace Background
