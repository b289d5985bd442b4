#include "rpc/mock/MockCall.h"

#include "model/json/JsonCodec.h"
#include "model/json/MetadataText.h"
#include "rpc/mock/MockReply.h"
#include "rpc/mock/StubRecorder.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

namespace wirescope {

namespace {

constexpr char MockHeader[] = "x-wirescope-mock";
constexpr int Internal = 13;
constexpr int Unimplemented = 12;

// Metadata values must be printable ASCII; a stub's file name may not be.
QByteArray headerValue(const QString &text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        if (c >= 0x20 && c <= 0x7e && c != '%')
            out.append(c);
        else
            out.append('%' + QByteArray::number(uchar(c), 16).rightJustified(2, '0').toUpper());
    }
    return out;
}

Metadata withMockHeader(Metadata headers, const QString &source)
{
    headers.append({QByteArray(MockHeader), headerValue(source)});
    return headers;
}

// What of the upstream's headers and trailers can be sent on: gRPC sets its own.
Metadata relayable(const Metadata &metadata)
{
    Metadata out;
    for (const MetadataPair &entry : metadata) {
        QString ignored;
        if (entry.first != "content-type" && MetadataText::validate(entry, &ignored))
            out.append(entry);
    }
    return out;
}

grpc::Status toGrpcStatus(const CallStatus &status)
{
    if (status.code == 0)
        return grpc::Status::OK;
    return grpc::Status(
        grpc::StatusCode(status.code), status.message.toStdString(), status.details.toStdString());
}

bool containsSame(const StubSet &set, const Stub &stub)
{
    return std::any_of(set.stubs().begin(), set.stubs().end(), [&stub](Stub other) {
        other.file = stub.file;
        return other == stub;
    });
}

CallKind kindOf(const google::protobuf::MethodDescriptor *method)
{
    if (method->client_streaming())
        return method->server_streaming() ? CallKind::Bidi : CallKind::ClientStreaming;
    return method->server_streaming() ? CallKind::ServerStreaming : CallKind::Unary;
}

} // namespace

MockEnvironment::MockEnvironment(SchemaPtr schema, const MockServer::Options &options,
    std::shared_ptr<grpc::GenericStub> upstream, Reporter reporter)
    : m_schema(std::move(schema))
    , m_options(options)
    , m_upstream(std::move(upstream))
    , m_reporter(std::move(reporter))
    , m_stubs(std::make_shared<const StubSet>())
{
}

std::shared_ptr<const StubSet> MockEnvironment::stubs() const
{
    std::lock_guard lock(m_mutex);
    return m_stubs;
}

void MockEnvironment::setStubs(const StubSet &stubs)
{
    auto set = std::make_shared<StubSet>(stubs);
    std::lock_guard lock(m_mutex);
    for (const Stub &recorded : m_recorded) {
        if (!containsSame(*set, recorded))
            set->add(recorded);
    }
    m_stubs = std::move(set);
}

void MockEnvironment::addRecorded(const Stub &stub)
{
    std::lock_guard lock(m_mutex);
    m_recorded.append(stub);
    if (containsSame(*m_stubs, stub))
        return;
    auto set = std::make_shared<StubSet>(*m_stubs);
    set->add(stub);
    m_stubs = std::move(set);
}

grpc::ServerGenericBidiReactor *MockCall::start(
    grpc::GenericCallbackServerContext *context, std::shared_ptr<MockEnvironment> env)
{
    auto *call = new MockCall(context, std::move(env));
    if (call->open())
        call->begin();
    return call;
}

MockCall::MockCall(grpc::GenericCallbackServerContext *context, std::shared_ptr<MockEnvironment> env)
    : ServerStream(context, env->tracker())
    , m_env(std::move(env))
    , m_path(context->method())
{
    m_name = QString::fromStdString(m_path);
    if (m_name.startsWith(u'/'))
        m_name.remove(0, 1);
    m_requestMetadata = toMetadata(context->client_metadata());
    m_method = m_env->schema()->findMethod(m_name);
    if (m_method)
        m_kind = kindOf(m_method);
}

// Reports the call and refuses a method the schema does not have; false when it is over.
bool MockCall::open()
{
    MockServer::CallLog started;
    {
        std::lock_guard lock(m_mutex);
        m_log.id = m_env->nextCallId();
        m_log.method = m_name;
        m_log.requestMetadata = m_requestMetadata;
        started = m_log;
    }
    m_env->reporter().started(started);
    if (m_method)
        return true;
    finishWith(Unimplemented,
        QStringLiteral("unknown method %1: the mock's schema has no such method")
            .arg(QString::fromStdString(m_path)),
        QStringLiteral("unknown method"));
    return false;
}

void MockCall::onMessage(const QByteArray &bytes)
{
    log(CallEvent::Type::Received, bytes);
    if (m_mode == Mode::Done)
        return;
    QJsonValue request;
    const bool decoded = decode(bytes, &request);
    if (decoded) {
        std::lock_guard lock(m_mutex);
        m_lastRequest = request;
    }
    if (m_mode == Mode::Upstream) {
        UpstreamRelay::send(m_upstream, bytes);
        return;
    }
    if (!decoded)
        return;
    m_lastRequestBytes = bytes;
    if (m_kind == CallKind::Unary || m_kind == CallKind::ServerStreaming)
        answerFirst(request, bytes);
    else
        answerEach(request, bytes);
}

void MockCall::onHalfClose()
{
    if (m_mode == Mode::Upstream) {
        UpstreamRelay::halfClose(m_upstream);
        return;
    }
    if (m_mode != Mode::Done)
        answerAtEnd();
}

void MockCall::onCancelled()
{
    std::shared_ptr<UpstreamCall> upstream;
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        upstream = m_upstream;
    }
    if (upstream)
        upstream->context.TryCancel();
}

bool MockCall::decode(const QByteArray &bytes, QJsonValue *request)
{
    JsonStyle compact;
    compact.indent = false;
    QByteArray json;
    QString error;
    if (JsonCodec::toJson(*m_env->schema(), m_method->input_type(), bytes, &json, compact, &error)) {
        *request = jsonValue(json);
        return true;
    }
    // Passed on untouched when relaying: the upstream decides what it makes of it.
    if (m_mode != Mode::Upstream)
        finishWith(Internal,
            QStringLiteral("mock: the request does not decode as %1: %2")
                .arg(QString::fromStdString(m_method->input_type()->full_name()), error),
            QStringLiteral("undecodable request"));
    return false;
}

// Unary and server streaming: the one request decides, without waiting for the half-close.
void MockCall::answerFirst(const QJsonValue &request, const QByteArray &bytes)
{
    if (m_mode != Mode::Undecided)
        return; // a second request on a single-request call is ignored
    const std::shared_ptr<const StubSet> stubs = m_env->stubs();
    const Stub *stub = stubs->match(incoming(request));
    if (!stub && m_env->upstream()) {
        startUpstream({bytes}, false);
        return;
    }
    const int examples = m_kind == CallKind::ServerStreaming ? 3 : 1;
    reply(stub ? MockReply::fromStub(*m_env->schema(), m_method, *stub, request)
               : MockReply::example(*m_env->schema(), m_method, requestSeed(bytes), examples),
        true);
}

// Client streaming and bidi: a stub with "answer": "each" answers the message it matches
// (in a client stream that answer ends the call); in a bidi stream a message no stub
// matches gets an example answer of its own. Anything else waits for the half-close.
void MockCall::answerEach(const QJsonValue &request, const QByteArray &bytes)
{
    const std::shared_ptr<const StubSet> stubs = m_env->stubs();
    const Stub *stub = stubs->match(incoming(request));
    const bool recording = m_env->upstream() != nullptr;
    if (stub && stub->answer == Stub::Answer::EachMessage) {
        const MockReply answer = MockReply::fromStub(*m_env->schema(), m_method, *stub, request);
        const bool ends = m_kind == CallKind::ClientStreaming || !answer.status.isOk();
        if (!ends)
            m_endTrailers = answer.trailers;
        m_held.clear();
        reply(answer, ends);
        return;
    }
    if (m_kind == CallKind::ClientStreaming) {
        if (recording && m_mode == Mode::Undecided)
            m_held.append(bytes);
        return;
    }
    if (!stub && recording && m_mode == Mode::Undecided) {
        startUpstream({bytes}, false);
        return;
    }
    if (!stub) {
        reply(MockReply::example(*m_env->schema(), m_method, requestSeed(bytes), 1), false);
        return;
    }
    m_mode = Mode::Mock; // an answer at the end matched: it is tried again then
}

// The half-close: the last request (or none) picks the answer that ends the call.
void MockCall::answerAtEnd()
{
    QJsonValue last;
    {
        std::lock_guard lock(m_mutex);
        last = m_lastRequest;
    }
    const std::shared_ptr<const StubSet> stubs = m_env->stubs();
    const Stub *stub = stubs->match(incoming(last));
    const bool single = m_kind == CallKind::Unary || m_kind == CallKind::ServerStreaming;
    if (stub && (stub->answer == Stub::Answer::AtEnd || single)) {
        reply(MockReply::fromStub(*m_env->schema(), m_method, *stub, last), true);
        return;
    }
    if (stub) {
        finishOk(m_endTrailers); // it has answered the last message already
        return;
    }
    if (m_env->upstream() && m_mode == Mode::Undecided) {
        startUpstream(m_held, true);
        return;
    }
    if (m_kind == CallKind::Bidi) {
        finishOk(m_endTrailers);
        return;
    }
    const int examples = m_kind == CallKind::ServerStreaming ? 3 : 1;
    reply(MockReply::example(*m_env->schema(), m_method, requestSeed(m_lastRequestBytes), examples), true);
}

void MockCall::reply(const MockReply &reply, bool finish)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_sources.contains(reply.source))
            m_sources.append(reply.source);
        m_notes.append(reply.notes);
    }
    if (!m_headersChosen) {
        m_headersChosen = true;
        setHeaders(withMockHeader(reply.headers, reply.source));
    }
    m_mode = finish ? Mode::Done : Mode::Mock;
    int delayMs = reply.delayMs;
    for (const MockReply::Message &message : reply.messages) {
        queueMessage(message.bytes, delayMs + message.delayMs);
        delayMs = 0;
    }
    if (finish)
        queueFinish(toGrpcStatus(reply.status), reply.trailers, delayMs);
}

void MockCall::finishOk(const Metadata &trailers)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_sources.isEmpty())
            m_sources.append(QStringLiteral("example"));
    }
    m_mode = Mode::Done;
    queueFinish(grpc::Status::OK, trailers);
}

void MockCall::finishWith(int code, const QString &message, const QString &answeredBy)
{
    {
        std::lock_guard lock(m_mutex);
        m_sources.append(answeredBy);
    }
    m_mode = Mode::Done;
    queueFinish(grpc::Status(grpc::StatusCode(code), message.toStdString()));
}

// Record mode: the whole call goes to the upstream server; held requests are sent first.
void MockCall::startUpstream(const QList<QByteArray> &messages, bool halfClosed)
{
    const std::shared_ptr<UpstreamCall> call
        = UpstreamRelay::prepare(m_requestMetadata, context()->deadline());
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return; // the stream finishes as cancelled
        m_upstream = call; // from here on a cancellation reaches the upstream too
        m_sources.append(QStringLiteral("upstream"));
    }
    m_mode = Mode::Upstream;
    m_held.clear();
    setHeaders(withMockHeader({}, QStringLiteral("upstream")));
    addHold(); // released by upstreamFinished()
    UpstreamRelay::start(m_env->upstream(), m_path, call, this);
    for (const QByteArray &message : messages)
        UpstreamRelay::send(call, message);
    if (halfClosed)
        UpstreamRelay::halfClose(call);
}

void MockCall::upstreamHeaders(const Metadata &headers)
{
    {
        std::lock_guard lock(m_mutex);
        m_upstreamHeaders = headers;
    }
    setHeaders(withMockHeader(relayable(headers), QStringLiteral("upstream")));
}

void MockCall::upstreamMessage(const QByteArray &bytes)
{
    {
        std::lock_guard lock(m_mutex);
        // What is recorded is bounded too: a stream past it is relayed but not recorded.
        if (!m_recordingTooLong && m_upstreamResponses.size() < MaxRecordedMessages
            && m_recordedBytes + bytes.size() <= MaxRecordedBytes) {
            m_recordedBytes += bytes.size();
            m_upstreamResponses.append(bytes);
        } else {
            m_recordingTooLong = true;
        }
    }
    queueMessage(bytes);
}

void MockCall::upstreamFinished(const CallStatus &status, const Metadata &trailers)
{
    record(status, trailers);
    queueFinish(toGrpcStatus(status), relayable(trailers));
    releaseHold(); // last: the call may be gone after it
}

void MockCall::record(const CallStatus &status, const Metadata &trailers)
{
    StubRecorder::Exchange exchange;
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return; // the client gave up: the exchange is not the server's answer
        if (m_recordingTooLong) {
            m_notes.append(
                QStringLiteral("not recorded: the upstream answered more than %1 messages or %2 MiB")
                    .arg(MaxRecordedMessages)
                    .arg(MaxRecordedBytes >> 20));
            return;
        }
        exchange.request = m_lastRequest;
        exchange.responses = m_upstreamResponses;
        exchange.headers = m_upstreamHeaders;
    }
    exchange.trailers = trailers;
    exchange.status = status;
    if (!StubRecorder::worthRecording(exchange)) {
        note(QStringLiteral("not recorded: the upstream server did not answer"));
        return;
    }
    Stub stub;
    QString file;
    QString error;
    QStringList notes;
    const bool recorded = StubRecorder::record(
        *m_env->schema(), m_method, exchange, m_env->options().recordDirectory, &stub, &file, &notes, &error);
    for (const QString &text : notes)
        note(text);
    if (!recorded) {
        note(QStringLiteral("not recorded: ") + error);
        return;
    }
    m_env->addRecorded(stub);
    if (!file.isEmpty())
        m_env->reporter().recorded(file);
}

void MockCall::onHeadersSent(const Metadata &headers)
{
    log(CallEvent::Type::Headers, {}, headers);
}

void MockCall::onMessageSent(const QByteArray &bytes)
{
    log(CallEvent::Type::Sent, bytes);
}

void MockCall::onFinished(const grpc::Status &status, const Metadata &trailers, bool cancelled)
{
    CallEvent finished;
    finished.type = CallEvent::Type::Finished;
    finished.nanos = nanos();
    finished.metadata = trailers;
    finished.status.code = int(status.error_code());
    finished.status.message = QString::fromStdString(status.error_message());
    finished.status.details = QByteArray::fromStdString(status.error_details());
    MockServer::CallLog log;
    {
        std::lock_guard lock(m_mutex);
        m_log.events.append(finished);
        if (m_unloggedEvents > 0)
            m_notes.append(QStringLiteral("%1 frames past the first %2 not logged")
                               .arg(m_unloggedEvents)
                               .arg(m_log.events.size() - 1));
        m_log.code = cancelled ? int(grpc::StatusCode::CANCELLED) : finished.status.code;
        m_log.message = finished.status.message;
        if (!m_notes.isEmpty()) {
            const QString notes = QStringLiteral("(mock: ") + m_notes.join(QStringLiteral("; ")) + u')';
            m_log.message = m_log.message.isEmpty() ? notes : m_log.message + u' ' + notes;
        }
        m_log.answeredBy = m_sources.join(QStringLiteral(", "));
        m_log.elapsedMs = finished.nanos / 1000000;
        log = m_log;
    }
    m_env->reporter().finished(log);
}

IncomingMessage MockCall::incoming(const QJsonValue &body) const
{
    IncomingMessage message;
    message.method = m_name;
    message.body = body;
    message.metadata = m_requestMetadata;
    return message;
}

void MockCall::log(CallEvent::Type type, const QByteArray &payload, const Metadata &metadata)
{
    CallEvent event;
    event.type = type;
    event.nanos = nanos();
    event.payload = payload;
    event.metadata = metadata;
    std::lock_guard lock(m_mutex);
    // A long stream's log is bounded: its first frames are kept, the rest counted.
    if (m_log.events.size() >= MaxLoggedEvents || m_loggedBytes + payload.size() > MaxLoggedBytes) {
        ++m_unloggedEvents;
        return;
    }
    m_loggedBytes += payload.size();
    m_log.events.append(std::move(event));
}

void MockCall::note(const QString &text)
{
    std::lock_guard lock(m_mutex);
    m_notes.append(text);
}

qint64 MockCall::nanos() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - m_started)
        .count();
}

} // namespace wirescope
