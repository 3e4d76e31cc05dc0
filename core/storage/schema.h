#pragma once

class Connection;

// The versioned schema. open() runs at every connection: it refuses a
// database written by a newer program (before changing anything), sets the
// connection's pragmas and applies the missing migrations in one
// transaction. Both dialects get the same tables, keys and constraints.
namespace Schema {

constexpr int LatestVersion = 2;

void open(Connection &connection);
int version(const Connection &connection);

} // namespace Schema
