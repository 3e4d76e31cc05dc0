#include "outputfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OutputFile", text);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

OutputFile::OutputFile(QString path)
    : m_path(std::move(path))
{
}

OutputFile::~OutputFile()
{
    m_file.close();
    if (!m_committed && !m_temporary.isEmpty())
        ::unlink(QFile::encodeName(m_temporary).constData());
}

bool OutputFile::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = tr("cannot write %1: %2").arg(m_path, why);
    return false;
}

QString OutputFile::errorString() const
{
    if (m_error.isEmpty() && m_file.error() != QFileDevice::NoError)
        return tr("cannot write %1: %2").arg(m_path, m_file.errorString());
    return m_error;
}

bool OutputFile::open()
{
    if (m_path.isEmpty())
        return fail(tr("no file name"));
    const QByteArray native = QFile::encodeName(m_path);
    struct stat st = {};
    const bool exists = ::stat(native.constData(), &st) == 0;
    if (!exists && errno != ENOENT)
        return fail(systemError(errno));
    if (exists && S_ISDIR(st.st_mode))
        return fail(tr("it is a folder"));
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        // /dev/null, a terminal, a pipe: replacing it with a regular file
        // would break it for everyone; it takes the bytes as they come.
        m_direct = true;
    } else if (exists && !S_ISREG(st.st_mode)) {
        return fail(tr("it is neither a regular file nor a terminal or a pipe"));
    }

    // Follow the links to the file they name (it may not exist yet): that
    // is what gets replaced, and the links stay. A link into /proc
    // (/dev/stdout, /dev/fd/N) is a file descriptor's file: written through
    // the descriptor, where the shell redirected it (`>>` keeps appending).
    m_target = QFileInfo(m_path).absoluteFilePath();
    for (int hops = 0; QFileInfo(m_target).isSymLink(); ++hops) {
        if (hops == 40)
            return fail(systemError(ELOOP));
        if (m_target.startsWith(u"/proc/"))
            break;
        m_target = QFileInfo(m_target).symLinkTarget();
    }
    const bool descriptor = m_target.startsWith(u"/proc/");
    if (descriptor)
        m_direct = true;

    if (m_direct) {
        m_file.setFileName(m_path);
        // Appending to a descriptor's regular file is what its `>>` or `>`
        // asked for; a device or a pipe has no end to seek to.
        if (!m_file.open(descriptor && !(exists && S_ISCHR(st.st_mode)) && !(exists && S_ISFIFO(st.st_mode))
                             ? QIODevice::WriteOnly | QIODevice::Append
                             : QIODevice::WriteOnly))
            return fail(m_file.errorString());
        return true;
    }

    if (exists) {
        // The rename would hand the name to a new file of ours: never do
        // that to a file the user could not write in place.
        if (st.st_uid != ::geteuid())
            return fail(tr("the file belongs to another user; FinDesk does not replace it"));
        if (!(st.st_mode & S_IWUSR) || ::access(native.constData(), W_OK) != 0)
            return fail(tr("the file is read-only; FinDesk does not replace it"));
    }
    if (!createTemporary())
        return false;
    if (exists) {
        const int fd = m_file.handle();
        if (::fchmod(fd, st.st_mode & 07777) != 0)
            return fail(systemError(errno));
        // Keep the file's group when the user may; a group they are not in
        // is beyond them, and the mode still holds.
        if (::fchown(fd, uid_t(-1), st.st_gid) != 0 && errno != EPERM)
            return fail(systemError(errno));
    }
    return true;
}

bool OutputFile::createTemporary()
{
    const QFileInfo target(m_target);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name = target.absoluteDir().filePath(
            u'.' + target.fileName() + u'.' + QString::number(QRandomGenerator::global()->generate64(), 36)
            + QStringLiteral(".part"));
        // 0666: the kernel applies the umask, which gives a new file the
        // mode every other program would give it.
        const int fd = ::open(QFile::encodeName(name).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            return fail(systemError(errno));
        }
        m_temporary = name;
        if (!m_file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return fail(m_file.errorString());
        }
        return true;
    }
    return fail(systemError(EEXIST));
}

QString OutputFile::workPath()
{
    if (!m_direct)
        return m_temporary;
    if (!m_work) {
        // A device takes the finished file in one stream.
        m_work = std::make_unique<QTemporaryFile>(QDir(QDir::tempPath()).filePath(QStringLiteral("findesk-XXXXXX.part")));
        if (!m_work->open())
            return {};
        m_work->close();
    }
    return m_work->fileName();
}

bool OutputFile::copyWorkFileToDevice()
{
    QFile work(m_work->fileName());
    if (!work.open(QIODevice::ReadOnly))
        return fail(work.errorString());
    QByteArray chunk;
    while (!(chunk = work.read(1 << 16)).isEmpty()) {
        if (m_file.write(chunk) != chunk.size())
            return fail(m_file.errorString());
    }
    return true;
}

bool OutputFile::commit()
{
    if (!m_error.isEmpty() || !m_file.isOpen())
        return fail(tr("it was not opened"));
    if (m_direct && m_work && !copyWorkFileToDevice())
        return false;
    if (!m_file.flush() || m_file.error() != QFileDevice::NoError)
        return fail(m_file.errorString());
    if (m_direct) {
        m_file.close();
        m_committed = true;
        return true;
    }
    // On disk before it takes the name: a crash right after the rename must
    // not leave an empty file where the old one was.
    if (::fsync(m_file.handle()) != 0)
        return fail(systemError(errno));
    m_file.close();
    if (std::rename(QFile::encodeName(m_temporary).constData(), QFile::encodeName(m_target).constData()) != 0)
        return fail(systemError(errno));
    m_committed = true;
    return true;
}
