#pragma once

#include "grpc/reflection/v1/reflection.grpc.pb.h"

#include <QStringList>
#include <QtGlobal>

#include <string>
#include <vector>

namespace google::protobuf {
class FileDescriptor;
}

namespace wirescope {

// grpc.reflection.v1 for the demo server. gRPC 1.51 only ships v1alpha, and the demo also
// needs to misbehave on purpose: in sloppy mode it serves demo.proto without its import
// of common.proto and common.proto under another name, the way some real servers do.
class ReflectionV1Service final : public grpc::reflection::v1::ServerReflection::Service {
public:
    ReflectionV1Service(const QStringList &serviceNames, bool sloppy);
    Q_DISABLE_COPY_MOVE(ReflectionV1Service)

    grpc::Status ServerReflectionInfo(grpc::ServerContext *context,
        grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
            grpc::reflection::v1::ServerReflectionRequest> *stream) override;

private:
    using Request = grpc::reflection::v1::ServerReflectionRequest;
    using Response = grpc::reflection::v1::ServerReflectionResponse;
    using FileList = std::vector<const google::protobuf::FileDescriptor *>;

    void answer(const Request &request, Response *response) const;
    void listServices(Response *response) const;
    void fileByName(const std::string &name, Response *response) const;
    void fileContainingSymbol(const std::string &symbol, Response *response) const;
    void fileContainingExtension(
        const grpc::reflection::v1::ExtensionRequest &request, Response *response) const;
    void allExtensionNumbers(const std::string &typeName, Response *response) const;

    void sendFileWithDependencies(const google::protobuf::FileDescriptor *file, Response *response) const;
    void collectFiles(const google::protobuf::FileDescriptor *file, FileList *files) const;
    FileList dependenciesOf(const google::protobuf::FileDescriptor *file) const;
    std::string serialize(const google::protobuf::FileDescriptor *file) const;

    std::vector<std::string> m_serviceNames;
    bool m_sloppy = false;
};

} // namespace wirescope
