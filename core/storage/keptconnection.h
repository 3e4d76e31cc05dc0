#pragma once

#include "connection.h"

#include <memory>

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

// This thread's kept connection; on the application's main thread (where
// QFuture::waitForFinished() may run a queued task itself) a connection of
// its own for the lease's lifetime instead, as nothing there keeps one.
class Lease
{
    Q_DISABLE_COPY_MOVE(Lease)

public:
    // Throws StorageError when it cannot be opened.
    explicit Lease(const DatabaseLocation &location, Connection::Mode mode = Connection::Mode::MustExist);
    ~Lease();
    const Connection &operator*() const { return *m_connection; }

private:
    const Connection *m_connection = nullptr;
    std::unique_ptr<Connection> m_own;
};

// After a StorageError: drops this thread's connection to `location` unless
// it is still usable, so that the next task reopens it. True when it dropped one.
bool dropIfBroken(const DatabaseLocation &location);


} // namespace KeptConnection
