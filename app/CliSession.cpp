#include "app/CliSession.h"

#include "model/frames/PayloadSizer.h"
#include "model/json/JsonCodec.h"
#include "model/json/JsonStream.h"
#include "model/json/MetadataText.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/call/CallRunner.h"
#include "rpc/call/Connection.h"
#include "rpc/call/StatusDetails.h"

#include <google/protobuf/descriptor.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// Feeds stdin to the GUI-less event loop one JSON message at a time, as lines arrive, so
// a bidi stream can be driven interactively. The reader thread only posts plain values.
struct StdinFeed {
    std::mutex mutex;
    bool alive = true;
};

void readStdin(
    std::shared_ptr<StdinFeed> feed, QObject *context, std::function<void(QList<QByteArray>, bool)> deliver)
{
    JsonStream stream;
    std::string line;
    auto post = [&](QList<QByteArray> values, bool atEnd) {
        std::lock_guard lock(feed->mutex);
        if (!feed->alive)
            return;
        QMetaObject::invokeMethod(
            context, [deliver, values, atEnd] { deliver(values, atEnd); }, Qt::QueuedConnection);
    };
    while (std::getline(std::cin, line)) {
        stream.feed(QByteArray::fromStdString(line) + '\n');
        if (QList<QByteArray> values = stream.take(); !values.isEmpty())
            post(values, false);
    }
    QList<QByteArray> rest = stream.take();
    if (!stream.pending().isEmpty())
        rest.append(stream.pending());
    post(rest, true);
}

} // namespace

CliSession::CliSession(const CliArgs &args)
    : m_args(args)
    , m_schema(Schema::empty())
{
}

CliSession::~CliSession() = default;

void CliSession::out(const QString &line) const
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void CliSession::err(const QString &line) const
{
    std::fputs(line.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

ChannelOptions CliSession::channelOptions() const
{
    ChannelOptions options;
    options.target = m_args.target;
    if (m_args.plaintext)
        options.security = ChannelOptions::Security::Plaintext;
    else if (!m_args.certFile.isEmpty() || !m_args.keyFile.isEmpty())
        options.security = ChannelOptions::Security::MutualTls;
    else
        options.security = ChannelOptions::Security::Tls;
    options.caFile = m_args.caFile;
    options.certFile = m_args.certFile;
    options.keyFile = m_args.keyFile;
    options.authority = m_args.authority;
    // grpcurl's habit: 4 MiB unless --max-msg-sz says otherwise (the GUI's limit is a setting).
    constexpr int cliDefaultMaxReceive = 4 * 1024 * 1024;
    options.maxReceiveBytes = m_args.maxMessageBytes > 0 ? m_args.maxMessageBytes : cliDefaultMaxReceive;
    return options;
}

Connection *CliSession::connection()
{
    if (!m_connection)
        m_connection = std::make_shared<Connection>(channelOptions());
    return m_connection.get();
}

bool CliSession::requestMetadata(Metadata *metadata) const
{
    for (const QString &line : m_args.headers) {
        MetadataPair entry;
        QString error;
        if (!MetadataText::parseLine(line, &entry, &error)) {
            err(QStringLiteral("wirescope: %1").arg(error));
            return false;
        }
        metadata->append(entry);
    }
    return true;
}

bool CliSession::checkHeaders() const
{
    Metadata metadata;
    return requestMetadata(&metadata);
}

bool CliSession::loadSchema()
{
    std::vector<SchemaSource> sources;
    Diagnostics diagnostics;
    auto take = [&](LoadResult result) {
        diagnostics.append(result.diagnostics);
        if (!result.source.files.empty())
            sources.push_back(std::move(result.source));
    };
    if (!m_args.protoFiles.isEmpty())
        take(SchemaLoader::loadProtoFiles(m_args.protoFiles, m_args.importPaths));
    for (const QString &protoset : m_args.protosets)
        take(SchemaLoader::loadProtoset(protoset));
    if (m_args.protoFiles.isEmpty() && m_args.protosets.isEmpty()) {
        if (m_args.target.isEmpty()) {
            err(QStringLiteral("wirescope: give a TARGET to use server reflection, or --proto/--protoset"));
            return false;
        }
        Metadata metadata;
        if (!requestMetadata(&metadata))
            return false;
        Connection *conn = connection();
        if (!conn->isValid()) {
            err(QStringLiteral("wirescope: %1").arg(conn->errorString()));
            return false;
        }
        take(conn->reflectionJob(metadata, reflectionTimeoutMs())({}));
    }
    m_schema = Schema::build(std::move(sources), &diagnostics);
    for (const Diagnostic &d : std::as_const(diagnostics))
        err(d.toString());
    if (!hasErrors(diagnostics))
        return true;
    // A server's schema is not the user's to fix: what could be built stays usable, and a
    // command that needs a part that could not be built says so by name.
    return usesReflection() && !m_schema->serviceNames().isEmpty();
}

bool CliSession::usesReflection() const
{
    return m_args.protoFiles.isEmpty() && m_args.protosets.isEmpty();
}

// --max-time in whole milliseconds: a fraction of one is one, not "no deadline", and a
// number past what an int holds is the longest deadline there is (24 days), not undefined.
int CliSession::deadlineMs(double seconds)
{
    if (seconds <= 0)
        return 0;
    constexpr double longestMs = double(std::numeric_limits<int>::max());
    return int(std::clamp(std::ceil(seconds * 1000), 1.0, longestMs));
}

int CliSession::reflectionTimeoutMs() const
{
    constexpr int defaultMs = 10000;
    return m_args.maxTimeSeconds > 0 ? deadlineMs(m_args.maxTimeSeconds) : defaultMs;
}

bool CliSession::listServicesByReflection(QStringList *services)
{
    Metadata metadata;
    if (!requestMetadata(&metadata))
        return false;
    if (m_args.target.isEmpty()) {
        err(QStringLiteral("wirescope: give a TARGET to use server reflection, or --proto/--protoset"));
        return false;
    }
    Connection *conn = connection();
    QString error;
    if (!conn->isValid() || !conn->reflectionServices(metadata, reflectionTimeoutMs(), services, &error)) {
        err(QStringLiteral("wirescope: %1").arg(conn->isValid() ? error : conn->errorString()));
        return false;
    }
    return true;
}

void CliSession::printSizes(const CallEvent &event, const gp::Descriptor *type)
{
    const bool sent = event.type == CallEvent::Type::Sent;
    SizeTotals &totals = m_sizeTotals[sent ? 0 : 1];
    const QString direction = sent ? QStringLiteral("sent") : QStringLiteral("received");
    ++totals.messages;
    qint64 json = 0;
    if (!PayloadSizer::quickSizes(*m_schema, type, event.payload, &json)) {
        ++totals.undecodable;
        totals.undecodableBinary += event.payload.size();
        err(QStringLiteral("sizes: %1 #%2: binary %3 B, JSON - (not a valid %4)")
                .arg(direction)
                .arg(totals.messages)
                .arg(event.payload.size())
                .arg(QString::fromStdString(type->full_name())));
        return;
    }
    totals.binary += event.payload.size();
    totals.json += json;
    const double ratio = event.payload.isEmpty() ? 0.0 : double(json) / double(event.payload.size());
    err(QStringLiteral("sizes: %1 #%2: binary %3 B, JSON %4 B (JSON/binary %5)")
            .arg(direction)
            .arg(totals.messages)
            .arg(event.payload.size())
            .arg(json)
            .arg(ratio, 0, 'f', 2));
}

// The binary and JSON totals cover the messages that decode, so their ratio compares like
// with like; those that did not are counted after them.
void CliSession::printSizeTotals() const
{
    QStringList parts;
    for (int i = 0; i < 2; ++i) {
        const SizeTotals &t = m_sizeTotals[i];
        const double ratio = t.binary > 0 ? double(t.json) / double(t.binary) : 0.0;
        QString part = QStringLiteral("%1 %2 message%3: binary %4 B, JSON %5 B (JSON/binary %6)")
                           .arg(i == 0 ? QStringLiteral("sent") : QStringLiteral("received"))
                           .arg(t.messages)
                           .arg(t.messages == 1 ? QString() : QStringLiteral("s"))
                           .arg(t.binary)
                           .arg(t.json)
                           .arg(ratio, 0, 'f', 2);
        if (t.undecodable > 0)
            part += QStringLiteral(", %1 not decodable (binary %2 B)")
                        .arg(t.undecodable)
                        .arg(t.undecodableBinary);
        parts.append(part);
    }
    err(QStringLiteral("sizes: total ") + parts.join(QStringLiteral("; ")));
}

void CliSession::printEvents(const CallEvents &events, const gp::MethodDescriptor *method, int *received)
{
    const gp::Descriptor *responseType = method->output_type();
    JsonStyle style;
    style.includeDefaults = m_args.emitDefaults;
    for (const CallEvent &event : events) {
        switch (event.type) {
        case CallEvent::Type::Headers:
            if (m_args.verbose)
                out(QStringLiteral("\nResponse headers received:\n%1")
                        .arg(MetadataText::format(event.metadata)));
            break;
        case CallEvent::Type::Received: {
            ++*received;
            if (m_args.sizes)
                printSizes(event, responseType);
            QByteArray json;
            QString error;
            if (m_args.verbose && *received == 1)
                out(QStringLiteral("\nResponse contents:"));
            if (JsonCodec::toJson(*m_schema, responseType, event.payload, &json, style, &error))
                out(QString::fromUtf8(json));
            else
                err(QStringLiteral("wirescope: %1").arg(error));
            break;
        }
        case CallEvent::Type::Finished:
            if (m_args.verbose)
                out(QStringLiteral("\nResponse trailers received:\n%1")
                        .arg(event.metadata.isEmpty() ? QStringLiteral("(empty)")
                                                      : MetadataText::format(event.metadata)));
            break;
        case CallEvent::Type::Sent:
            if (m_args.sizes)
                printSizes(event, method->input_type());
            break;
        case CallEvent::Type::HalfClosed:
            break;
        }
    }
}

const gp::MethodDescriptor *CliSession::callMethod() const
{
    const gp::MethodDescriptor *method = m_schema->findMethod(m_args.symbol);
    if (!method)
        err(QStringLiteral("wirescope: no method named %1 in the schema").arg(m_args.symbol));
    return method;
}

bool CliSession::callSpec(const gp::MethodDescriptor *method, CallSpec *spec) const
{
    spec->method = methodPath(method);
    spec->kind = MethodRef::resolve(m_schema, m_args.symbol).kind();
    spec->deadlineMs = deadlineMs(m_args.maxTimeSeconds);
    return requestMetadata(&spec->metadata);
}

QList<QByteArray> CliSession::dataBodies(const gp::MethodDescriptor *method, const QByteArray &text) const
{
    QByteArray leftover;
    QList<QByteArray> bodies = JsonStream::split(text, &leftover);
    if (!leftover.isEmpty())
        bodies.append(leftover); // the codec explains what is wrong with it, and where
    if (bodies.isEmpty() && !method->client_streaming())
        bodies.append(QByteArrayLiteral("{}"));
    return bodies;
}

bool CliSession::encodeRequest(
    const gp::MethodDescriptor *method, const QByteArray &json, int index, QByteArray *bytes) const
{
    JsonError error;
    if (JsonCodec::toBinary(*m_schema, method->input_type(), json, bytes, &error))
        return true;
    err(QStringLiteral("wirescope: request %1 does not fit %2: %3")
            .arg(index)
            .arg(QString::fromStdString(method->input_type()->full_name()), error.toString()));
    return false;
}

int CliSession::runCall()
{
    const gp::MethodDescriptor *method = callMethod();
    if (!method)
        return 1;
    CallSpec spec;
    if (!callSpec(method, &spec))
        return 2;
    Connection *conn = connection();
    if (!conn->isValid()) {
        err(QStringLiteral("wirescope: %1").arg(conn->errorString()));
        return 1;
    }
    const bool fromStdin = m_args.hasData && m_args.data.trimmed() == QStringLiteral("@");
    QList<QByteArray> bodies;
    if (!fromStdin)
        bodies = dataBodies(method, m_args.data.toUtf8());
    auto encode = [&](const QByteArray &json, int index, QByteArray *bytes) {
        return encodeRequest(method, json, index, bytes);
    };
    // grpcurl's rule: a method that takes one request refuses more, rather than sending one
    // and counting the rest as sent.
    if (!method->client_streaming() && bodies.size() > 1) {
        err(QStringLiteral("wirescope: %1 takes one request; -d holds %2")
                .arg(QString::fromStdString(method->full_name()))
                .arg(bodies.size()));
        return 2;
    }
    QList<QByteArray> encoded;
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        QByteArray bytes;
        if (!encode(bodies.at(i), int(i + 1), &bytes))
            return 1;
        encoded.append(bytes);
    }
    if (m_args.verbose) {
        out(QStringLiteral("Resolved method descriptor:\n%1")
                .arg(QString::fromStdString(method->DebugString()).trimmed()));
        out(QStringLiteral("\nRequest metadata to send:\n%1")
                .arg(spec.metadata.isEmpty() ? QStringLiteral("(empty)")
                                             : MetadataText::format(spec.metadata)));
    }

    // The same runner as the app's: each message is recorded in the call's snapshot as it
    // goes out, and what was sent is counted from there.
    QEventLoop loop;
    QObject context;
    CallRunner runner;
    SavedRequest written;
    written.method = m_args.symbol;
    written.target = m_args.target;
    runner.start(m_connection, spec, CallSnapshot(written, m_args.target));
    int received = 0;
    bool inputBroken = false;
    QObject::connect(&runner, &CallRunner::events, &context,
        [&](const CallEvents &events) { printEvents(events, method, &received); });
    QObject::connect(&runner, &CallRunner::finished, &loop, &QEventLoop::quit);
    for (qsizetype i = 0; i < encoded.size(); ++i)
        runner.send(encoded.at(i), QString::fromUtf8(bodies.at(i)));
    const auto sent = [&runner] { return runner.lastCall().messageCount(); };
    auto feed = std::make_shared<StdinFeed>();
    if (fromStdin) {
        auto deliver = [&](const QList<QByteArray> &values, bool atEnd) {
            for (const QByteArray &json : values) {
                QByteArray bytes;
                if (!method->client_streaming() && sent() >= 1) {
                    err(QStringLiteral("wirescope: %1 takes one request; standard input holds more")
                            .arg(QString::fromStdString(method->full_name())));
                    inputBroken = true;
                    runner.cancel();
                    return;
                }
                if (!encode(json, sent() + 1, &bytes)) {
                    inputBroken = true;
                    runner.cancel();
                    return;
                }
                runner.send(bytes, QString::fromUtf8(json));
            }
            if (atEnd)
                runner.halfClose();
        };
        std::thread(readStdin, feed, &context, deliver).detach();
    } else {
        runner.halfClose();
    }
    if (runner.isRunning())
        loop.exec();
    {
        std::lock_guard lock(feed->mutex);
        feed->alive = false;
    }
    const CallStatus status = runner.lastStatus();
    if (m_args.verbose)
        out(QStringLiteral("Sent %1 request%2 and received %3 response%4")
                .arg(sent())
                .arg(sent() == 1 ? QString() : QStringLiteral("s"))
                .arg(received)
                .arg(received == 1 ? QString() : QStringLiteral("s")));
    if (m_args.sizes)
        printSizeTotals();
    if (inputBroken)
        return 1;
    if (status.isOk())
        return 0;
    err(QStringLiteral("ERROR: %1").arg(formatStatus(status, m_schema.get())));
    const bool implicitTls = !m_args.plaintext && !m_args.useTls;
    if (status.code == 14 && implicitTls)
        err(QStringLiteral(
            "(TLS was used because --plaintext was not given; a plaintext server needs --plaintext)"));
    constexpr int resourceExhausted = 8;
    if (status.code == resourceExhausted && status.message.contains(QStringLiteral("larger than max")))
        err(QStringLiteral(
            "(a response larger than %1 bytes is refused; raise the limit with --max-msg-sz BYTES)")
                .arg(channelOptions().maxReceiveBytes));
    return 64 + status.code;
}

sigset_t blockStopSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

} // namespace wirescope
