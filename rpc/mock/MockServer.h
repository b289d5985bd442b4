#pragma once

#include "model/mock/Stub.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"

#include <QObject>
#include <QString>

#include <memory>

namespace wirescope {

// A local mock of every service in a schema, over real gRPC (HTTP/2): each call is decoded
// with the schema, answered by the best matching stub (with its delays, stream, headers,
// trailers and error details) or by an example message of the response type, and logged.
// It serves grpc.reflection.v1 and v1alpha for the schema, so other clients can discover it.
// Calls are handled on gRPC's threads with the callback API; nothing blocks the thread the
// server object lives on, and the log reaches it as queued signals.
class MockServer final : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString host = QStringLiteral("127.0.0.1");
        int port = 0; // 0 picks a free port
        QByteArray certificatePem; // TLS when set
        QByteArray privateKeyPem;
        // Record mode: calls that no stub answers are sent to this server instead, and each
        // exchange is written as a stub into recordDirectory.
        QString upstream;
        bool upstreamPlaintext = true;
        QString recordDirectory;
    };

    // One call, as the log shows it.
    struct CallLog {
        quint64 id = 0;
        QString method;
        QString answeredBy; // the stub's file, "example", "upstream" or "unknown method"
        int code = -1; // -1 while running
        QString message;
        Metadata requestMetadata;
        CallEvents events; // Received = a request message, Sent = a response message (wire bytes)
        qint64 elapsedMs = 0;
    };

    explicit MockServer(QObject *parent = nullptr);
    ~MockServer() override; // stops the server
    Q_DISABLE_COPY_MOVE(MockServer)

    // Starts serving `schema` with `stubs`; false with *error (port in use, bad TLS key, a
    // schema without services).
    bool start(SchemaPtr schema, const StubSet &stubs, const Options &options, QString *error);
    void stop();
    bool isRunning() const;
    QString address() const; // "127.0.0.1:PORT"
    int port() const;

    // Replaces the stubs while running (stubs edited on disk are reloaded by the caller).
    void setStubs(const StubSet &stubs);
    // Watches `directory` and reloads the stubs when files change; a broken set is reported
    // with stubsRejected() and the previous one kept.
    void watchStubs(const QString &directory);

Q_SIGNALS:
    void callStarted(const wirescope::MockServer::CallLog &call);
    void callFinished(const wirescope::MockServer::CallLog &call);
    void stubsReloaded(int count);
    void stubsRejected(const QStringList &errors);
    void recorded(const QString &file); // record mode wrote a stub

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::MockServer::CallLog)
