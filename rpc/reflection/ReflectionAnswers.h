#pragma once

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

// The server side of grpc.reflection (v1 and v1alpha share the wire format): one request
// answered from a descriptor pool. The demo's reflection service and the mock's reflection
// stream both answer through this; they differ in where the files come from (the compiled-in
// pool, the mock's schema) and, for the demo's sloppy mode, in how files are presented.
class ReflectionAnswers {
public:
    using Request = grpc::reflection::v1::ServerReflectionRequest;
    using Response = grpc::reflection::v1::ServerReflectionResponse;
    using FileList = std::vector<const google::protobuf::FileDescriptor *>;

    virtual ~ReflectionAnswers() = default;

    // Fills `response` (host and original request included) for `request`.
    void respond(const Request &request, Response *response) const;

protected:
    virtual std::vector<std::string> serviceNames() const = 0;
    // The pool a file or symbol is looked up in.
    virtual const google::protobuf::DescriptorPool *poolFor(const std::string &name) const = 0;
    // The file a client's name stands for (the demo renames one in sloppy mode).
    virtual std::string fileNameFor(const std::string &requested) const { return requested; }
    virtual FileList dependenciesOf(const google::protobuf::FileDescriptor *file) const;
    virtual std::string serialize(const google::protobuf::FileDescriptor *file) const;

private:
    void answer(const Request &request, Response *response) const;
    void fileByName(const std::string &name, Response *response) const;
    void fileContainingSymbol(const std::string &symbol, Response *response) const;
    void fileContainingExtension(const std::string &type, int number, Response *response) const;
    void allExtensionNumbers(const std::string &type, Response *response) const;
    void sendFileWithDependencies(const google::protobuf::FileDescriptor *file, Response *response) const;
    void collectFiles(const google::protobuf::FileDescriptor *file, FileList *files) const;
};

} // namespace wirescope
