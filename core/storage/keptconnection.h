#pragma once

#include "connection.h"

// The calling thread's own connection to a database, opened and migrated on
// first use and then kept: a worker that takes one task after another opens
// its database once, not per task (an open with its schema check costs
// 4.8 ms on SQLite and 23 ms on a local PostgreSQL, against 0.09 / 0.19 ms
// for a query on a kept connection), and N idle desks do not open N new
// PostgreSQL sessions every few seconds. A connection that became unusable
// (a lost or frozen server) is dropped after the task that met it, and the
// next task opens a new one: the desk reconnects by itself.
//
// For worker threads that live as long as their owner: QThreadPool threads
// with expiryTimeout -1 or a QThread. The
// connection is closed in its own thread when that thread ends. Never on the
// main thread.
namespace KeptConnection {

// Throws StorageError when it cannot be opened.
const Connection &get(const DatabaseLocation &location, Connection::Mode mode = Connection::Mode::MustExist);

// After a StorageError: drops this thread's connection to `location` unless
// it is still usable, so that the next task reopens it.
void dropIfBroken(const DatabaseLocation &location);

// Runs `work` with this thread's kept connection; a StorageError is passed
// on after the connection was dropped if the error left it unusable.
template<typename F>
auto with(const DatabaseLocation &location, F work, Connection::Mode mode = Connection::Mode::MustExist)
{
    try {
        return work(get(location, mode));
    } catch (...) {
        dropIfBroken(location);
        throw;
    }
}

} // namespace KeptConnection
