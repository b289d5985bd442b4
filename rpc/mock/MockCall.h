#pragma once

#include "model/schema/MethodRef.h"
#include "rpc/mock/MockServer.h"
#include "rpc/mock/ServerStream.h"
#include "rpc/mock/UpstreamRelay.h"

#include <QJsonValue>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace wirescope {

struct MockReply;

// What every call of one running mock shares. It is read on gRPC's threads; only the stubs
// change while the server runs. Released on the server's own thread once every call is gone
// (it may hold the upstream channel, which must not be freed on a gRPC thread).
class MockEnvironment final {
public:
    // Run on gRPC's threads; each posts to the server's thread.
    struct Reporter {
        std::function<void(const MockServer::CallLog &)> started;
        std::function<void(const MockServer::CallLog &)> finished;
        std::function<void(const QString &)> recorded;
    };

    MockEnvironment(SchemaPtr schema, const MockServer::Options &options,
        std::shared_ptr<grpc::GenericStub> upstream, Reporter reporter);
    Q_DISABLE_COPY_MOVE(MockEnvironment)

    const SchemaPtr &schema() const { return m_schema; }
    const MockServer::Options &options() const { return m_options; }
    grpc::GenericStub *upstream() const { return m_upstream.get(); } // null unless recording
    const Reporter &reporter() const { return m_reporter; }
    const std::shared_ptr<StreamTracker> &tracker() const { return m_tracker; }
    quint64 nextCallId() { return ++m_lastCallId; }

    std::shared_ptr<const StubSet> stubs() const;
    // Replaces the stubs; those recorded while running stay unless the new set has them.
    void setStubs(const StubSet &stubs);
    void addRecorded(const Stub &stub);

private:
    SchemaPtr m_schema;
    MockServer::Options m_options;
    std::shared_ptr<grpc::GenericStub> m_upstream;
    Reporter m_reporter;
    std::shared_ptr<StreamTracker> m_tracker = std::make_shared<StreamTracker>();
    std::atomic<quint64> m_lastCallId {0};
    mutable std::mutex m_mutex;
    std::shared_ptr<const StubSet> m_stubs;
    QList<Stub> m_recorded;
};

// One call of a schema method on the mock: each request is decoded and matched, and the
// call is answered by a stub, by example messages or, in record mode, by the upstream
// server, whose answer is then written as a new stub. Everything is logged as a CallLog.
class MockCall final : public ServerStream, private UpstreamRelay::Listener {
public:
    static grpc::ServerGenericBidiReactor *start(
        grpc::GenericCallbackServerContext *context, std::shared_ptr<MockEnvironment> env);

private:
    enum class Mode {
        Undecided, // nothing sent yet
        Mock, // answered by stubs or examples
        Upstream, // relayed to the upstream server
        Done, // the answer that ends the call is queued
    };

    MockCall(grpc::GenericCallbackServerContext *context, std::shared_ptr<MockEnvironment> env);
    bool open();

    void onMessage(const QByteArray &bytes) override;
    void onHalfClose() override;
    void onCancelled() override;
    void onHeadersSent(const Metadata &headers) override;
    void onMessageSent(const QByteArray &bytes) override;
    void onFinished(const grpc::Status &status, const Metadata &trailers, bool cancelled) override;

    void upstreamHeaders(const Metadata &headers) override;
    void upstreamMessage(const QByteArray &bytes) override;
    void upstreamFinished(const CallStatus &status, const Metadata &trailers) override;

    bool decode(const QByteArray &bytes, QJsonValue *request);
    void answerFirst(const QJsonValue &request, const QByteArray &bytes);
    void answerEach(const QJsonValue &request, const QByteArray &bytes);
    void answerAtEnd();
    void reply(const MockReply &reply, bool finish);
    void finishOk(const Metadata &trailers);
    void finishWith(int code, const QString &message, const QString &answeredBy);
    void startUpstream(const QList<QByteArray> &messages, bool halfClosed);
    void record(const CallStatus &status, const Metadata &trailers);

    IncomingMessage incoming(const QJsonValue &body) const;
    void log(CallEvent::Type type, const QByteArray &payload = {}, const Metadata &metadata = {});
    void note(const QString &text);
    qint64 nanos() const;

    std::shared_ptr<MockEnvironment> m_env;
    const google::protobuf::MethodDescriptor *m_method = nullptr; // null: not in the schema
    CallKind m_kind = CallKind::Unary;
    std::string m_path; // "/pkg.Service/Method"
    QString m_name; // "pkg.Service/Method", as stubs name it
    Metadata m_requestMetadata;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();

    // Read on the request side only (one read at a time) unless noted.
    Mode m_mode = Mode::Undecided;
    QJsonValue m_lastRequest; // guarded by m_mutex: the record reads it from another thread
    QByteArray m_lastRequestBytes;
    QList<QByteArray> m_held; // record mode: requests kept until it is clear who answers
    bool m_headersChosen = false;
    Metadata m_endTrailers; // of the last stub that answered a message on its own

    mutable std::mutex m_mutex; // guards what follows and m_lastRequest
    MockServer::CallLog m_log;
    QStringList m_sources;
    QStringList m_notes;
    // Bounds on what one call keeps: its log for the panel, its answers for a recording.
    static constexpr qsizetype MaxLoggedEvents = 500;
    static constexpr qsizetype MaxLoggedBytes = 8 << 20;
    static constexpr qsizetype MaxRecordedMessages = 1000;
    static constexpr qsizetype MaxRecordedBytes = 16 << 20;
    qsizetype m_loggedBytes = 0;
    qsizetype m_unloggedEvents = 0;
    qsizetype m_recordedBytes = 0;
    bool m_recordingTooLong = false;
    bool m_cancelled = false;
    std::shared_ptr<UpstreamCall> m_upstream;
    QList<QByteArray> m_upstreamResponses;
    Metadata m_upstreamHeaders;
};

} // namespace wirescope
