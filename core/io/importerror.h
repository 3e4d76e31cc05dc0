#pragma once

#include <QString>

#include <stdexcept>

// Bad input in an imported file: where it is and what was expected. The
// command line prints it as `file:line:column: name: message` and exits 1.
struct ImportError
{
    QString file;
    int line = 0;
    int column = 0;        // 1-based field number; 0 when the whole line is at fault
    QString columnName;    // the header name of that field, when known
    QString message;

    QString toString() const;
};
