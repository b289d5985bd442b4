#pragma once

#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "rpc/reflection/ReflectionAnswers.h"

#include <QStringList>
#include <QtGlobal>

#include <string>
#include <vector>

namespace google::protobuf {
class FileDescriptor;
}

namespace wirescope {

// grpc.reflection.v1 for the demo server. gRPC 1.51 only ships v1alpha, and the demo also
// needs to misbehave on purpose: in sloppy mode it serves demo.proto without its import
// of common.proto and common.proto under another name, the way some real servers do.
class ReflectionV1Service final : public grpc::reflection::v1::ServerReflection::Service,
                                  private ReflectionAnswers {
public:
    ReflectionV1Service(const QStringList &serviceNames, bool sloppy);
    Q_DISABLE_COPY_MOVE(ReflectionV1Service)

    grpc::Status ServerReflectionInfo(grpc::ServerContext *context,
        grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
            grpc::reflection::v1::ServerReflectionRequest> *stream) override;

private:
    std::vector<std::string> serviceNames() const override { return m_serviceNames; }
    const google::protobuf::DescriptorPool *poolFor(const std::string &name) const override;
    std::string fileNameFor(const std::string &requested) const override;
    FileList dependenciesOf(const google::protobuf::FileDescriptor *file) const override;
    std::string serialize(const google::protobuf::FileDescriptor *file) const override;

    std::vector<std::string> m_serviceNames;
    bool m_sloppy = false;
};

} // namespace wirescope
