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
        respond(request, &response);
        if (!stream->Write(response))
            break;
    }
    if (context->IsCancelled())
        return grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled");
    return grpc::Status::OK;
}

const pb::DescriptorPool *ReflectionV1Service::poolFor(const std::string & /*name*/) const
{
    return pb::DescriptorPool::generated_pool();
}

std::string ReflectionV1Service::fileNameFor(const std::string &requested) const
{
    // In sloppy mode common.proto only exists under its new name, as far as clients know.
    return m_sloppy && requested == RenamedCommonFile ? std::string(CommonFile) : requested;
}

ReflectionV1Service::FileList ReflectionV1Service::dependenciesOf(const pb::FileDescriptor *file) const
{
    const bool hideCommon = m_sloppy && file->name() == DemoFile;
    FileList dependencies = ReflectionAnswers::dependenciesOf(file);
    if (hideCommon)
        std::erase_if(dependencies, [](const pb::FileDescriptor *d) { return d->name() == CommonFile; });
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
