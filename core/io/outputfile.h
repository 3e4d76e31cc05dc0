#pragma once

#include <QFile>
#include <QString>

#include <memory>

class QTemporaryFile;

// A file the user names for an export (--output, the window's Export),
// written the way they expect of it:
// - a regular file, new or existing, is written under a temporary name
//   beside it and renamed into place by commit(), so a failure never leaves
//   half a file under the final name; a new file gets the umask's mode, an
//   existing one keeps its mode (and its group where the user may);
// - a symbolic link is followed: its target is written, the link stays;
// - a character device or a pipe (/dev/null, a terminal, a FIFO,
//   /dev/stdout) is written directly and never replaced by a regular file;
//   a folder, a block device or a socket is refused;
// - an existing file the user could not write (read-only, another user's)
//   is refused rather than replaced.
// Unix only, like the rest of FinDesk.
class OutputFile
{
    Q_DISABLE_COPY_MOVE(OutputFile)

public:
    explicit OutputFile(QString path);
    // Removes the temporary file of an export that was not committed.
    ~OutputFile();

    bool open();
    // Where to write. For writers that want a path (libxlsxwriter), write
    // the file at workPath() instead and leave device() alone.
    QIODevice &device() { return m_file; }
    QString workPath();
    // Puts what was written in place; false (and errorString()) when
    // anything failed, the disk being full included.
    bool commit();

    // "cannot write PATH: why", naming the path the user gave; also after a
    // failed write to device().
    QString errorString() const;

private:
    bool fail(const QString &why);
    bool createTemporary();
    bool copyWorkFileToDevice();

    QString m_path;      // as the user gave it
    QString m_target;    // the regular file it names, links followed
    QString m_temporary; // beside m_target, renamed onto it by commit()
    QFile m_file;
    std::unique_ptr<QTemporaryFile> m_work; // workPath() of a direct write
    bool m_direct = false;
    bool m_committed = false;
    QString m_error;
};
