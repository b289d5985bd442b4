#include "rpc/ReflectionClient.h"

#include "model/WellKnownTypes.h"

#include "grpc/reflection/v1/reflection.pb.h"

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/codegen/rpc_method.h>
#include <grpcpp/support/sync_stream.h>

#include <algorithm>
#include <functional>

namespace gp = google::protobuf;
namespace rv1 = grpc::reflection::v1;

namespace wirescope {

namespace {

constexpr const char *v1Path = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
constexpr const char *v1alphaPath = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

void collectMessageSymbols(
    const std::string &scope, const gp::DescriptorProto &message, std::vector<std::string> *out)
{
    const std::string name = scope + message.name();
    out->push_back(name);
    for (const auto &nested : message.nested_type())
        collectMessageSymbols(name + '.', nested, out);
    for (const auto &e : message.enum_type())
        out->push_back(name + '.' + e.name());
}

std::vector<std::string> definedSymbols(const gp::FileDescriptorProto &file)
{
    const std::string scope = file.package().empty() ? std::string() : file.package() + '.';
    std::vector<std::string> out;
    for (const auto &m : file.message_type())
        collectMessageSymbols(scope, m, &out);
    for (const auto &e : file.enum_type())
        out.push_back(scope + e.name());
    for (const auto &s : file.service())
        out.push_back(scope + s.name());
    return out;
}

void addReference(const std::string &typeName, std::set<std::string> *out)
{
    // Descriptors sent over reflection carry fully qualified names (".pkg.Type").
    if (!typeName.empty() && typeName.front() == '.')
        out->insert(typeName.substr(1));
}

void collectMessageReferences(const gp::DescriptorProto &message, std::set<std::string> *out)
{
    for (const auto &field : message.field())
        addReference(field.type_name(), out);
    for (const auto &field : message.extension()) {
        addReference(field.type_name(), out);
        addReference(field.extendee(), out);
    }
    for (const auto &nested : message.nested_type())
        collectMessageReferences(nested, out);
}

std::set<std::string> referencedTypes(const gp::FileDescriptorProto &file)
{
    std::set<std::string> out;
    for (const auto &m : file.message_type())
        collectMessageReferences(m, &out);
    for (const auto &field : file.extension()) {
        addReference(field.type_name(), &out);
        addReference(field.extendee(), &out);
    }
    for (const auto &service : file.service()) {
        for (const auto &method : service.method()) {
            addReference(method.input_type(), &out);
            addReference(method.output_type(), &out);
        }
    }
    return out;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

// One reflection stream: a request, then its answer, as many times as needed.
class ReflectionClient::Stream final {
public:
    Stream(grpc::Channel *channel, const char *path, const Metadata &metadata, int timeoutMs)
        : m_method(path, grpc::internal::RpcMethod::BIDI_STREAMING)
    {
        for (const MetadataPair &entry : metadata)
            m_context.AddMetadata(entry.first.toLower().toStdString(), entry.second.toStdString());
        m_context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
        m_stream.reset(grpc::internal::ClientReaderWriterFactory<rv1::ServerReflectionRequest,
            rv1::ServerReflectionResponse>::Create(channel, m_method, &m_context));
    }

    ~Stream()
    {
        if (!m_finished)
            m_context.TryCancel();
    }

    bool ask(const rv1::ServerReflectionRequest &request, rv1::ServerReflectionResponse *response)
    {
        return !m_finished && m_stream->Write(request) && m_stream->Read(response);
    }

    grpc::Status finish()
    {
        if (m_finished)
            return m_status;
        m_finished = true;
        m_stream->WritesDone();
        m_status = m_stream->Finish();
        return m_status;
    }

private:
    grpc::internal::RpcMethod m_method;
    grpc::ClientContext m_context;
    std::unique_ptr<grpc::ClientReaderWriter<rv1::ServerReflectionRequest, rv1::ServerReflectionResponse>>
        m_stream;
    grpc::Status m_status;
    bool m_finished = false;
};

ReflectionClient::ReflectionClient(
    std::shared_ptr<grpc::Channel> channel, QString target, Metadata metadata, int timeoutMs)
    : m_channel(std::move(channel))
    , m_target(std::move(target))
    , m_metadata(std::move(metadata))
    , m_timeoutMs(timeoutMs)
{
}

ReflectionClient::~ReflectionClient() = default;

LoadResult ReflectionClient::loadAll(const ProgressFn &progress)
{
    LoadResult result;
    result.source.kind = SchemaSource::Kind::Reflection;
    result.source.label = m_target + QStringLiteral(" (reflection)");
    auto fail = [&](const QString &message) {
        result.diagnostics.append({Diagnostic::Severity::Error, m_target, 0, 0, message});
        return result;
    };
    QString error;
    if (!open(&error))
        return fail(error);

    const std::vector<std::string> services = m_services;

    int done = 0;
    for (const std::string &service : services) {
        if (!fetchSymbol(service, &error)) {
            if (!m_stream->finish().ok() || error.contains(QStringLiteral("stream")))
                return fail(error);
            result.diagnostics.append({Diagnostic::Severity::Warning, m_target, 0, 0,
                QStringLiteral("the server lists %1 but cannot describe it: %2").arg(qs(service), error)});
        }
        if (progress)
            progress(++done, int(services.size()) + 1);
    }
    if (!fetchMissingDependencies(progress, &error))
        return fail(error);
    repairUndeclaredDependencies(&result);
    m_stream->finish();
    for (const auto &[name, bytes] : m_files) {
        gp::FileDescriptorProto file;
        file.ParseFromString(bytes);
        result.source.files.push_back(std::move(file));
    }
    if (progress)
        progress(int(services.size()) + 1, int(services.size()) + 1);
    return result;
}

bool ReflectionClient::open(QString *error)
{
    for (const char *path : {v1Path, v1alphaPath}) {
        m_stream = std::make_unique<Stream>(m_channel.get(), path, m_metadata, m_timeoutMs);
        rv1::ServerReflectionRequest request;
        request.set_list_services("*");
        rv1::ServerReflectionResponse response;
        if (m_stream->ask(request, &response)) {
            m_services.clear();
            for (const auto &service : response.list_services_response().service())
                m_services.push_back(service.name());
            m_version = path == v1Path ? QStringLiteral("v1") : QStringLiteral("v1alpha");
            return true;
        }
        const grpc::Status status = m_stream->finish();
        if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED)
            continue;
        *error = QStringLiteral("cannot load the schema from %1 through reflection: %2 %3")
                     .arg(m_target, statusCodeName(int(status.error_code())), qs(status.error_message()));
        return false;
    }
    *error = QStringLiteral("%1 does not offer server reflection (grpc.reflection.v1 and v1alpha both "
                            "answered UNIMPLEMENTED). Import the service's .proto files (--proto, -I) or "
                            "a protoset (--protoset) instead.")
                 .arg(m_target);
    return false;
}

void ReflectionClient::addFiles(const std::vector<std::string> &serialized)
{
    for (const std::string &bytes : serialized) {
        gp::FileDescriptorProto file;
        if (file.ParseFromString(bytes) && !file.name().empty())
            m_files.emplace(file.name(), bytes);
    }
}

bool ReflectionClient::fetchSymbol(const std::string &symbol, QString *error)
{
    rv1::ServerReflectionRequest request;
    request.set_file_containing_symbol(symbol);
    rv1::ServerReflectionResponse response;
    if (!m_stream->ask(request, &response)) {
        *error = QStringLiteral("reflection stream broke: %1").arg(qs(m_stream->finish().error_message()));
        return false;
    }
    if (response.has_error_response()) {
        *error = qs(response.error_response().error_message());
        return false;
    }
    const auto &files = response.file_descriptor_response().file_descriptor_proto();
    addFiles({files.begin(), files.end()});
    return true;
}

bool ReflectionClient::fetchFile(const std::string &name, QString *error)
{
    rv1::ServerReflectionRequest request;
    request.set_file_by_filename(name);
    rv1::ServerReflectionResponse response;
    if (!m_stream->ask(request, &response)) {
        *error = QStringLiteral("reflection stream broke: %1").arg(qs(m_stream->finish().error_message()));
        return false;
    }
    if (response.has_error_response()) {
        m_unavailable.insert(name);
        return true;
    }
    const auto &files = response.file_descriptor_response().file_descriptor_proto();
    addFiles({files.begin(), files.end()});
    if (!m_files.count(name))
        m_unavailable.insert(name);
    return true;
}

bool ReflectionClient::fetchMissingDependencies(const ProgressFn &, QString *error)
{
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<std::string> missing;
        for (const auto &[name, bytes] : m_files) {
            gp::FileDescriptorProto file;
            file.ParseFromString(bytes);
            for (const std::string &dependency : file.dependency()) {
                if (!m_files.count(dependency) && !m_unavailable.count(dependency))
                    missing.push_back(dependency);
            }
        }
        for (const std::string &name : missing) {
            if (m_files.count(name) || m_unavailable.count(name))
                continue;
            if (!fetchFile(name, error))
                return false;
            changed = true;
        }
    }
    return true;
}

void ReflectionClient::repairUndeclaredDependencies(LoadResult *result)
{
    std::map<std::string, gp::FileDescriptorProto> files;
    for (const auto &[name, bytes] : m_files)
        files[name].ParseFromString(bytes);

    std::map<std::string, std::string> provider; // symbol -> file
    auto index = [&] {
        provider.clear();
        for (const auto &[name, file] : files) {
            for (const std::string &symbol : definedSymbols(file))
                provider.emplace(symbol, name);
        }
    };
    index();
    WellKnownTypes wellKnown;

    // Symbols a file can use: its own, its imports', and what those re-export publicly.
    std::function<void(const std::string &, std::set<std::string> *, std::set<std::string> *)> visible
        = [&](const std::string &name, std::set<std::string> *out, std::set<std::string> *seen) {
              if (!seen->insert(name).second)
                  return;
              auto it = files.find(name);
              if (it == files.end())
                  return;
              for (const std::string &symbol : definedSymbols(it->second))
                  out->insert(symbol);
              for (int i : it->second.public_dependency())
                  if (i >= 0 && i < it->second.dependency_size())
                      visible(it->second.dependency(i), out, seen);
          };

    for (auto &[name, file] : files) {
        std::set<std::string> canSee;
        std::set<std::string> seen;
        for (const std::string &symbol : definedSymbols(file))
            canSee.insert(symbol);
        for (const std::string &dependency : file.dependency())
            visible(dependency, &canSee, &seen);

        for (const std::string &type : referencedTypes(file)) {
            if (canSee.count(type))
                continue;
            std::string from;
            if (auto it = provider.find(type); it != provider.end()) {
                from = it->second;
            } else if (gp::FileDescriptorProto wkt; wellKnown.FindFileContainingSymbol(type, &wkt)) {
                from = wkt.name();
            } else if (QString ignored; fetchSymbol(type, &ignored)) {
                for (const auto &[fetchedName, bytes] : m_files)
                    if (!files.count(fetchedName))
                        files[fetchedName].ParseFromString(bytes);
                index();
                if (auto found = provider.find(type); found != provider.end())
                    from = found->second;
            }
            if (from.empty() || from == name)
                continue;
            if (std::find(file.dependency().begin(), file.dependency().end(), from)
                == file.dependency().end())
                file.add_dependency(from);
            std::set<std::string> more;
            std::set<std::string> moreSeen;
            visible(from, &more, &moreSeen);
            canSee.insert(more.begin(), more.end());
            result->diagnostics.append({Diagnostic::Severity::Warning, qs(name), 0, 0,
                QStringLiteral(
                    "repaired: the server's copy uses %1 without importing %2; the import was added")
                    .arg(qs(type), qs(from))});
        }
    }

    // Imports the server cannot provide and that nothing needs any more are dropped.
    for (auto &[name, file] : files) {
        auto *dependencies = file.mutable_dependency();
        for (int i = dependencies->size() - 1; i >= 0; --i) {
            const std::string &dependency = dependencies->Get(i);
            if (files.count(dependency) || WellKnownTypes::isWellKnownFile(dependency))
                continue;
            result->diagnostics.append({Diagnostic::Severity::Warning, qs(name), 0, 0,
                QStringLiteral(
                    "repaired: the server does not have the imported file %1; the import was dropped")
                    .arg(qs(dependency))});
            file.clear_public_dependency();
            file.clear_weak_dependency();
            dependencies->DeleteSubrange(i, 1);
        }
    }
    m_files.clear();
    for (const auto &[name, file] : files)
        m_files.emplace(name, file.SerializeAsString());
}

} // namespace wirescope
