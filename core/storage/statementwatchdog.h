#pragma once

#include <QtGlobal>

#include <chrono>

// A client-side deadline for the statements of one PostgreSQL connection.
// A frozen server (SIGSTOP, a hung host whose kernel still answers) never
// enforces its own statement_timeout, and its kernel keeps ACKing TCP
// keepalives, so a libpq call waiting for its answer would wait forever.
// One thread for the whole process watches the armed deadlines and shuts
// down the socket of a statement past its own: the blocked call then
// returns with a connection error, and the server rolls the transaction
// back when it sees the connection closed.
//
// Armed and disarmed by the connection's thread around each statement (no
// allocation, one uncontended lock each); the socket must stay open while
// armed.
class StatementWatchdog
{
    Q_DISABLE_COPY_MOVE(StatementWatchdog)

public:
    explicit StatementWatchdog(int socket);
    ~StatementWatchdog();

    void arm(std::chrono::milliseconds timeout);
    // True when the deadline passed and the socket was shut down.
    bool disarm();

private:
    friend class WatchdogThread;
    int m_socket;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_armed = false;
    bool m_fired = false;
};
