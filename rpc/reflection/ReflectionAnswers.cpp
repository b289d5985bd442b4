#include "rpc/reflection/ReflectionAnswers.h"

#include "grpc/reflection/v1/reflection.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// Codes are google.rpc.Code numbers, as the reflection protocol expects.
constexpr int NotFound = 5;
constexpr int Unimplemented = 12;

void setError(ReflectionAnswers::Response *response, int code, const std::string &message)
{
    auto *error = response->mutable_error_response();
    error->set_error_code(code);
    error->set_error_message(message);
}

} // namespace

void ReflectionAnswers::respond(const Request &request, Response *response) const
{
    response->set_valid_host(request.host());
    *response->mutable_original_request() = request;
    answer(request, response);
}

void ReflectionAnswers::answer(const Request &request, Response *response) const
{
    switch (request.message_request_case()) {
    case Request::kListServices: {
        auto *list = response->mutable_list_services_response();
        for (const std::string &name : serviceNames())
            list->add_service()->set_name(name);
        return;
    }
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

void ReflectionAnswers::fileByName(const std::string &name, Response *response) const
{
    const std::string file = fileNameFor(name);
    const gp::FileDescriptor *found = poolFor(file)->FindFileByName(file);
    if (found == nullptr) {
        setError(response, NotFound, "file not found: " + name);
        return;
    }
    sendFileWithDependencies(found, response);
}

void ReflectionAnswers::fileContainingSymbol(const std::string &symbol, Response *response) const
{
    // Covers services, methods, messages, enums, enum values, fields and extensions.
    const gp::FileDescriptor *file = poolFor(symbol)->FindFileContainingSymbol(symbol);
    if (file == nullptr) {
        setError(response, NotFound, "symbol not found: " + symbol);
        return;
    }
    sendFileWithDependencies(file, response);
}

void ReflectionAnswers::fileContainingExtension(const std::string &type, int number, Response *response) const
{
    const gp::DescriptorPool *pool = poolFor(type);
    const gp::Descriptor *message = pool->FindMessageTypeByName(type);
    if (message == nullptr) {
        setError(response, NotFound, "message type not found: " + type);
        return;
    }
    const gp::FieldDescriptor *extension = pool->FindExtensionByNumber(message, number);
    if (extension == nullptr) {
        setError(response, NotFound, "extension " + std::to_string(number) + " of " + type + " not found");
        return;
    }
    sendFileWithDependencies(extension->file(), response);
}

void ReflectionAnswers::allExtensionNumbers(const std::string &type, Response *response) const
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

void ReflectionAnswers::sendFileWithDependencies(const gp::FileDescriptor *file, Response *response) const
{
    FileList files;
    collectFiles(file, &files);
    auto *descriptors = response->mutable_file_descriptor_response();
    for (const gp::FileDescriptor *each : files)
        descriptors->add_file_descriptor_proto(serialize(each));
}

// Depth-first, so the requested file comes first and every file appears once.
void ReflectionAnswers::collectFiles(const gp::FileDescriptor *file, FileList *files) const
{
    if (std::find(files->begin(), files->end(), file) != files->end())
        return;
    files->push_back(file);
    for (const gp::FileDescriptor *dependency : dependenciesOf(file))
        collectFiles(dependency, files);
}

ReflectionAnswers::FileList ReflectionAnswers::dependenciesOf(const gp::FileDescriptor *file) const
{
    FileList dependencies;
    for (int i = 0; i < file->dependency_count(); ++i)
        dependencies.push_back(file->dependency(i));
    return dependencies;
}

std::string ReflectionAnswers::serialize(const gp::FileDescriptor *file) const
{
    gp::FileDescriptorProto proto;
    file->CopyTo(&proto);
    return proto.SerializeAsString();
}

} // namespace wirescope
