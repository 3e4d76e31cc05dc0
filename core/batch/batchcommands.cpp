#include "batchcommands.h"

#include "domain/desktime.h"
#include "io/importfiles.h"
#include "io/valueparser.h"
#include "io/outputfile.h"
#include "io/tableexporter.h"
#include "io/tables.h"
#include "services/demodata.h"
#include "services/rankingjob.h"
#include "services/snapshotjob.h"
#include "services/tradeimport.h"
#include "services/valuationjob.h"
#include "storage/access.h"
#include "storage/agreementstore.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/rankingstore.h"
#include "storage/referencedatastore.h"
#include "storage/schema.h"
#include "storage/positionstore.h"
#include "storage/snapshotstore.h"
#include "storage/storageerror.h"
#include "storage/tradestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <map>

namespace BatchCommands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BatchCommands", text);
}

void message(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fprintf(stderr, "%s\n", bytes.constData());
}

// Failures that end a command with their exit code.
struct Failure
{
    ExitCode code;
    QString text;
};

[[noreturn]] void usage(const QString &text)
{
    throw Failure{UsageError, text};
}

[[noreturn]] void badInput(const QString &text)
{
    throw Failure{BadInput, text};
}

struct Command
{
    const char *summary;
    std::function<void(QCommandLineParser &)> options;
    std::function<void(const QCommandLineParser &, const DatabaseLocation &)> run;
};

// --- option helpers ---------------------------------------------------------

QCommandLineOption bookOption() { return {QStringLiteral("book"), tr("Book id."), QStringLiteral("B")}; }
QCommandLineOption formatOption(const QString &formats) { return {QStringLiteral("format"), tr("Output format: %1.").arg(formats), QStringLiteral("FORMAT"), QStringLiteral("table")}; }
QCommandLineOption outputOption() { return {QStringLiteral("output"), tr("Write to FILE instead of standard output."), QStringLiteral("FILE")}; }
QCommandLineOption separatorOption() { return {QStringLiteral("separator"), tr("CSV separator: , (default) or ; for comma-decimal spreadsheets."), QStringLiteral("CHAR"), QStringLiteral(",")}; }
QCommandLineOption bomOption() { return {QStringLiteral("bom"), tr("Start CSV output with a UTF-8 byte order mark.")}; }

// The help of a listing says what it writes: its columns, in order.
void describeColumns(QCommandLineParser &p, const QList<ColumnSpec> &columns)
{
    QStringList names;
    for (const ColumnSpec &c : columns)
        names << c.name;
    p.setApplicationDescription(p.applicationDescription() + u'\n'
                                + tr("Columns (csv; the same order in xlsx): %1").arg(names.join(u',')) + u'\n'
                                + tr("CSV numbers are plain (1234567.5); instants in UTC (2026-03-08T06:30:00Z)."));
}

// The help of an import says the file's format, then its columns.
void fileArgument(QCommandLineParser &p, const QString &columns)
{
    p.setApplicationDescription(p.applicationDescription() + u'\n'
                                + tr("FILE: CSV, UTF-8 (optional BOM), a header line naming the columns, comma-separated, "
                                     "RFC 4180 quoting, LF or CRLF. See docs/file-formats.md."));
    p.addPositionalArgument(QStringLiteral("FILE"), columns);
}

void addOutputOptions(QCommandLineParser &p, const QString &formats)
{
    p.addOption(formatOption(formats));
    p.addOption(outputOption());
    p.addOption(separatorOption());
    p.addOption(bomOption());
}

QString requiredValue(const QCommandLineParser &p, const QString &name)
{
    if (!p.isSet(name) || p.value(name).isEmpty())
        usage(tr("--%1 is required").arg(name));
    return p.value(name);
}

QDate dateValue(const QCommandLineParser &p, const QString &name)
{
    QString why;
    const QDate d = DeskTime::parseDate(p.value(name), &why);
    if (!d.isValid())
        usage(QStringLiteral("--%1: %2").arg(name, why));
    return d;
}

QDateTime instantValue(const QCommandLineParser &p, const QString &name, const QTimeZone &zone)
{
    QString why;
    const QDateTime t = DeskTime::parseInstant(p.value(name), zone, &why);
    if (!t.isValid())
        usage(QStringLiteral("--%1: %2").arg(name, why));
    return t;
}

void requireAgreement(const Connection &c, const QString &agreementId)
{
    if (!AgreementStore(c).agreement(agreementId))
        badInput(tr("unknown agreement \"%1\"").arg(agreementId));
}

void requireBook(const Connection &c, const QString &bookId)
{
    const QList<BookInfo> books = TradeStore(c).books();
    const bool known = std::any_of(books.cbegin(), books.cend(), [&](const BookInfo &b) { return b.bookId == bookId; });
    if (!known)
        badInput(tr("unknown book \"%1\"").arg(bookId));
}

// Writes a table in the format and to the place the options ask for.
void output(const QCommandLineParser &p, const DataTable &table)
{
    const QString format = p.value(QStringLiteral("format"));
    const bool xlsx = format == u"xlsx";
    if (format != u"table" && format != u"csv" && !xlsx)
        usage(tr("--format: expected table, csv or xlsx, got \"%1\"").arg(format));
    const QString separator = p.value(QStringLiteral("separator"));
    if (separator != u"," && separator != u";")
        usage(tr("--separator: expected , or ;, got \"%1\"").arg(separator));

    TableExporter::Options options;
    options.format = xlsx ? TableExporter::Format::Xlsx : TableExporter::Format::Csv;
    options.separator = separator.at(0);
    options.utf8Bom = p.isSet(QStringLiteral("bom"));

    if (p.isSet(QStringLiteral("output"))) {
        const QString path = p.value(QStringLiteral("output"));
        if (format == u"table") {
            OutputFile file(path);
            if (!file.open() || !TableExporter::writeText(table, file.device()) || !file.commit())
                throw Failure{OutputError, file.errorString()};
            return;
        }
        const auto result = TableExporter::exportToFile(table, path, options);
        if (!result.ok)
            throw Failure{OutputError, result.error};
        message(QCoreApplication::translate("BatchCommands", "wrote %n row(s) to %1", nullptr, int(result.rows)).arg(path));
        return;
    }
    if (xlsx)
        usage(tr("--format xlsx writes a file: give it with --output FILE"));
    // A reader that went away (`| head`) is a failed write, exit 4, not a
    // silent death by SIGPIPE that a script would take for success or crash.
    std::signal(SIGPIPE, SIG_IGN);
    QFile out;
    if (!out.open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
        throw Failure{OutputError, tr("cannot write to standard output: %1").arg(out.errorString())};
    const bool written = format == u"table" ? TableExporter::writeText(table, out)
                                            : TableExporter::writeCsv(table, out, options);
    if (!written || !out.flush())
        throw Failure{OutputError, tr("cannot write to standard output: %1").arg(out.errorString())};
}

// --- commands ---------------------------------------------------------------

void init(const QCommandLineParser &p, const DatabaseLocation &location)
{
    QTimeZone zone;
    if (p.isSet(QStringLiteral("timezone"))) {
        const QByteArray id = p.value(QStringLiteral("timezone")).toUtf8();
        if (DeskTime::isDeskZoneId(id))
            zone = QTimeZone(id);
        if (!zone.isValid())
            usage(tr("--timezone: \"%1\" is not an IANA time zone like Europe/London or America/New_York")
                      .arg(p.value(QStringLiteral("timezone"))));
    }
    QString currency;
    if (p.isSet(QStringLiteral("base-currency"))) {
        QString why;
        const auto code = ValueParser::currency(p.value(QStringLiteral("base-currency")), &why);
        if (!code)
            usage(QStringLiteral("--base-currency: ") + why);
        currency = *code;
    }
    Connection c(location);
    DeskSettingsStore settings(c);
    if (zone.isValid())
        settings.setDeskTimeZone(zone);
    if (!currency.isEmpty())
        settings.setBaseCurrency(currency);
    message(tr("database %1 ready (schema version %2, desk time zone %3, desk base currency %4)")
                .arg(location.displayName()).arg(Schema::version(c))
                .arg(QString::fromUtf8(settings.deskTimeZone().id()), settings.baseCurrency()));
}

QByteArray readInput(const QCommandLineParser &p)
{
    const QStringList files = p.positionalArguments();
    if (files.size() != 1)
        usage(tr("expected one FILE"));
    ImportError error;
    const auto bytes = ImportFiles::read(files.constFirst(), &error);
    if (!bytes)
        badInput(error.toString());
    return *bytes;
}

template<typename T>
void checkParsed(const ImportFiles::Rows<T> &rows)
{
    if (rows.error)
        badInput(rows.error->toString());
}

void importTrades(const QCommandLineParser &p, const DatabaseLocation &location)
{
    // Streamed, not read whole: a trade log of any size, or endless input,
    // costs the rows it holds, and bad input stops the reading.
    if (p.positionalArguments().size() != 1)
        usage(tr("expected one FILE"));
    const QString file = p.positionalArguments().constFirst();
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        badInput(ImportError{file, 0, 0, {}, tr("cannot open the file: %1").arg(input.errorString())}.toString());
    Connection c(location);
    const auto result = TradeImport::importCsv(c, file, &input);
    if (result.error)
        badInput(result.error->toString());
    message(tr("%1: imported %2 trade(s); %3 already stored, %4 repeated in the file")
                .arg(file).arg(result.inserted).arg(result.skipped).arg(result.repeatedInFile));
}

// Reference data, agreements and cost rates: parse the whole file (nothing
// written on bad input), then upsert it in one transaction with the store
// that keeps it and say what changed.
template<typename Parse, typename Store, typename Row, typename Count>
void importReference(const QCommandLineParser &p, const DatabaseLocation &location, Parse parse,
                     Count (Store::*upsert)(const QList<Row> &), const char *done)
{
    const QByteArray bytes = readInput(p);
    const QString file = p.positionalArguments().constFirst();
    const auto parsed = parse(file, bytes);
    checkParsed(parsed);
    Connection c(location);
    Store store(c);
    const Count count = (store.*upsert)(parsed.rows);
    message(QCoreApplication::translate("BatchCommands", done).arg(file).arg(count.inserted).arg(count.updated));
}

void importInstruments(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::instruments, &ReferenceDataStore::upsertInstruments,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new instrument(s), %3 updated"));
}

void importPrices(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::prices, &ReferenceDataStore::upsertPrices,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new price(s), %3 updated"));
}

void importHaircuts(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::haircutOverrides, &ReferenceDataStore::upsertHaircutOverrides,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new haircut override(s), %3 updated; rankings already built keep their haircuts until rebuilt"));
}

void importFx(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::fxRates, &ReferenceDataStore::upsertFxRates,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new FX rate(s), %3 updated; rankings already built keep their rates until rebuilt"));
}

void importBooks(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QByteArray bytes = readInput(p);
    const QString file = p.positionalArguments().constFirst();
    const auto parsed = ImportFiles::books(file, bytes);
    checkParsed(parsed);
    Connection c(location);
    TradeStore store(c);
    int known = 0;
    const QList<BookInfo> before = store.books();
    for (const BookInfo &b : parsed.rows)
        known += std::any_of(before.cbegin(), before.cend(), [&](const BookInfo &o) { return o.bookId == b.bookId; });
    store.upsertBooks(parsed.rows);
    message(tr("%1: %2 new book(s), %3 updated").arg(file).arg(parsed.rows.size() - known).arg(known));
}

void importAgreements(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::agreements, &AgreementStore::upsertAgreements,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new agreement(s), %3 updated"));
}

void importEligibility(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QByteArray bytes = readInput(p);
    const QString file = p.positionalArguments().constFirst();
    const auto parsed = ImportFiles::eligibility(file, bytes);
    checkParsed(parsed);
    Connection c(location);
    if (const auto unknown = AgreementStore(c).replaceEligibility(parsed.rows)) {
        badInput(ImportError{file, parsed.lines.at(*unknown), 1, QStringLiteral("agreement_id"),
                             tr("unknown agreement \"%1\"; import it first with import-agreements")
                                 .arg(parsed.rows.at(*unknown).agreementId)}
                     .toString());
    }
    QSet<QString> agreements;
    for (const EligibilityRule &r : parsed.rows)
        agreements.insert(r.agreementId);
    message(tr("%1: %2 rule(s) now make the schedules of %3 agreement(s); rankings already built keep theirs until rebuilt")
                .arg(file).arg(parsed.rows.size()).arg(agreements.size()));
}

void importCosts(const QCommandLineParser &p, const DatabaseLocation &location)
{
    importReference(p, location, ImportFiles::costRates, &AgreementStore::upsertCostRates,
                    QT_TRANSLATE_NOOP("BatchCommands", "%1: %2 new cost rate(s), %3 updated"));
}

void importSchedule(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QByteArray bytes = readInput(p);
    const QString file = p.positionalArguments().constFirst();
    const auto parsed = ImportFiles::haircutSchedule(file, bytes);
    checkParsed(parsed);
    Connection c(location);
    DeskSettingsStore(c).setHaircutSchedule(QString::fromUtf8(bytes));
    message(tr("%1: the desk's haircut schedule now has %2 rule(s); rankings already built keep their haircuts until rebuilt")
                .arg(file).arg(parsed.rows.size()));
}

void positions(const QCommandLineParser &p, const DatabaseLocation &location)
{
    Connection c(location, Connection::Mode::MustExist);
    const QTimeZone zone = DeskSettingsStore(c).deskTimeZone();
    const QDateTime asOf = p.isSet(QStringLiteral("as-of")) ? instantValue(p, QStringLiteral("as-of"), zone)
                                                            : QDateTime::currentDateTimeUtc();
    const QString book = p.value(QStringLiteral("book"));
    if (!book.isEmpty())
        requireBook(c, book);
    ValuationJob::Market market = ValuationJob::load(c, DeskTime::businessDate(asOf, zone));
    const bool all = p.isSet(QStringLiteral("all"));
    const QList<TradingBook> books = PositionStore(c).positionsAsOf(asOf, book).books;
    qsizetype count = 0;
    for (const TradingBook &b : books)
        count += all ? b.positions(true).size() : b.nonFlatCount();
    ValuedPositionList rows;
    rows.reserve(count);
    for (const TradingBook &b : books)
        rows.append(market.value(b.bookId(), b.positions(all)));
    output(p, PositionTable(rows, {}, {}, QStringLiteral("positions")));
}

void snapshot(const QCommandLineParser &p, const DatabaseLocation &location)
{
    Connection c(location);
    const QTimeZone zone = DeskSettingsStore(c).deskTimeZone();
    const QDateTime at = p.isSet(QStringLiteral("at")) ? instantValue(p, QStringLiteral("at"), zone)
                                                       : QDateTime::currentDateTimeUtc();
    const QString book = p.value(QStringLiteral("book"));
    if (!book.isEmpty())
        requireBook(c, book);
    QList<SnapshotJob::Failure> failures;
    const QList<SnapshotReport> reports = SnapshotJob::run(c, at, book, &failures);
    if (reports.isEmpty() && failures.isEmpty())
        message(tr("no book has a trade at or before %1: nothing to snapshot").arg(DeskTime::formatInstant(at)));
    for (const SnapshotReport &r : reports) {
        message(r.describe());
        if (r.stored()) {
            const auto ranking = RankingJob::refresh(c, r.bookId, r.businessDate);
            if (ranking)
                message(tr("%1 %2: collateral ranking rebuilt (%3 ranked, %4 not eligible)")
                            .arg(r.bookId, DeskTime::formatDate(r.businessDate))
                            .arg(ranking->rankedCount()).arg(ranking->items.size() - ranking->rankedCount()));
        }
    }
    // The healthy books are stored; each failing one is named, and the
    // command fails as a database error.
    for (const SnapshotJob::Failure &f : std::as_const(failures))
        message(tr("%1: the snapshot could not be stored: %2").arg(f.bookId, f.message));
    if (!failures.isEmpty())
        throw StorageError(QCoreApplication::translate("BatchCommands", "%n book(s) could not be snapshotted", nullptr,
                                                       int(failures.size())));
}

void snapshots(const QCommandLineParser &p, const DatabaseLocation &location)
{
    Connection c(location, Connection::Mode::MustExist);
    const QString book = p.value(QStringLiteral("book"));
    if (!book.isEmpty())
        requireBook(c, book);
    const QDate from = p.isSet(QStringLiteral("from")) ? dateValue(p, QStringLiteral("from")) : QDate();
    const QDate to = p.isSet(QStringLiteral("to")) ? dateValue(p, QStringLiteral("to")) : QDate();
    output(p, SnapshotSummaryTable(SnapshotStore(c).list(book, from, to), {}, {}, QStringLiteral("snapshots")));
}

void snapshotPositions(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QString book = requiredValue(p, QStringLiteral("book"));
    requiredValue(p, QStringLiteral("date"));
    const QDate date = dateValue(p, QStringLiteral("date"));
    Connection c(location, Connection::Mode::MustExist);
    requireBook(c, book);
    const auto snapshot = SnapshotStore(c).load(book, date);
    if (!snapshot)
        badInput(tr("no end-of-day snapshot of %1 on %2").arg(book, DeskTime::formatDate(date)));
    ValuationJob::Market market = ValuationJob::load(c, date);
    output(p, snapshotPositionTable(book, {date}, market.value(book, snapshot->positions)));
}

void ranking(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QString book = requiredValue(p, QStringLiteral("book"));
    requiredValue(p, QStringLiteral("date"));
    const QDate date = dateValue(p, QStringLiteral("date"));
    Connection c(location, Connection::Mode::MustExist);
    requireBook(c, book);
    const QString agreement = p.value(QStringLiteral("agreement"));
    if (!agreement.isEmpty())
        requireAgreement(c, agreement);
    // A read-only desk sees the ranking too: built now, not stored.
    const QString readOnly = Access::readOnlyReason(c);
    bool builtNow = p.isSet(QStringLiteral("rebuild"));
    std::optional<CollateralRanking> ranking;
    if (builtNow)
        ranking = readOnly.isEmpty() ? RankingJob::rebuild(c, book, date, agreement) : RankingJob::build(c, book, date, agreement);
    else
        ranking = RankingJob::ensure(c, book, date, agreement, readOnly.isEmpty(), &builtNow);
    if (!ranking)
        badInput(tr("no end-of-day snapshot of %1 on %2, so no ranking").arg(book, DeskTime::formatDate(date)));
    output(p, rankingTable(*ranking));
    if (builtNow && !readOnly.isEmpty())
        message(tr("the ranking was built now and not stored: %1").arg(readOnly));
}

void allocate(const QCommandLineParser &p, const DatabaseLocation &location)
{
    const QString book = requiredValue(p, QStringLiteral("book"));
    requiredValue(p, QStringLiteral("date"));
    const QDate date = dateValue(p, QStringLiteral("date"));
    const QString agreement = requiredValue(p, QStringLiteral("agreement"));
    QString why;
    const auto amount = ValueParser::number(requiredValue(p, QStringLiteral("amount")), &why);
    if (!amount || *amount <= 0.0)
        usage(QStringLiteral("--amount: ") + (amount ? tr("expected an amount greater than 0") : why));
    Connection c(location, Connection::Mode::MustExist);
    requireBook(c, book);
    requireAgreement(c, agreement);
    const auto ranking = RankingJob::ensure(c, book, date, agreement, Access::readOnlyReason(c).isEmpty());
    if (!ranking)
        badInput(tr("no end-of-day snapshot of %1 on %2, so nothing to allocate").arg(book, DeskTime::formatDate(date)));
    const Allocation allocation = ::allocate(*ranking, AgreementStore(c).costRates(date), *amount);
    output(p, allocationTable(allocation));
    if (allocation.shortfall > 0.0)
        message(tr("shortfall: %1 %2 of %3 %2 could not be covered by the eligible items of %4 under %5")
                    .arg(TableExporter::plainNumber(allocation.shortfall), allocation.currency,
                         TableExporter::plainNumber(*amount), book, agreement));
}

void demo(const QCommandLineParser &, const DatabaseLocation &location)
{
    Connection c(location);
    const QTimeZone zone = DeskSettingsStore(c).deskTimeZone();
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    const auto summary = DemoData::fill(c, DemoData::lastBusinessDay(today), message);
    message(tr("demo data in %1: books EQ-NY (USD), EGB-PAR (EUR), REPO-LDN and SECLEND-LDN (GBP); business days %2 to %3 (desk time zone %4)")
                .arg(location.displayName(), DeskTime::formatDate(summary.firstDay), DeskTime::formatDate(summary.lastDay),
                     QString::fromUtf8(zone.id())));
    message(tr("try: findesk --db %1 ranking --book EGB-PAR --date %2")
                .arg(location.displayName(), DeskTime::formatDate(summary.lastDay)));
}

// The commands that change the database (ranking and allocate store a
// ranking they build only when they may).
bool writes(const QString &command)
{
    return command.startsWith(u"import-") || command == u"init" || command == u"snapshot" || command == u"demo";
}

const std::map<QString, Command> &commands()
{
    using P = QCommandLineParser;
    static const std::map<QString, Command> table = {
        {QStringLiteral("init"), {QT_TRANSLATE_NOOP("BatchCommands", "Create or migrate the database; set the desk time zone and base currency."),
            [](P &p) {
                p.addOption({QStringLiteral("timezone"), tr("Desk time zone (IANA name; default: the system's)."), QStringLiteral("ZONE")});
                p.addOption({QStringLiteral("base-currency"), tr("Desk base currency, ISO 4217 (default: USD)."), QStringLiteral("CCY")});
            },
            init}},
        {QStringLiteral("import-books"), {QT_TRANSLATE_NOOP("BatchCommands", "Import books (name, base currency), all or nothing."),
            [](P &p) { fileArgument(p, tr("book_id,name,base_currency")); },
            importBooks}},
        {QStringLiteral("import-agreements"), {QT_TRANSLATE_NOOP("BatchCommands", "Import collateral agreements, all or nothing."),
            [](P &p) { p.addPositionalArgument(QStringLiteral("FILE"), tr("agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer")); },
            importAgreements}},
        {QStringLiteral("import-eligibility"), {QT_TRANSLATE_NOOP("BatchCommands", "Replace the eligibility schedule of each agreement named in the file, all or nothing."),
            [](P &p) { p.addPositionalArgument(QStringLiteral("FILE"), tr("agreement_id,rule_id,include,asset_class,issuer_type,min_rating,max_maturity_years,currencies,main_index,haircut")); },
            importEligibility}},
        {QStringLiteral("import-costs"), {QT_TRANSLATE_NOOP("BatchCommands", "Import per-instrument cost rates, all or nothing."),
            [](P &p) { p.addPositionalArgument(QStringLiteral("FILE"), tr("instrument_id,business_date,cost_rate (a fraction a year)")); },
            importCosts}},
        {QStringLiteral("import-fx"), {QT_TRANSLATE_NOOP("BatchCommands", "Import FX rates, all or nothing."),
            [](P &p) { fileArgument(p, tr("currency_pair,business_date,rate (EURUSD 1.08: 1 EUR = 1.08 USD)")); },
            importFx}},
        {QStringLiteral("import-trades"), {QT_TRANSLATE_NOOP("BatchCommands", "Import a trades CSV, all or nothing."),
            [](P &p) { fileArgument(p, tr("trade_id,book_id,instrument_id,quantity,price,trade_time")); },
            importTrades}},
        {QStringLiteral("import-instruments"), {QT_TRANSLATE_NOOP("BatchCommands", "Import instrument reference data, all or nothing."),
            [](P &p) { fileArgument(p, tr("instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index")); },
            importInstruments}},
        {QStringLiteral("import-prices"), {QT_TRANSLATE_NOOP("BatchCommands", "Import market prices, all or nothing."),
            [](P &p) { fileArgument(p, tr("instrument_id,business_date,price")); },
            importPrices}},
        {QStringLiteral("import-haircuts"), {QT_TRANSLATE_NOOP("BatchCommands", "Import per-instrument haircut overrides, all or nothing."),
            [](P &p) { fileArgument(p, tr("instrument_id,haircut (a fraction: 0.05 = 5%)")); },
            importHaircuts}},
        {QStringLiteral("import-schedule"), {QT_TRANSLATE_NOOP("BatchCommands", "Replace the desk's haircut schedule, all or nothing."),
            [](P &p) { fileArgument(p, tr("asset_class,issuer_type,rating,residual_maturity,main_index,haircut_percent")); },
            importSchedule}},
        {QStringLiteral("positions"), {QT_TRANSLATE_NOOP("BatchCommands", "Positions now, or as of an instant."),
            [](P &p) {
                p.addOption(bookOption());
                p.addOption({QStringLiteral("as-of"), tr("Instant, ISO 8601 (2026-03-08T06:30:00Z)."), QStringLiteral("INSTANT")});
                p.addOption({QStringLiteral("all"), tr("Include flat positions.")});
                addOutputOptions(p, QStringLiteral("table|csv|xlsx"));
                describeColumns(p, PositionTraits::columns());
            },
            positions}},
        {QStringLiteral("snapshot"), {QT_TRANSLATE_NOOP("BatchCommands", "Snapshot every book (or one) now or at an instant."),
            [](P &p) {
                p.addOption({QStringLiteral("at"), tr("Instant, ISO 8601 (2026-03-08T06:30:00Z)."), QStringLiteral("INSTANT")});
                p.addOption(bookOption());
            },
            snapshot}},
        {QStringLiteral("snapshots"), {QT_TRANSLATE_NOOP("BatchCommands", "List stored end-of-day snapshots."),
            [](P &p) {
                p.addOption(bookOption());
                p.addOption({QStringLiteral("from"), tr("First business date, YYYY-MM-DD."), QStringLiteral("DATE")});
                p.addOption({QStringLiteral("to"), tr("Last business date, YYYY-MM-DD."), QStringLiteral("DATE")});
                addOutputOptions(p, QStringLiteral("table|csv|xlsx"));
                describeColumns(p, SnapshotSummaryTraits::columns());
            },
            snapshots}},
        {QStringLiteral("snapshot-positions"), {QT_TRANSLATE_NOOP("BatchCommands", "Positions of one stored end-of-day snapshot."),
            [](P &p) {
                p.addOption(bookOption());
                p.addOption({QStringLiteral("date"), tr("Business date, YYYY-MM-DD."), QStringLiteral("DATE")});
                addOutputOptions(p, QStringLiteral("table|csv|xlsx"));
                describeColumns(p, SnapshotPositionTraits::columns());
            },
            snapshotPositions}},
        {QStringLiteral("ranking"), {QT_TRANSLATE_NOOP("BatchCommands", "The collateral ranking of an end-of-day snapshot."),
            [](P &p) {
                p.addOption(bookOption());
                p.addOption({QStringLiteral("date"), tr("Business date, YYYY-MM-DD."), QStringLiteral("DATE")});
                p.addOption({QStringLiteral("agreement"), tr("Rank under this collateral agreement (its schedule, haircuts and currency)."), QStringLiteral("A")});
                p.addOption({QStringLiteral("rebuild"), tr("Rebuild it with today's reference data, prices and haircuts.")});
                addOutputOptions(p, QStringLiteral("table|csv|xlsx"));
                describeColumns(p, RankingTraits::columns());
            },
            ranking}},
        {QStringLiteral("allocate"), {QT_TRANSLATE_NOOP("BatchCommands", "What to deliver under an agreement to cover an amount, cheapest first."),
            [](P &p) {
                p.addOption(bookOption());
                p.addOption({QStringLiteral("date"), tr("Business date, YYYY-MM-DD."), QStringLiteral("DATE")});
                p.addOption({QStringLiteral("agreement"), tr("Collateral agreement id."), QStringLiteral("A")});
                p.addOption({QStringLiteral("amount"), tr("Amount to cover, in the agreement's currency."), QStringLiteral("X")});
                addOutputOptions(p, QStringLiteral("table|csv|xlsx"));
            },
            allocate}},
        {QStringLiteral("demo"), {QT_TRANSLATE_NOOP("BatchCommands", "Fill the database with demo books, instruments, prices and trades."),
            [](P &) {}, demo}},
    };
    return table;
}

QString commandList()
{
    QString text = tr("Commands:") + u'\n';
    for (const auto &[name, command] : commands())
        text += QStringLiteral("  %1%2\n").arg(name.leftJustified(20), tr(command.summary));
    return text;
}

void globalOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(tr("FinDesk: positions, end-of-day snapshots and collateral rankings of a "
                                   "securities-financing desk.\nWithout COMMAND it opens the desk window."));
    p.addOption({QStringLiteral("db"),
                 tr("SQLite file or postgresql://user[:password]@host[:port]/dbname (default: %1).")
                     .arg(DatabaseLocation::defaultLocation().displayName()),
                 QStringLiteral("LOCATION")});
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("COMMAND"), tr("A batch command (see below); none opens the window."),
                            QStringLiteral("[COMMAND [options]]"));
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
}

} // namespace

QString commandIn(const QStringList &arguments, const QStringList &windowOptions)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--help" || arg == u"-h" || arg == u"--version" || arg == u"-v")
            return QStringLiteral("help");
        if (!arg.startsWith(u'-'))
            return arg;
        const QString name = arg.section(u'=', 0, 0).remove(0, arg.startsWith(u"--") ? 2 : 1);
        if (!arg.contains(u'=') && (name == u"db" || windowOptions.contains(name)))
            ++i; // skip the option's value
    }
    return {};
}

int run(const QStringList &arguments)
{
    QCommandLineParser p;
    globalOptions(p);
    if (!p.parse(arguments)) {
        message(p.errorText());
        message(tr("Run findesk --help for the usage."));
        return UsageError;
    }
    if (p.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(QCoreApplication::applicationVersion()));
        return Success;
    }
    const QStringList positional = p.positionalArguments();
    const bool helpAsked = p.isSet(QStringLiteral("help")) || positional.value(0) == u"help";
    if (helpAsked || positional.isEmpty()) {
        std::printf("%s\n%s", qPrintable(p.helpText()), qPrintable(commandList()));
        return helpAsked ? Success : UsageError;
    }

    const QString name = positional.constFirst();
    const auto it = commands().find(name);
    if (it == commands().end()) {
        message(tr("unknown command \"%1\"").arg(name));
        message(commandList());
        return UsageError;
    }

    DatabaseLocation location = DatabaseLocation::defaultLocation();
    if (p.isSet(QStringLiteral("db"))) {
        QString why;
        const auto parsed = DatabaseLocation::parse(p.value(QStringLiteral("db")), &why);
        if (!parsed) {
            message(QStringLiteral("--db: ") + why);
            return UsageError;
        }
        location = *parsed;
    }

    QCommandLineParser sub;
    sub.setApplicationDescription(tr(it->second.summary));
    sub.addHelpOption();
    it->second.options(sub);
    if (!sub.parse(QStringList{QStringLiteral("findesk ") + name} + positional.mid(1))) {
        message(QStringLiteral("%1: %2").arg(name, sub.errorText()));
        message(tr("Run findesk %1 --help for its options.").arg(name));
        return UsageError;
    }
    if (sub.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(sub.helpText()));
        return Success;
    }
    if (!sub.positionalArguments().isEmpty() && !name.startsWith(u"import-")) {
        message(tr("%1: unexpected argument \"%2\"").arg(name, sub.positionalArguments().constFirst()));
        return UsageError;
    }

    try {
        // Only init creates a database: any other command on a location that
        // holds none (a mistyped --db, an empty file, another application's
        // database) stops here, before anything is created or changed.
        if (name != u"init")
            Connection::checkExisting(location);
        if (writes(name)) {
            const Connection c(location, name == u"init" ? Connection::Mode::CreateIfMissing : Connection::Mode::MustExist);
            const QString readOnly = Access::readOnlyReason(c);
            if (!readOnly.isEmpty()) {
                throw StorageError(tr("%1 writes to the database %2, but %3; nothing was changed")
                                       .arg(name, location.displayName(), readOnly));
            }
        }
        it->second.run(sub, location);
        return Success;
    } catch (const Failure &f) {
        message(f.text);
        return f.code;
    } catch (const StorageError &e) {
        message(e.message());
        return DatabaseError;
    }
}

} // namespace BatchCommands
