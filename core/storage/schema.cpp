#include "schema.h"

#include "connection.h"
#include "storageerror.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTimeZone>

namespace Schema {

namespace {

// {ID}: an auto-increment primary key; {DATE}: a calendar date (ISO text in
// SQLite, DATE in PostgreSQL); {CLUSTERED}: SQLite stores the table in its
// primary-key order, which is the order rows are written and read in.
const char *const Version1[] = {
    "CREATE TABLE desk_settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL)",

    "CREATE TABLE books ("
    "  book_id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL DEFAULT '')",

    // The trade log. trade_seq orders insertions, so "what is new since"
    // is one index seek; trade_time is milliseconds since the epoch, UTC.
    "CREATE TABLE trades ("
    "  trade_seq {ID},"
    "  trade_id TEXT NOT NULL UNIQUE,"
    "  book_id TEXT NOT NULL REFERENCES books (book_id),"
    "  instrument_id TEXT NOT NULL,"
    "  quantity DOUBLE PRECISION NOT NULL CHECK (quantity <> 0),"
    "  price DOUBLE PRECISION NOT NULL CHECK (price > 0),"
    "  trade_time BIGINT NOT NULL)",
    // The fold reads a book instrument by instrument in time order.
    "CREATE INDEX trades_fold ON trades (book_id, instrument_id, trade_time, trade_id, quantity, price)",

    // One end-of-day snapshot per book and business date; the upsert in
    // SnapshotStore only replaces it with a newer instant.
    "CREATE TABLE snapshots ("
    "  snapshot_id {ID},"
    "  book_id TEXT NOT NULL REFERENCES books (book_id),"
    "  business_date {DATE} NOT NULL,"
    "  snapshot_time BIGINT NOT NULL,"
    "  position_count INTEGER NOT NULL,"
    "  content_hash TEXT NOT NULL,"
    "  UNIQUE (book_id, business_date))",

    "CREATE TABLE snapshot_positions ("
    "  snapshot_id BIGINT NOT NULL REFERENCES snapshots (snapshot_id) ON DELETE CASCADE,"
    "  instrument_id TEXT NOT NULL,"
    "  quantity DOUBLE PRECISION NOT NULL CHECK (quantity <> 0),"
    "  average_price DOUBLE PRECISION NOT NULL,"
    "  realized_pnl DOUBLE PRECISION NOT NULL,"
    "  PRIMARY KEY (snapshot_id, instrument_id)) {CLUSTERED}",

    "CREATE TABLE instruments ("
    "  instrument_id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  asset_class TEXT NOT NULL CHECK (asset_class IN ('bond', 'equity', 'fund', 'cash')),"
    "  issuer_type TEXT NOT NULL CHECK (issuer_type IN ('', 'sovereign', 'other', 'securitisation')),"
    "  rating TEXT NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  maturity_date {DATE},"
    "  main_index SMALLINT NOT NULL CHECK (main_index IN (0, 1)))",

    "CREATE TABLE market_prices ("
    "  instrument_id TEXT NOT NULL,"
    "  business_date {DATE} NOT NULL,"
    "  price DOUBLE PRECISION NOT NULL CHECK (price > 0),"
    "  PRIMARY KEY (instrument_id, business_date)) {CLUSTERED}",

    "CREATE TABLE haircut_overrides ("
    "  instrument_id TEXT PRIMARY KEY,"
    "  haircut DOUBLE PRECISION NOT NULL CHECK (haircut >= 0 AND haircut < 1))",

    // A ranking keeps the prices and haircuts it used: later reference data
    // changes do not rewrite it; a rebuild does.
    "CREATE TABLE rankings ("
    "  ranking_id {ID},"
    "  book_id TEXT NOT NULL REFERENCES books (book_id),"
    "  business_date {DATE} NOT NULL,"
    "  snapshot_time BIGINT NOT NULL,"
    "  built_at BIGINT NOT NULL,"
    "  default_haircut DOUBLE PRECISION NOT NULL,"
    "  UNIQUE (book_id, business_date))",

    "CREATE TABLE ranking_items ("
    "  ranking_id BIGINT NOT NULL REFERENCES rankings (ranking_id) ON DELETE CASCADE,"
    "  row_number INTEGER NOT NULL,"
    "  rank INTEGER,"
    "  instrument_id TEXT NOT NULL,"
    "  quantity DOUBLE PRECISION NOT NULL,"
    "  price DOUBLE PRECISION NOT NULL,"
    "  price_source TEXT NOT NULL CHECK (price_source IN ('market', 'average')),"
    "  haircut DOUBLE PRECISION CHECK (haircut >= 0 AND haircut < 1),"
    "  collateral_value DOUBLE PRECISION,"
    "  note TEXT NOT NULL,"
    "  PRIMARY KEY (ranking_id, row_number)) {CLUSTERED}",
};

// Version 2, "Money done right": quantities exact (TEXT decimals in
// SQLite, whose columns would round them to binary doubles; NUMERIC in
// PostgreSQL), books with a base currency, FX closes, and rankings in a
// currency, per agreement, with language-neutral notes. Rankings of
// version 1 added currencies together and counted unknown instruments as
// collateral: they are dropped and rebuilt from their snapshots on request.
#define FINDESK_CANONICAL_QUANTITY "rtrim(rtrim(printf('%.6f', quantity), '0'), '.')"
const char *const Version2SQLite[] = {
    "CREATE TABLE trades_v2 ("
    "  trade_seq INTEGER PRIMARY KEY,"
    "  trade_id TEXT NOT NULL UNIQUE,"
    "  book_id TEXT NOT NULL REFERENCES books (book_id),"
    "  instrument_id TEXT NOT NULL,"
    "  quantity TEXT NOT NULL CHECK (quantity <> '0'),"
    "  price DOUBLE PRECISION NOT NULL CHECK (price > 0),"
    "  trade_time BIGINT NOT NULL)",
    "INSERT INTO trades_v2 SELECT trade_seq, trade_id, book_id, instrument_id, " FINDESK_CANONICAL_QUANTITY ","
    "  price, trade_time FROM trades",
    "DROP TABLE trades",
    "ALTER TABLE trades_v2 RENAME TO trades",
    "CREATE INDEX trades_fold ON trades (book_id, instrument_id, trade_time, trade_id, quantity, price)",

    "CREATE TABLE snapshot_positions_v2 ("
    "  snapshot_id BIGINT NOT NULL REFERENCES snapshots (snapshot_id) ON DELETE CASCADE,"
    "  instrument_id TEXT NOT NULL,"
    "  quantity TEXT NOT NULL CHECK (quantity <> '0'),"
    "  average_price DOUBLE PRECISION NOT NULL,"
    "  realized_pnl DOUBLE PRECISION NOT NULL,"
    "  PRIMARY KEY (snapshot_id, instrument_id)) WITHOUT ROWID",
    "INSERT INTO snapshot_positions_v2 SELECT snapshot_id, instrument_id, " FINDESK_CANONICAL_QUANTITY ","
    "  average_price, realized_pnl FROM snapshot_positions",
    "DROP TABLE snapshot_positions",
    "ALTER TABLE snapshot_positions_v2 RENAME TO snapshot_positions",
};
#undef FINDESK_CANONICAL_QUANTITY

const char *const Version2PostgreSQL[] = {
    "ALTER TABLE trades ALTER COLUMN quantity TYPE NUMERIC(38, 6) USING round(quantity::numeric, 6)",
    "ALTER TABLE snapshot_positions ALTER COLUMN quantity TYPE NUMERIC(38, 6) USING round(quantity::numeric, 6)",
};

const char *const Version2[] = {
    "ALTER TABLE books ADD COLUMN base_currency TEXT NOT NULL DEFAULT ''",

    "CREATE TABLE fx_rates ("
    "  currency_pair TEXT NOT NULL CHECK (length(currency_pair) = 6),"
    "  business_date {DATE} NOT NULL,"
    "  rate DOUBLE PRECISION NOT NULL CHECK (rate > 0),"
    "  PRIMARY KEY (currency_pair, business_date)) {CLUSTERED}",

    "DROP TABLE ranking_items",
    "DROP TABLE rankings",
    // agreement_id '' is the desk ranking.
    "CREATE TABLE rankings ("
    "  ranking_id {ID},"
    "  book_id TEXT NOT NULL REFERENCES books (book_id),"
    "  business_date {DATE} NOT NULL,"
    "  agreement_id TEXT NOT NULL DEFAULT '',"
    "  currency TEXT NOT NULL,"
    "  snapshot_time BIGINT NOT NULL,"
    "  built_at BIGINT NOT NULL,"
    "  default_haircut DOUBLE PRECISION NOT NULL,"
    "  fx_haircut DOUBLE PRECISION NOT NULL,"
    "  UNIQUE (book_id, business_date, agreement_id))",

    "CREATE TABLE ranking_items ("
    "  ranking_id BIGINT NOT NULL REFERENCES rankings (ranking_id) ON DELETE CASCADE,"
    "  row_number INTEGER NOT NULL,"
    "  rank INTEGER,"
    "  instrument_id TEXT NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  quantity {QUANTITY} NOT NULL,"
    "  price DOUBLE PRECISION NOT NULL,"
    "  price_source TEXT NOT NULL CHECK (price_source IN ('market', 'average')),"
    "  market_value DOUBLE PRECISION,"
    "  fx_rate DOUBLE PRECISION,"
    "  haircut DOUBLE PRECISION CHECK (haircut >= 0 AND haircut < 1),"
    "  fx_haircut DOUBLE PRECISION CHECK (fx_haircut >= 0 AND fx_haircut < 1),"
    "  collateral_value DOUBLE PRECISION,"
    "  counted_value DOUBLE PRECISION,"
    "  note_template TEXT NOT NULL,"
    "  note_args TEXT NOT NULL,"
    "  PRIMARY KEY (ranking_id, row_number)) {CLUSTERED}",

    // Collateral agreements: the agreement, its eligibility schedule, and the
    // desk's cost of delivering each instrument.
    "ALTER TABLE instruments ADD COLUMN issuer TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE agreements ("
    "  agreement_id TEXT PRIMARY KEY,"
    "  counterparty TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK (type IN ('GMRA', 'GMSLA', 'CSA')),"
    "  base_currency TEXT NOT NULL CHECK (length(base_currency) = 3),"
    "  fx_haircut DOUBLE PRECISION CHECK (fx_haircut >= 0 AND fx_haircut < 1),"
    "  issuer_limit DOUBLE PRECISION CHECK (issuer_limit > 0 AND issuer_limit <= 1),"
    "  excluded_issuer TEXT NOT NULL)",
    "CREATE TABLE eligibility_rules ("
    "  agreement_id TEXT NOT NULL REFERENCES agreements (agreement_id) ON DELETE CASCADE,"
    "  rule_id TEXT NOT NULL,"
    "  include SMALLINT NOT NULL CHECK (include IN (0, 1)),"
    "  asset_class TEXT NOT NULL,"
    "  issuer_type TEXT NOT NULL,"
    "  min_rating TEXT NOT NULL,"
    "  max_maturity_years DOUBLE PRECISION,"
    "  currencies TEXT NOT NULL,"
    "  main_index SMALLINT CHECK (main_index IN (0, 1)),"
    "  haircut DOUBLE PRECISION CHECK (haircut >= 0 AND haircut < 1),"
    "  PRIMARY KEY (agreement_id, rule_id))",
    "CREATE TABLE cost_rates ("
    "  instrument_id TEXT NOT NULL,"
    "  business_date {DATE} NOT NULL,"
    "  cost_rate DOUBLE PRECISION NOT NULL CHECK (cost_rate >= 0),"
    "  PRIMARY KEY (instrument_id, business_date)) {CLUSTERED}",

    "INSERT INTO desk_settings (key, value) VALUES ('base_currency', 'USD') ON CONFLICT (key) DO NOTHING",
    "INSERT INTO desk_settings (key, value) VALUES ('fx_haircut', '0.08') ON CONFLICT (key) DO NOTHING",
};

// Version 3, "A snapshot costs what changed": a stored snapshot becomes a
// place the fold can resume from. With its non-flat positions it keeps the
// flat ones' realized P&L (the fold's whole state at its instant), and the
// trade log's high-water mark when it was folded: the newest trade_seq then
// visible. trade_seq is in commit order on both engines (TradeStore::insert),
// so a trade with trade_seq above the mark and trade_time at or before the
// snapshot's instant is one the snapshot did not see. Snapshots written
// before version 3 have no mark (NULL) and are never resumed from.
// trades_time reads a book's trades after an instant in fold order.
const char *const Version3[] = {
    "ALTER TABLE snapshots ADD COLUMN trade_mark BIGINT",
    "CREATE TABLE snapshot_flat_positions ("
    "  snapshot_id BIGINT NOT NULL REFERENCES snapshots (snapshot_id) ON DELETE CASCADE,"
    "  instrument_id TEXT NOT NULL,"
    "  realized_pnl DOUBLE PRECISION NOT NULL,"
    "  PRIMARY KEY (snapshot_id, instrument_id)) {CLUSTERED}",
    // Without trade_id: an import writes one more index, kept small; the
    // few trades of one instant are sorted by id when read.
    "CREATE INDEX trades_time ON trades (book_id, trade_time)",
};

// Version 4, "a shared desk": what changed, in commit order, for the windows
// of every desk on the database (ChangeStore, ChangeFeed). Texts, not
// {DATE}: a change of the reference data has no book and no date ('').
const char *const Version4[] = {
    "CREATE TABLE changes ("
    "  change_seq {ID},"
    "  kind TEXT NOT NULL,"
    "  book_id TEXT NOT NULL,"
    "  business_date TEXT NOT NULL,"
    "  agreement_id TEXT NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  recorded_at BIGINT NOT NULL)",
};

struct Statements
{
    const char *const *begin = nullptr;
    const char *const *end = nullptr;
};

// A version's statements: the dialect's own first, then the common ones.
struct Migration
{
    int version;
    Statements common;
    Statements sqlite;
    Statements postgres;
};

const Migration Migrations[] = {
    {1, {std::begin(Version1), std::end(Version1)}, {}, {}},
    {2, {std::begin(Version2), std::end(Version2)},
     {std::begin(Version2SQLite), std::end(Version2SQLite)},
     {std::begin(Version2PostgreSQL), std::end(Version2PostgreSQL)}},
    {3, {std::begin(Version3), std::end(Version3)}, {}, {}},
    {4, {std::begin(Version4), std::end(Version4)}, {}, {}},
};

QString dialectSql(const Connection &connection, const char *text)
{
    QString sql = QString::fromUtf8(text);
    const bool sqlite = connection.dialect() == SqlDialect::SQLite;
    sql.replace(QStringLiteral("{ID}"), sqlite ? QStringLiteral("INTEGER PRIMARY KEY") : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(QStringLiteral("{DATE}"), sqlite ? QStringLiteral("TEXT") : QStringLiteral("DATE"));
    sql.replace(QStringLiteral("{CLUSTERED}"), sqlite ? QStringLiteral("WITHOUT ROWID") : QString());
    sql.replace(QStringLiteral("{QUANTITY}"), sqlite ? QStringLiteral("TEXT") : QStringLiteral("NUMERIC(38, 6)"));
    return sql;
}

bool hasSchemaTable(const Connection &connection)
{
    return connection.database().tables().contains(QStringLiteral("schema_info"));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Schema", text);
}

// A version above this is not one FinDesk ever wrote (`1e12` reads as
// 1000000000000): the table is someone else's, or damaged.
constexpr int MaxPlausibleVersion = 9999;

QSqlQuery run(const QSqlDatabase &db, const QString &sql, const QString &displayName)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql)) {
        throw StorageError(tr("cannot read the database %1: %2")
                               .arg(displayName, q.lastError().databaseText().trimmed().isEmpty()
                                                     ? q.lastError().text() : q.lastError().databaseText().trimmed()));
    }
    return q;
}

// The version schema_info records; throws unless it is one small positive
// integer. Read as text so that whatever is there can be named.
int storedVersion(const QSqlDatabase &db, const QString &displayName)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT CAST(version AS TEXT) FROM schema_info"), displayName);
    QStringList values;
    while (q.next())
        values << (q.isNull(0) ? QStringLiteral("NULL") : q.value(0).toString());
    if (values.size() != 1) {
        throw StorageError(tr("the database %1 is not a FinDesk database this program can open: its schema_info "
                              "table holds %2 versions instead of one (%3). It was not changed.")
                               .arg(displayName).arg(values.size()).arg(values.join(QStringLiteral(", "))));
    }
    bool ok = false;
    const int found = values.constFirst().toInt(&ok);
    if (!ok || found < 1 || found > MaxPlausibleVersion || values.constFirst() != QString::number(found)) {
        throw StorageError(tr("the database %1 is not a FinDesk database this program can open: its schema_info "
                              "table holds the version \"%2\", which is not a FinDesk schema version (a small "
                              "positive integer). It was not changed.")
                               .arg(displayName, values.constFirst()));
    }
    return found;
}

} // namespace

int check(const QSqlDatabase &db, bool sqlite, const QString &displayName, bool mayCreate)
{
    // Errors are checked here, not by QSqlDatabase::tables(), which reads a
    // file that is not a database at all as an empty one.
    QSqlQuery q = run(db, sqlite ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                  " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                                 : QStringLiteral("SELECT table_name FROM information_schema.tables"
                                                  " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"),
                      displayName);
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    q.finish();
    int found = 0;
    if (tables.contains(QStringLiteral("schema_info"))) {
        found = storedVersion(db, displayName);
    } else if (!tables.isEmpty()) {
        tables.sort();
        throw StorageError(tr("the database %1 is not a FinDesk database: it has tables (%2) but no FinDesk "
                              "schema_info. It was not changed.")
                               .arg(displayName, tables.join(QStringLiteral(", "))));
    }
    if (found > LatestVersion) {
        throw StorageError(tr("the database %1 was written by a newer FinDesk (schema version %2; this program knows "
                              "versions up to %3). It was not changed; open it with a newer FinDesk.")
                               .arg(displayName).arg(found).arg(LatestVersion));
    }
    if (found == 0 && !mayCreate) {
        throw StorageError(tr("%1 holds no FinDesk database (create one with: findesk --db %1 init); "
                              "it was not changed.")
                               .arg(displayName));
    }
    return found;
}

int version(const Connection &connection)
{
    if (!hasSchemaTable(connection))
        return 0;
    return storedVersion(connection.database(), connection.location().displayName());
}

void open(Connection &connection, bool mayCreate)
{
    // Everything is checked before the first pragma: journal_mode = WAL
    // alone rewrites the header of a file that is not ours.
    const int found = check(connection.database(), connection.dialect() == SqlDialect::SQLite,
                            connection.location().displayName(), mayCreate);

    if (connection.dialect() == SqlDialect::SQLite) {
        connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        connection.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        connection.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        connection.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(Connection::ReadCacheKiB));
        connection.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    }
    if (found == LatestVersion)
        return;

    Transaction tx(connection);
    if (connection.dialect() == SqlDialect::PostgreSQL) {
        // Two desks opening a new shared database at once: one migrates.
        connection.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7340117)"));
    }
    // Another desk may have migrated while this one waited for the lock.
    const bool fresh = !hasSchemaTable(connection);
    if (fresh)
        connection.exec(QStringLiteral("CREATE TABLE schema_info (version INTEGER NOT NULL)"));
    const int current = fresh ? 0 : version(connection);
    for (const Migration &m : Migrations) {
        if (m.version <= current)
            continue;
        const Statements &own = connection.dialect() == SqlDialect::SQLite ? m.sqlite : m.postgres;
        for (const Statements &list : {own, m.common}) {
            for (auto it = list.begin; it != list.end; ++it)
                connection.exec(dialectSql(connection, *it));
        }
    }
    if (current == 0) {
        connection.exec(QStringLiteral("INSERT INTO schema_info (version) VALUES (%1)").arg(LatestVersion));
        QSqlQuery seed = connection.prepare(QStringLiteral("INSERT INTO desk_settings (key, value) VALUES (?, ?)"));
        const QList<std::pair<QString, QString>> defaults = {
            {QStringLiteral("desk_timezone"), QString::fromUtf8(QTimeZone::systemTimeZoneId())},
            {QStringLiteral("default_haircut"), QStringLiteral("0.1")},
        };
        for (const auto &[key, value] : defaults) {
            seed.addBindValue(key);
            seed.addBindValue(value);
            connection.exec(seed);
        }
    } else {
        connection.exec(QStringLiteral("UPDATE schema_info SET version = %1").arg(LatestVersion));
    }
    tx.commit();
}

} // namespace Schema
