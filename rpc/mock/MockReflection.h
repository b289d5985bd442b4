#pragma once

#include "model/schema/Schema.h"
#include "rpc/mock/ServerStream.h"
#include "rpc/reflection/ReflectionAnswers.h"

#include <string>
#include <vector>

namespace google::protobuf {
class DescriptorPool;
class FileDescriptor;
} // namespace google::protobuf

namespace wirescope {

// Server reflection for a mock, answered from the mock's schema rather than from the
// descriptors compiled into the binary, so other clients (grpcurl, Postman, another
// Wirescope) discover exactly the services the mock serves. grpc.reflection.v1 and v1alpha
// share one wire format, so one stream serves both.
class MockReflection final : public ServerStream, private ReflectionAnswers {
public:
    static bool handles(const std::string &method);
    static QStringList serviceNames(const Schema &schema);
    static grpc::ServerGenericBidiReactor *start(grpc::GenericCallbackServerContext *context,
        SchemaPtr schema, std::shared_ptr<StreamTracker> tracker);

private:
    MockReflection(
        grpc::CallbackServerContext *context, SchemaPtr schema, std::shared_ptr<StreamTracker> tracker);

    void onMessage(const QByteArray &bytes) override;
    void onHalfClose() override;

    std::vector<std::string> serviceNames() const override;
    // Reflection's own files are served from the binary: the schema does not hold them.
    const google::protobuf::DescriptorPool *poolFor(const std::string &name) const override;

    SchemaPtr m_schema;
};

} // namespace wirescope
