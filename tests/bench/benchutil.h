#pragma once

// Small helpers shared by the benchmarks: a wall clock, the process's peak
// memory, and a report line per measure.

#include <QElapsedTimer>
#include <QString>

#include <cstdio>
#include <sys/resource.h>

namespace Bench {

inline double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

// Peak resident memory of this process so far, in MB.
inline double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

inline void report(const char *what, double value, const char *unit, const char *target = "")
{
    std::printf("%-58s %12.4f %-3s %s\n", what, value, unit, target);
    std::fflush(stdout);
}

// Runs `work` `times` times and gives the best time: the least noisy figure
// on a shared two-core machine.
template<typename F>
double best(int times, F work)
{
    double bestTime = 1e300;
    for (int i = 0; i < times; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        bestTime = std::min(bestTime, seconds(t));
    }
    return bestTime;
}

} // namespace Bench
