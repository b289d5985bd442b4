#include "rpc/reflection/ReflectionClient.h"

#include "model/schema/ServedFilesRepair.h"

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

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

// One reflection stream: a request, then its answer, as many times as needed.
class ReflectionClient::Stream final {
public:
    Stream(grpc::Channel *channel, const char *path, const Metadata &metadata, int timeoutMs,
        std::shared_ptr<LoadCancel> cancel)
        : m_method(path, grpc::internal::RpcMethod::BIDI_STREAMING)
        , m_cancel(std::move(cancel))
    {
        for (const MetadataPair &entry : metadata)
            m_context.AddMetadata(entry.first.toLower().toStdString(), entry.second.toStdString());
        m_context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
        // Before the stream is made: making it already waits for the connection.
        if (m_cancel)
            m_cancel->setInterrupt([this] { m_context.TryCancel(); });
        m_stream.reset(grpc::internal::ClientReaderWriterFactory<rv1::ServerReflectionRequest,
            rv1::ServerReflectionResponse>::Create(channel, m_method, &m_context));
    }

    ~Stream()
    {
        if (m_cancel)
            m_cancel->setInterrupt({}); // before the context goes
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
    std::shared_ptr<LoadCancel> m_cancel;
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
        if (cancelled(&error))
            return fail(error);
        if (!fetchSymbol(service, &error)) {
            if (!m_stream->finish().ok() || error.contains(QStringLiteral("stream")))
                return fail(error);
            result.diagnostics.append({Diagnostic::Severity::Warning, m_target, 0, 0,
                QStringLiteral("the server lists %1 but cannot describe it: %2").arg(qs(service), error)});
        }
        if (progress)
            progress(++done, int(services.size()) + 1);
    }
    if (!fetchMissingDependencies(progress, &error) || cancelled(&error))
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

bool ReflectionClient::cancelled(QString *error) const
{
    if (!m_cancel || !m_cancel->isCancelled())
        return false;
    *error = QStringLiteral("loading the schema from %1 was cancelled").arg(m_target);
    return true;
}

bool ReflectionClient::listServices(QStringList *services, QString *error)
{
    if (!open(error))
        return false;
    m_stream->finish();
    services->clear();
    for (const std::string &service : m_services)
        services->append(qs(service));
    services->sort();
    return true;
}

bool ReflectionClient::open(QString *error)
{
    for (const char *path : {v1Path, v1alphaPath}) {
        m_stream = std::make_unique<Stream>(m_channel.get(), path, m_metadata, m_timeoutMs, m_cancel);
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
        if (cancelled(error))
            return false;
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
    ServedFilesRepair::FileMap files;
    for (const auto &[name, bytes] : m_files)
        files[name].ParseFromString(bytes);
    // A type nobody sent may still be one the server can name the file of.
    auto fetch = [this](const std::string &symbol, ServedFilesRepair::FileMap *into) {
        QString ignored;
        if (!fetchSymbol(symbol, &ignored))
            return false;
        for (const auto &[name, bytes] : m_files)
            if (!into->count(name))
                (*into)[name].ParseFromString(bytes);
        return true;
    };
    ServedFilesRepair::repairAll(&files, &result->diagnostics, fetch);
    m_files.clear();
    for (const auto &[name, file] : files)
        m_files.emplace(name, file.SerializeAsString());
}

} // namespace wirescope
