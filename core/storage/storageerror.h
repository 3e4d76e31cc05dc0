#pragma once

#include <QString>

#include <exception>

// A database failure (cannot open, locked, constraint, disk full, schema
// from a newer program). Thrown by the storage classes and caught at the
// edge of a unit of work; the command line exits 3 on it.
class StorageError : public std::exception
{
public:
    explicit StorageError(QString message)
        : m_message(std::move(message))
        , m_utf8(m_message.toUtf8())
    {
    }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.constData(); }

private:
    QString m_message;
    QByteArray m_utf8;
};
