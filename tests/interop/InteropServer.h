#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace wirescope::test {

// A third-party interop server run as a child process, as CTest describes it:
// WIRESCOPE_INTEROP_COMMAND (program and arguments), which prints "LISTENING <port>" and
// exits when its standard input closes, so it never outlives the test.
class InteropServer final {
public:
    InteropServer() = default;
    ~InteropServer();
    Q_DISABLE_COPY_MOVE(InteropServer)

    // Why the server cannot run here (not installed, not built), or empty.
    static QString missingReason();
    // Fails the test when CI=true and the server is missing; otherwise the caller skips.
    static bool mustRun();
    static QString name(); // "grpc-js", "grpc-go"

    bool start(const QStringList &extraArguments = {});
    int port() const { return m_port; }
    QString target() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

private:
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

} // namespace wirescope::test
