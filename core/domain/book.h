#pragma once

#include <QString>

// A trading book: its id, a display name and the currency its totals and
// desk ranking are in (empty: the desk's base currency).
struct BookInfo
{
    QString bookId;
    QString name;
    QString baseCurrency = QString();

    friend bool operator==(const BookInfo &, const BookInfo &) = default;
};
