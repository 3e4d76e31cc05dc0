#pragma once

#include "domain/instrument.h"
#include "domain/trade.h"

#include <QDate>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <functional>

class Connection;

// Demo data for a new user: four books, the reference data shipped in
// resources/demo, and a month of plausible prices and trades ending with a
// busy business day, snapshotted every ten minutes through that day and at
// the close of the days before. Deterministic for a given last day, so
// running it twice changes nothing.
namespace DemoData {

struct Summary
{
    int books = 0;
    int instruments = 0;
    int prices = 0;
    int trades = 0;
    int snapshots = 0;
    int rankings = 0;
    QDate firstDay;
    QDate lastDay;
};

// The last complete business day (a weekday) before `today`.
QDate lastBusinessDay(const QDate &today);

// Fills the database; `say` gets one line per step.
Summary fill(const Connection &connection, const QDate &lastDay, const std::function<void(const QString &)> &say = {});

// A live feed: `count` random plausible trades on the demo books at `now`,
// with ids that do not repeat. Sells never exceed what a long-only book
// holds (given in `held`, instrument -> quantity per book).
TradeList liveTrades(const InstrumentMap &instruments, const QHash<QString, QHash<QString, double>> &held,
                     const QDateTime &now, int count, QRandomGenerator &random);

} // namespace DemoData
