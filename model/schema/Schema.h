#pragma once

#include "model/core/Diagnostic.h"

#include <QStringList>

#include <google/protobuf/descriptor.pb.h>

#include <memory>
#include <vector>

namespace google::protobuf {
class Descriptor;
class DescriptorPool;
class Message;
class MethodDescriptor;
class ServiceDescriptor;
namespace util {
class TypeResolver;
}
} // namespace google::protobuf

namespace wirescope {

// A descriptor pool a loader already built, kept alive together with what it reads from,
// so a schema made of that one source need not build every descriptor a second time.
class BuiltPool {
public:
    virtual ~BuiltPool() = default;
    virtual const google::protobuf::DescriptorPool *pool() const = 0;
};

// Where a set of descriptor files came from.
struct SchemaSource {
    enum class Kind { ProtoFiles, Protoset, Reflection };

    Kind kind = Kind::ProtoFiles;
    QString label; // e.g. "api/foo.proto", "build.binpb", "localhost:50051 (reflection)"
    std::vector<google::protobuf::FileDescriptorProto> files;
    std::shared_ptr<const BuiltPool> built; // optional
    // The files on disk it was read from (for proto files, every one that parsed and each
    // file asked for), so that an edit can reload it.
    QStringList diskFiles;
};

// An immutable, thread-safe snapshot of every loaded schema: one descriptor pool built from
// all sources. Calls keep the snapshot they started with alive through a shared_ptr, so a
// new import never pulls descriptors out from under a running call.
class Schema final {
public:
    // Builds a snapshot; a duplicate symbol or file defined differently by two sources is an
    // error naming both. Files that fail to build are reported and left out.
    static std::shared_ptr<const Schema> build(std::vector<SchemaSource> sources, Diagnostics *diagnostics);
    static std::shared_ptr<const Schema> empty();
    // Every symbol a file defines, fully qualified without the leading dot: messages (nested
    // ones too), enums and services.
    static std::vector<std::string> definedSymbols(const google::protobuf::FileDescriptorProto &file);

    ~Schema();
    Q_DISABLE_COPY_MOVE(Schema)

    const google::protobuf::DescriptorPool *pool() const;
    const std::vector<SchemaSource> &sources() const { return m_sources; }

    QStringList fileNames() const;
    QStringList serviceNames() const; // sorted, fully qualified
    const google::protobuf::ServiceDescriptor *findService(const QString &name) const;
    const google::protobuf::Descriptor *findMessage(const QString &name) const;
    // Accepts "pkg.Service/Method", "/pkg.Service/Method" and "pkg.Service.Method".
    const google::protobuf::MethodDescriptor *findMethod(const QString &name) const;
    // The labels of the sources whose files define the method (its file), in source order:
    // what a saved request or a grpcurl command should name to find it again.
    QStringList sourcesDefining(const QString &methodName) const;
    // Any symbol: service, method, message, enum, field, enum value.
    QString describe(const QString &symbol, QString *kind) const;
    // A field's leading and trailing comments from its .proto source, when the schema has
    // them (SchemaComments.cpp).
    QString comment(const google::protobuf::FieldDescriptor *field) const;

    // A new, empty message of the given type; it lives as long as the snapshot does.
    std::unique_ptr<google::protobuf::Message> newMessage(const google::protobuf::Descriptor *type) const;
    // Resolves type URLs for the JSON mapping (Any included) against this snapshot.
    google::protobuf::util::TypeResolver *typeResolver() const;

private:
    Schema();
    struct Private;
    std::unique_ptr<Private> d;
    std::vector<SchemaSource> m_sources;
};

using SchemaPtr = std::shared_ptr<const Schema>;

// "/pkg.Service/Method", the path gRPC puts on the wire.
QString methodPath(const google::protobuf::MethodDescriptor *method);
// "type.googleapis.com/pkg.Message"
std::string typeUrl(const google::protobuf::Descriptor *type);

} // namespace wirescope
