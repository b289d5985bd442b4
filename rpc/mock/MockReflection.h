#pragma once

#include "model/schema/Schema.h"
#include "rpc/mock/ServerStream.h"

#include <string>
#include <vector>

namespace google::protobuf {
class DescriptorPool;
class FileDescriptor;
} // namespace google::protobuf

namespace grpc::reflection::v1 {
class ServerReflectionRequest;
class ServerReflectionResponse;
} // namespace grpc::reflection::v1

namespace wirescope {

// Server reflection for a mock, answered from the mock's schema rather than from the
// descriptors compiled into the binary, so other clients (grpcurl, Postman, another
// Wirescope) discover exactly the services the mock serves. grpc.reflection.v1 and v1alpha
// share one wire format, so one stream serves both.
class MockReflection final : public ServerStream {
public:
    static bool handles(const std::string &method);
    static QStringList serviceNames(const Schema &schema);
    static grpc::ServerGenericBidiReactor *start(grpc::GenericCallbackServerContext *context,
        SchemaPtr schema, std::shared_ptr<StreamTracker> tracker);

private:
    using Request = grpc::reflection::v1::ServerReflectionRequest;
    using Response = grpc::reflection::v1::ServerReflectionResponse;
    using FileList = std::vector<const google::protobuf::FileDescriptor *>;

    MockReflection(
        grpc::CallbackServerContext *context, SchemaPtr schema, std::shared_ptr<StreamTracker> tracker);

    void onMessage(const QByteArray &bytes) override;
    void onHalfClose() override;

    void answer(const Request &request, Response *response) const;
    void listServices(Response *response) const;
    void fileByName(const std::string &name, Response *response) const;
    void fileContainingSymbol(const std::string &symbol, Response *response) const;
    void fileContainingExtension(const std::string &type, int number, Response *response) const;
    void allExtensionNumbers(const std::string &type, Response *response) const;
    // Reflection's own files are served from the binary: the schema does not hold them.
    const google::protobuf::DescriptorPool *poolFor(const std::string &name) const;
    static void sendFiles(const google::protobuf::FileDescriptor *file, Response *response);
    static void collectFiles(const google::protobuf::FileDescriptor *file, FileList *files);

    SchemaPtr m_schema;
};

} // namespace wirescope
