#include "statementwatchdog.h"

#include <QList>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/socket.h>

// The thread and the registry of watched connections. Made once and never
// destroyed: a statement may still be armed while the process exits, and a
// detached thread must not outlive the mutex it waits on.
class WatchdogThread
{
public:
    using Clock = std::chrono::steady_clock;

    static WatchdogThread &instance()
    {
        static auto *watchdog = new WatchdogThread;
        return *watchdog;
    }

    std::mutex mutex;

    void add(StatementWatchdog *w)
    {
        const std::lock_guard lock(mutex);
        m_watched.append(w);
    }
    void remove(StatementWatchdog *w)
    {
        const std::lock_guard lock(mutex);
        m_watched.removeOne(w);
    }
    // Called with the mutex held, after arming `deadline`.
    void armed(Clock::time_point deadline)
    {
        if (!m_started) {
            std::thread([this] { run(); }).detach();
            m_started = true;
        }
        // The thread recomputes its wake-up each time it wakes; it needs a
        // nudge only when this deadline comes before the one it sleeps to.
        if (deadline < m_wake)
            m_wakeUp.notify_one();
    }

private:
    void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            const auto now = Clock::now();
            m_wake = Clock::time_point::max();
            for (StatementWatchdog *w : std::as_const(m_watched)) {
                if (!w->m_armed || w->m_fired)
                    continue;
                if (w->m_deadline <= now) {
                    // Wakes the blocked recv()/poll() of libpq; the socket
                    // stays open (libpq closes it), so its number cannot be
                    // reused under another connection meanwhile.
                    ::shutdown(w->m_socket, SHUT_RDWR);
                    w->m_fired = true;
                } else {
                    m_wake = std::min(m_wake, w->m_deadline);
                }
            }
            if (m_wake == Clock::time_point::max())
                m_wakeUp.wait(lock);
            else
                m_wakeUp.wait_until(lock, m_wake);
        }
    }

    QList<StatementWatchdog *> m_watched;
    std::condition_variable m_wakeUp;
    Clock::time_point m_wake = Clock::time_point::max();
    bool m_started = false;
};

StatementWatchdog::StatementWatchdog(int socket)
    : m_socket(socket)
{
    WatchdogThread::instance().add(this);
}

StatementWatchdog::~StatementWatchdog()
{
    WatchdogThread::instance().remove(this);
}

void StatementWatchdog::arm(std::chrono::milliseconds timeout)
{
    WatchdogThread &thread = WatchdogThread::instance();
    const std::lock_guard lock(thread.mutex);
    m_deadline = WatchdogThread::Clock::now() + timeout;
    m_armed = true;
    thread.armed(m_deadline);
}

bool StatementWatchdog::disarm()
{
    const std::lock_guard lock(WatchdogThread::instance().mutex);
    m_armed = false;
    return m_fired;
}
