#pragma once

#include "app/CliArgs.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"
#include "rpc/call/ChannelOptions.h"

#include <memory>

#include <csignal>

namespace wirescope {

class Connection;
struct CallSpec;

// One headless command's state: the schema it loaded (files, protosets or reflection), the
// connection, and the printing of results in the CLI's stable output format.
// Blocks SIGINT and SIGTERM in this thread, so in every thread gRPC starts after it, and
// returns them for a sigwait() of the command's own: a long-running command (serve-demo,
// mock, bench) then ends cleanly on Ctrl+C. Call it before anything starts a gRPC thread.
sigset_t blockStopSignals();

class CliSession final {
public:
    explicit CliSession(const CliArgs &args);
    ~CliSession();
    Q_DISABLE_COPY_MOVE(CliSession)

    // Checks -H lines before anything else happens; prints why one is bad.
    bool checkHeaders() const;
    // Loads the schema from --proto/--protoset, else through reflection, where what could be
    // built stays usable even if some of the server's files could not be. Problems go to stderr.
    bool loadSchema();
    bool usesReflection() const;
    // ListServices alone, for `list` with no service: needs no file to build.
    bool listServicesByReflection(QStringList *services);
    SchemaPtr schema() const { return m_schema; }
    // Runs the call named in the arguments and prints every response; returns the exit status.
    int runCall();

    // The pieces of a call that `call` and `bench` share. Each says what is wrong on stderr.
    // The method named in the arguments, or null.
    const google::protobuf::MethodDescriptor *callMethod() const;
    // Its path, kind, -H metadata and --max-time deadline; false for a bad -H line.
    bool callSpec(const google::protobuf::MethodDescriptor *method, CallSpec *spec) const;
    // -d's JSON values in order; "{}" for a method that takes one request and was given none.
    QList<QByteArray> dataBodies(
        const google::protobuf::MethodDescriptor *method, const QByteArray &text) const;
    // Request `index` (from 1) in its wire form; false when it does not fit the request type.
    bool encodeRequest(const google::protobuf::MethodDescriptor *method, const QByteArray &json, int index,
        QByteArray *bytes) const;
    ChannelOptions channelOptions() const;

    void out(const QString &line) const;
    void err(const QString &line) const;

private:
    bool requestMetadata(Metadata *metadata) const;
    int reflectionTimeoutMs() const;
    static int deadlineMs(double seconds);
    Connection *connection();
    void printEvents(
        const CallEvents &events, const google::protobuf::MethodDescriptor *method, int *received);
    void printSizes(const CallEvent &event, const google::protobuf::Descriptor *type);
    void printSizeTotals() const;

    // Running totals for --sizes: [0] sent, [1] received.
    struct SizeTotals {
        int messages = 0;
        qint64 binary = 0;
        qint64 json = 0;
        int undecodable = 0; // counted in messages, not in binary or json
        qint64 undecodableBinary = 0;
    };
    SizeTotals m_sizeTotals[2];

    CliArgs m_args;
    SchemaPtr m_schema;
    std::shared_ptr<Connection> m_connection;
};

} // namespace wirescope
