#include "rpc/mock/MockReflection.h"

#include "grpc/reflection/v1/reflection.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

constexpr char V1Method[] = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
constexpr char V1AlphaMethod[] = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
constexpr char V1Service[] = "grpc.reflection.v1.ServerReflection";
constexpr char V1AlphaService[] = "grpc.reflection.v1alpha.ServerReflection";

bool isReflectionName(const std::string &name)
{
    return name.starts_with("grpc.reflection.") || name.starts_with("grpc/reflection/");
}

} // namespace

bool MockReflection::handles(const std::string &method)
{
    return method == V1Method || method == V1AlphaMethod;
}

QStringList MockReflection::serviceNames(const Schema &schema)
{
    QStringList names = schema.serviceNames();
    names.removeAll(QLatin1String(V1Service));
    names.removeAll(QLatin1String(V1AlphaService));
    names.append(QLatin1String(V1Service));
    names.append(QLatin1String(V1AlphaService));
    return names;
}

grpc::ServerGenericBidiReactor *MockReflection::start(
    grpc::GenericCallbackServerContext *context, SchemaPtr schema, std::shared_ptr<StreamTracker> tracker)
{
    auto *stream = new MockReflection(context, std::move(schema), std::move(tracker));
    stream->begin();
    return stream;
}

MockReflection::MockReflection(
    grpc::CallbackServerContext *context, SchemaPtr schema, std::shared_ptr<StreamTracker> tracker)
    : ServerStream(context, std::move(tracker))
    , m_schema(std::move(schema))
{
}

void MockReflection::onMessage(const QByteArray &bytes)
{
    Request request;
    if (!request.ParseFromArray(bytes.constData(), int(bytes.size()))) {
        queueFinish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "not a ServerReflectionRequest"));
        return;
    }
    Response response;
    respond(request, &response);
    queueMessage(QByteArray::fromStdString(response.SerializeAsString()));
}

void MockReflection::onHalfClose()
{
    queueFinish(grpc::Status::OK);
}

std::vector<std::string> MockReflection::serviceNames() const
{
    std::vector<std::string> names;
    for (const QString &name : serviceNames(*m_schema))
        names.push_back(name.toStdString());
    return names;
}

const gp::DescriptorPool *MockReflection::poolFor(const std::string &name) const
{
    return isReflectionName(name) ? gp::DescriptorPool::generated_pool() : m_schema->pool();
}

} // namespace wirescope
