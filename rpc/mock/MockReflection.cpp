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

// google.rpc.Code numbers, as the reflection protocol expects.
constexpr int NotFound = 5;
constexpr int Unimplemented = 12;

void setError(grpc::reflection::v1::ServerReflectionResponse *response, int code, const std::string &message)
{
    auto *error = response->mutable_error_response();
    error->set_error_code(code);
    error->set_error_message(message);
}

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
    response.set_valid_host(request.host());
    *response.mutable_original_request() = request;
    answer(request, &response);
    queueMessage(QByteArray::fromStdString(response.SerializeAsString()));
}

void MockReflection::onHalfClose()
{
    queueFinish(grpc::Status::OK);
}

void MockReflection::answer(const Request &request, Response *response) const
{
    switch (request.message_request_case()) {
    case Request::kListServices:
        listServices(response);
        return;
    case Request::kFileByFilename:
        fileByName(request.file_by_filename(), response);
        return;
    case Request::kFileContainingSymbol:
        fileContainingSymbol(request.file_containing_symbol(), response);
        return;
    case Request::kFileContainingExtension:
        fileContainingExtension(request.file_containing_extension().containing_type(),
            request.file_containing_extension().extension_number(), response);
        return;
    case Request::kAllExtensionNumbersOfType:
        allExtensionNumbers(request.all_extension_numbers_of_type(), response);
        return;
    case Request::MESSAGE_REQUEST_NOT_SET:
        break;
    }
    setError(response, Unimplemented, "the request asks for nothing this server understands");
}

void MockReflection::listServices(Response *response) const
{
    auto *list = response->mutable_list_services_response();
    for (const QString &name : serviceNames(*m_schema))
        list->add_service()->set_name(name.toStdString());
}

const gp::DescriptorPool *MockReflection::poolFor(const std::string &name) const
{
    return isReflectionName(name) ? gp::DescriptorPool::generated_pool() : m_schema->pool();
}

void MockReflection::fileByName(const std::string &name, Response *response) const
{
    const gp::FileDescriptor *file = poolFor(name)->FindFileByName(name);
    if (file == nullptr) {
        setError(response, NotFound, "file not found: " + name);
        return;
    }
    sendFiles(file, response);
}

void MockReflection::fileContainingSymbol(const std::string &symbol, Response *response) const
{
    const gp::FileDescriptor *file = poolFor(symbol)->FindFileContainingSymbol(symbol);
    if (file == nullptr) {
        setError(response, NotFound, "symbol not found: " + symbol);
        return;
    }
    sendFiles(file, response);
}

void MockReflection::fileContainingExtension(const std::string &type, int number, Response *response) const
{
    const gp::DescriptorPool *pool = poolFor(type);
    const gp::Descriptor *message = pool->FindMessageTypeByName(type);
    const gp::FieldDescriptor *extension = message ? pool->FindExtensionByNumber(message, number) : nullptr;
    if (extension == nullptr) {
        setError(response, NotFound, "extension " + std::to_string(number) + " of " + type + " not found");
        return;
    }
    sendFiles(extension->file(), response);
}

void MockReflection::allExtensionNumbers(const std::string &type, Response *response) const
{
    const gp::DescriptorPool *pool = poolFor(type);
    const gp::Descriptor *message = pool->FindMessageTypeByName(type);
    if (message == nullptr) {
        setError(response, NotFound, "message type not found: " + type);
        return;
    }
    std::vector<const gp::FieldDescriptor *> extensions;
    pool->FindAllExtensions(message, &extensions);
    auto *numbers = response->mutable_all_extension_numbers_response();
    numbers->set_base_type_name(message->full_name());
    for (const gp::FieldDescriptor *extension : extensions)
        numbers->add_extension_number(extension->number());
}

void MockReflection::sendFiles(const gp::FileDescriptor *file, Response *response)
{
    FileList files;
    collectFiles(file, &files);
    auto *descriptors = response->mutable_file_descriptor_response();
    for (const gp::FileDescriptor *each : files) {
        gp::FileDescriptorProto proto;
        each->CopyTo(&proto);
        descriptors->add_file_descriptor_proto(proto.SerializeAsString());
    }
}

// Depth-first, so the requested file comes first and every file appears once.
void MockReflection::collectFiles(const gp::FileDescriptor *file, FileList *files)
{
    if (std::find(files->begin(), files->end(), file) != files->end())
        return;
    files->push_back(file);
    for (int i = 0; i < file->dependency_count(); ++i)
        collectFiles(file->dependency(i), files);
}

} // namespace wirescope
