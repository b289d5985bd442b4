#pragma once

#include "model/request/CallEvent.h"
#include "model/schema/SchemaLoader.h"

#include <map>
#include <set>

namespace grpc {
class Channel;
}

namespace wirescope {

// Loads schemas over gRPC server reflection. Blocking: it runs on a worker thread. It asks
// for grpc.reflection.v1 and falls back to v1alpha when the server answers UNIMPLEMENTED,
// fetches every service's file with all its dependencies, and repairs files that use types
// without importing the file that defines them (as some servers send them).
class ReflectionClient final {
public:
    ReflectionClient(
        std::shared_ptr<grpc::Channel> channel, QString target, Metadata metadata, int timeoutMs);
    ~ReflectionClient();
    Q_DISABLE_COPY_MOVE(ReflectionClient)

    // A cancelled load stops between steps, and a read waiting on the server is interrupted.
    void setCancel(std::shared_ptr<LoadCancel> cancel) { m_cancel = std::move(cancel); }
    LoadResult loadAll(const ProgressFn &progress = {});
    // Only ListServices: works on servers whose files cannot be built at all.
    bool listServices(QStringList *services, QString *error);
    // The protocol version that answered: "v1" or "v1alpha"; empty before loadAll.
    QString protocolVersion() const { return m_version; }

private:
    class Stream;
    bool open(QString *error);
    bool cancelled(QString *error) const;
    bool fetchSymbol(const std::string &symbol, QString *error);
    bool fetchFile(const std::string &name, QString *error);
    bool fetchMissingDependencies(const ProgressFn &progress, QString *error);
    void repairUndeclaredDependencies(LoadResult *result);
    void addFiles(const std::vector<std::string> &serialized);

    std::shared_ptr<grpc::Channel> m_channel;
    QString m_target;
    Metadata m_metadata;
    int m_timeoutMs;
    QString m_version;
    std::unique_ptr<Stream> m_stream;
    std::shared_ptr<LoadCancel> m_cancel;
    std::map<std::string, std::string> m_files; // name -> serialized FileDescriptorProto
    std::set<std::string> m_unavailable; // files the server said it does not have
    std::vector<std::string> m_services;
};

} // namespace wirescope
