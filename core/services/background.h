#pragma once

class QThreadPool;

// The desk's worker threads (reads, snapshots, rankings, bookings, the
// change feed, the window's sorts and comparisons) yield to the window's
// UI thread. On a 2-core machine the UI thread otherwise waited its turn
// behind three busy workers for up to 110 ms while a 100,000-position
// snapshot was stored and ranked.
namespace Background {

// Asked for by the window at its start; the command line does not.
void setYieldToWindow(bool on);

// Called first by each worker task: lowers the calling thread's scheduling
// priority (nice 10) once, when the window asked for it. Linux only, where
// each thread has a priority of its own; never the main thread's.
void lowerThisThread();

// The threads for the window's own background work (valuing a day,
// comparing two days, ranking rows for a sort, freeing old rows). Not
// QThreadPool::globalInstance(): Qt's raster engine fills large areas on
// that pool's threads, so a paint waited up to 80 ms behind a comparison of
// 100,000 positions.
QThreadPool *pool();

} // namespace Background
