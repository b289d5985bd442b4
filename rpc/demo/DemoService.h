#pragma once

#include "wirescope/demo/v1/demo.grpc.pb.h"

#include <QtGlobal>

namespace wirescope {

// wirescope.demo.v1.DemoService: one method per call shape (unary, server/client
// streaming, bidi) plus rich errors and metadata echoing, so that every part of the
// explorer has something real to talk to. Runs on gRPC's synchronous thread pool.
class DemoService final : public wirescope::demo::v1::DemoService::Service {
public:
    DemoService() = default;
    Q_DISABLE_COPY_MOVE(DemoService)

    grpc::Status Echo(grpc::ServerContext *context, const demo::v1::Everything *request,
        demo::v1::Everything *response) override;
    grpc::Status PlaceOrder(
        grpc::ServerContext *context, const demo::v1::Order *request, demo::v1::Receipt *response) override;
    grpc::Status StreamTicks(grpc::ServerContext *context, const demo::v1::TicksRequest *request,
        grpc::ServerWriter<demo::v1::Tick> *writer) override;
    grpc::Status Collect(grpc::ServerContext *context, grpc::ServerReader<demo::v1::Item> *reader,
        demo::v1::Receipt *response) override;
    grpc::Status Chat(grpc::ServerContext *context,
        grpc::ServerReaderWriter<demo::v1::ChatMessage, demo::v1::ChatMessage> *stream) override;
    grpc::Status Fail(grpc::ServerContext *context, const demo::v1::FailRequest *request,
        google::protobuf::Empty *response) override;
    grpc::Status EchoMetadata(grpc::ServerContext *context, const google::protobuf::Empty *request,
        demo::v1::MetadataEcho *response) override;
};

} // namespace wirescope
