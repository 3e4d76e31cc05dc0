-- A database as FinDesk release 1 (schema version 1) wrote it on SQLite:
-- its tables exactly as that release created them, and a little of
-- everything: a book, trades with binary-double quantities, reference
-- data, a price, an end-of-day snapshot and a ranking. tst_storage
-- upgradesADatabaseOfRelease1 opens it with this release.
CREATE TABLE schema_info (version INTEGER NOT NULL);
CREATE TABLE desk_settings (  key TEXT PRIMARY KEY,  value TEXT NOT NULL);
CREATE TABLE books (  book_id TEXT PRIMARY KEY,  name TEXT NOT NULL DEFAULT '');
CREATE TABLE trades (  trade_seq INTEGER PRIMARY KEY,  trade_id TEXT NOT NULL UNIQUE,  book_id TEXT NOT NULL REFERENCES books (book_id),  instrument_id TEXT NOT NULL,  quantity DOUBLE PRECISION NOT NULL CHECK (quantity <> 0),  price DOUBLE PRECISION NOT NULL CHECK (price > 0),  trade_time BIGINT NOT NULL);
CREATE INDEX trades_fold ON trades (book_id, instrument_id, trade_time, trade_id, quantity, price);
CREATE TABLE snapshots (  snapshot_id INTEGER PRIMARY KEY,  book_id TEXT NOT NULL REFERENCES books (book_id),  business_date TEXT NOT NULL,  snapshot_time BIGINT NOT NULL,  position_count INTEGER NOT NULL,  content_hash TEXT NOT NULL,  UNIQUE (book_id, business_date));
CREATE TABLE snapshot_positions (  snapshot_id BIGINT NOT NULL REFERENCES snapshots (snapshot_id) ON DELETE CASCADE,  instrument_id TEXT NOT NULL,  quantity DOUBLE PRECISION NOT NULL CHECK (quantity <> 0),  average_price DOUBLE PRECISION NOT NULL,  realized_pnl DOUBLE PRECISION NOT NULL,  PRIMARY KEY (snapshot_id, instrument_id)) WITHOUT ROWID;
CREATE TABLE instruments (  instrument_id TEXT PRIMARY KEY,  name TEXT NOT NULL,  asset_class TEXT NOT NULL CHECK (asset_class IN ('bond', 'equity', 'fund', 'cash')),  issuer_type TEXT NOT NULL CHECK (issuer_type IN ('', 'sovereign', 'other', 'securitisation')),  rating TEXT NOT NULL,  currency TEXT NOT NULL,  maturity_date TEXT,  main_index SMALLINT NOT NULL CHECK (main_index IN (0, 1)));
CREATE TABLE market_prices (  instrument_id TEXT NOT NULL,  business_date TEXT NOT NULL,  price DOUBLE PRECISION NOT NULL CHECK (price > 0),  PRIMARY KEY (instrument_id, business_date)) WITHOUT ROWID;
CREATE TABLE haircut_overrides (  instrument_id TEXT PRIMARY KEY,  haircut DOUBLE PRECISION NOT NULL CHECK (haircut >= 0 AND haircut < 1));
CREATE TABLE rankings (  ranking_id INTEGER PRIMARY KEY,  book_id TEXT NOT NULL REFERENCES books (book_id),  business_date TEXT NOT NULL,  snapshot_time BIGINT NOT NULL,  built_at BIGINT NOT NULL,  default_haircut DOUBLE PRECISION NOT NULL,  UNIQUE (book_id, business_date));
CREATE TABLE ranking_items (  ranking_id BIGINT NOT NULL REFERENCES rankings (ranking_id) ON DELETE CASCADE,  row_number INTEGER NOT NULL,  rank INTEGER,  instrument_id TEXT NOT NULL,  quantity DOUBLE PRECISION NOT NULL,  price DOUBLE PRECISION NOT NULL,  price_source TEXT NOT NULL CHECK (price_source IN ('market', 'average')),  haircut DOUBLE PRECISION CHECK (haircut >= 0 AND haircut < 1),  collateral_value DOUBLE PRECISION,  note TEXT NOT NULL,  PRIMARY KEY (ranking_id, row_number)) WITHOUT ROWID;
INSERT INTO schema_info (version) VALUES (1);
INSERT INTO desk_settings (key, value) VALUES ('desk_timezone', 'UTC'), ('default_haircut', '0.1');
INSERT INTO books (book_id, name) VALUES ('REPO', 'Repo London');
INSERT INTO trades (trade_id, book_id, instrument_id, quantity, price, trade_time) VALUES ('T1', 'REPO', 'BUND', 1234567.125, 98.5, 1784883600000), ('T2', 'REPO', 'BUND', -234567.125, 99.25, 1784885400000), ('T3', 'REPO', 'CASHE', 1000000, 1, 1784887200000);
INSERT INTO instruments (instrument_id, name, asset_class, issuer_type, rating, currency, maturity_date, main_index) VALUES ('BUND', 'Bund 2.5% 2030', 'bond', 'sovereign', 'AAA', 'EUR', '2030-02-15', 0), ('CASHE', 'Cash EUR', 'cash', '', '', 'EUR', NULL, 0);
INSERT INTO market_prices (instrument_id, business_date, price) VALUES ('BUND', '2026-07-24', 99);
INSERT INTO snapshots (book_id, business_date, snapshot_time, position_count, content_hash) VALUES ('REPO', '2026-07-24', 1784912400000, 2, 'release-1');
INSERT INTO snapshot_positions (snapshot_id, instrument_id, quantity, average_price, realized_pnl) VALUES ((SELECT snapshot_id FROM snapshots), 'BUND', 1000000, 98.5, 175925.34375), ((SELECT snapshot_id FROM snapshots), 'CASHE', 1000000, 1, 0);
INSERT INTO rankings (book_id, business_date, snapshot_time, built_at, default_haircut) VALUES ('REPO', '2026-07-24', 1784912400000, 1784912460000, 0.1);
INSERT INTO ranking_items (ranking_id, row_number, rank, instrument_id, quantity, price, price_source, haircut, collateral_value, note) VALUES ((SELECT ranking_id FROM rankings), 1, 1, 'CASHE', 1000000, 1, 'market', 0, 1000000, 'cash'), ((SELECT ranking_id FROM rankings), 2, 2, 'BUND', 1000000, 99, 'market', 0.04, 950400, 'schedule: sovereign AAA over 5 years');
