#pragma once

// The UI thread's stalls, for the benchmarks that show the window
// (bench_uistall, bench_tick --window): a 1 ms timer on the UI thread notes
// how late each of its ticks comes.

#include "benchutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace Bench {

// Records the lateness of a 1 ms timer: the UI thread's stalls.
class StallMonitor : public QObject
{
public:
    StallMonitor()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_gaps.append(double(now - m_last) / 1e6 - 1.0);
            m_last = now;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worst() const { return m_gaps.isEmpty() ? 0 : *std::max_element(m_gaps.cbegin(), m_gaps.cend()); }
    double percentile(double p) const
    {
        if (m_gaps.isEmpty())
            return 0;
        QList<double> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(p * double(sorted.size() - 1)));
    }
    qsizetype over(double ms) const { return std::count_if(m_gaps.cbegin(), m_gaps.cend(), [ms](double g) { return g > ms; }); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_gaps;
};

// Lets the event loop run until `done` or `timeoutMs`.
inline void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

inline void report(const char *what, const QList<double> &runs, const char *unit, const char *target = "")
{
    Bench::report(qPrintable(QStringLiteral("%1: worst").arg(QString::fromUtf8(what))),
                  *std::max_element(runs.cbegin(), runs.cend()), unit, target);
    Bench::report("  median", median(runs), unit);
}

} // namespace Bench
