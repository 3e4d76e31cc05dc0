#pragma once

#include <QString>

class Connection;

// Whether this desk may write to the database it opened: a PostgreSQL role
// without write grants (a middle-office viewer), a read-only server (a
// standby), a SQLite file this user may not write. A read-only desk shows
// everything and changes nothing: the window disables what writes and says
// why; the batch commands that write exit 3 with the reason.
namespace Access {

// Why this connection may not write, in words; empty when it may.
QString readOnlyReason(const Connection &connection);

} // namespace Access
