#include "rpc/reflection/ReflectionV1Service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <algorithm>

namespace wirescope {

namespace {

namespace pb = google::protobuf;

constexpr char DemoFile[] = "wirescope/demo/v1/demo.proto";
constexpr char CommonFile[] = "wirescope/demo/v1/common.proto";
constexpr char RenamedCommonFile[] = "wirescope/demo/v1/common_renamed.proto";

// Codes are google.rpc.Code numbers, as the reflection protocol expects.
constexpr int NotFound = 5;
constexpr int Unimplemented = 12;

const pb::DescriptorPool *pool()
{
    return pb::DescriptorPool::generated_pool();
}

void setError(grpc::reflection::v1::ServerReflectionResponse *response, int code, const std::string &message)
{
    auto *error = response->mutable_error_response();
    error->set_error_code(code);
    error->set_error_message(message);
}

// Drops one import while keeping the public/weak import indices pointing at the same files.
void removeDependency(pb::FileDescriptorProto *proto, const std::string &name)
{
    const auto &deps = proto->dependency();
    const auto found = std::find(deps.begin(), deps.end(), name);
    if (found == deps.end())
        return;
    const int removed = static_cast<int>(found - deps.begin());

    pb::RepeatedPtrField<std::string> kept;
    for (int i = 0; i < deps.size(); ++i) {
        if (i != removed)
            *kept.Add() = deps.Get(i);
    }
    proto->mutable_dependency()->Swap(&kept);

    const auto reindex = [removed](pb::RepeatedField<pb::int32> *indices) {
        pb::RepeatedField<pb::int32> adjusted;
        for (const pb::int32 index : *indices) {
            if (index != removed)
                adjusted.Add(index > removed ? index - 1 : index);
        }
        indices->Swap(&adjusted);
    };
    reindex(proto->mutable_public_dependency());
    reindex(proto->mutable_weak_dependency());
}

} // namespace

ReflectionV1Service::ReflectionV1Service(const QStringList &serviceNames, bool sloppy)
    : m_sloppy(sloppy)
{
    m_serviceNames.reserve(serviceNames.size());
    for (const QString &name : serviceNames)
        m_serviceNames.push_back(name.toStdString());
}

grpc::Status ReflectionV1Service::ServerReflectionInfo(
    grpc::ServerContext *context, grpc::ServerReaderWriter<Response, Request> *stream)
{
    Request request;
    while (stream->Read(&request)) {
        Response response;
        response.set_valid_host(request.host());
        *response.mutable_original_request() = request;
        answer(request, &response);
        if (!stream->Write(response))
            break;
    }
    if (context->IsCancelled())
        return grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled");
    return grpc::Status::OK;
}

void ReflectionV1Service::answer(const Request &request, Response *response) const
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
        fileContainingExtension(request.file_containing_extension(), response);
        return;
    case Request::kAllExtensionNumbersOfType:
        allExtensionNumbers(request.all_extension_numbers_of_type(), response);
        return;
    case Request::MESSAGE_REQUEST_NOT_SET:
        break;
    }
    setError(response, Unimplemented, "the request asks for nothing this server understands");
}

void ReflectionV1Service::listServices(Response *response) const
{
    auto *list = response->mutable_list_services_response();
    for (const std::string &name : m_serviceNames)
        list->add_service()->set_name(name);
}

void ReflectionV1Service::fileByName(const std::string &name, Response *response) const
{
    // In sloppy mode common.proto only exists under its new name, as far as clients know.
    const bool renamed = m_sloppy && name == RenamedCommonFile;
    const pb::FileDescriptor *file = pool()->FindFileByName(renamed ? std::string(CommonFile) : name);
    if (file == nullptr) {
        setError(response, NotFound, "file not found: " + name);
        return;
    }
    sendFileWithDependencies(file, response);
}

void ReflectionV1Service::fileContainingSymbol(const std::string &symbol, Response *response) const
{
    // Covers services, methods, messages, enums, enum values, fields and extensions.
    const pb::FileDescriptor *file = pool()->FindFileContainingSymbol(symbol);
    if (file == nullptr) {
        setError(response, NotFound, "symbol not found: " + symbol);
        return;
    }
    sendFileWithDependencies(file, response);
}

void ReflectionV1Service::fileContainingExtension(
    const grpc::reflection::v1::ExtensionRequest &request, Response *response) const
{
    const pb::Descriptor *type = pool()->FindMessageTypeByName(request.containing_type());
    if (type == nullptr) {
        setError(response, NotFound, "message type not found: " + request.containing_type());
        return;
    }
    const pb::FieldDescriptor *extension = pool()->FindExtensionByNumber(type, request.extension_number());
    if (extension == nullptr) {
        setError(response, NotFound,
            "extension " + std::to_string(request.extension_number()) + " of " + request.containing_type()
                + " not found");
        return;
    }
    sendFileWithDependencies(extension->file(), response);
}

void ReflectionV1Service::allExtensionNumbers(const std::string &typeName, Response *response) const
{
    const pb::Descriptor *type = pool()->FindMessageTypeByName(typeName);
    if (type == nullptr) {
        setError(response, NotFound, "message type not found: " + typeName);
        return;
    }
    std::vector<const pb::FieldDescriptor *> extensions;
    pool()->FindAllExtensions(type, &extensions);
    auto *numbers = response->mutable_all_extension_numbers_response();
    numbers->set_base_type_name(type->full_name());
    for (const pb::FieldDescriptor *extension : extensions)
        numbers->add_extension_number(extension->number());
}

void ReflectionV1Service::sendFileWithDependencies(const pb::FileDescriptor *file, Response *response) const
{
    FileList files;
    collectFiles(file, &files);
    auto *descriptors = response->mutable_file_descriptor_response();
    for (const pb::FileDescriptor *each : files)
        descriptors->add_file_descriptor_proto(serialize(each));
}

// Depth-first, so the requested file comes first and every file appears once.
void ReflectionV1Service::collectFiles(const pb::FileDescriptor *file, FileList *files) const
{
    if (std::find(files->begin(), files->end(), file) != files->end())
        return;
    files->push_back(file);
    for (const pb::FileDescriptor *dependency : dependenciesOf(file))
        collectFiles(dependency, files);
}

ReflectionV1Service::FileList ReflectionV1Service::dependenciesOf(const pb::FileDescriptor *file) const
{
    const bool hideCommon = m_sloppy && file->name() == DemoFile;
    FileList dependencies;
    for (int i = 0; i < file->dependency_count(); ++i) {
        const pb::FileDescriptor *dependency = file->dependency(i);
        if (!(hideCommon && dependency->name() == CommonFile))
            dependencies.push_back(dependency);
    }
    return dependencies;
}

std::string ReflectionV1Service::serialize(const pb::FileDescriptor *file) const
{
    pb::FileDescriptorProto proto;
    file->CopyTo(&proto);
    if (m_sloppy && file->name() == DemoFile)
        removeDependency(&proto, CommonFile);
    if (m_sloppy && file->name() == CommonFile)
        proto.set_name(RenamedCommonFile);
    return proto.SerializeAsString();
}

} // namespace wirescope
