#include "InteropServer.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace wirescope::test {

namespace {

QString env(const char *name)
{
    return QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
}

} // namespace

InteropServer::~InteropServer()
{
    if (!m_process)
        return;
    m_process->closeWriteChannel();
    if (!m_process->waitForFinished(10000))
        m_process->kill();
    m_process->waitForFinished();
}

QString InteropServer::missingReason()
{
    const QString missing = env("WIRESCOPE_INTEROP_MISSING");
    if (!missing.isEmpty())
        return missing;
    const QString required = env("WIRESCOPE_INTEROP_REQUIRES");
    if (!required.isEmpty() && !QFileInfo::exists(required))
        return QStringLiteral("%1 does not exist (packaging/install-deps.sh --interop BUILD installs it)")
            .arg(required);
    if (env("WIRESCOPE_INTEROP_COMMAND").isEmpty())
        return QStringLiteral("WIRESCOPE_INTEROP_COMMAND is not set (run the test through CTest)");
    return {};
}

bool InteropServer::mustRun()
{
    return env("CI") == QStringLiteral("true");
}

QString InteropServer::name()
{
    return env("WIRESCOPE_INTEROP_SERVER");
}

bool InteropServer::start(const QStringList &extraArguments)
{
    const QStringList command = env("WIRESCOPE_INTEROP_COMMAND").split(u' ', Qt::SkipEmptyParts);
    if (command.isEmpty())
        return false;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(command.first(), command.mid(1) + extraArguments);
    if (!m_process->waitForStarted(10000))
        return false;
    QByteArray output;
    while (!output.contains('\n') && m_process->waitForReadyRead(30000))
        output += m_process->readAllStandardOutput();
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("LISTENING (\\d+)")).match(QString::fromUtf8(output));
    m_port = match.hasMatch() ? match.captured(1).toInt() : 0;
    return m_port > 0;
}

} // namespace wirescope::test
