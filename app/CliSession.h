#pragma once

#include "app/CliArgs.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"
#include "rpc/call/ChannelOptions.h"

#include <memory>

namespace wirescope {

class Connection;

// One headless command's state: the schema it loaded (files, protosets or reflection), the
// connection, and the printing of results in the CLI's stable output format.
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

    void out(const QString &line) const;
    void err(const QString &line) const;

private:
    ChannelOptions channelOptions() const;
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
