#pragma once

#include <QString>

// The database of DESIGN.md §5 for the benchmarks: `days` business days ×
// `books` books × `perBook` positions of end-of-day history, and `trades`
// trades over the books. Written with libsqlite3 straight: what is measured
// is reading it, not this fill.
namespace BigDatabase {

void build(const QString &path, int days, int books, int perBook, int trades);
QString instrument(int i);

} // namespace BigDatabase
