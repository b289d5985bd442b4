#pragma once

#include <google/protobuf/descriptor_database.h>

namespace wirescope {

// Serves the well-known types (google/protobuf/*.proto) and the google.rpc error model from
// the descriptors compiled into the binary, so users never have to add an import path for
// them and protosets written without --include_imports still resolve them.
class WellKnownTypes final : public google::protobuf::DescriptorDatabase {
public:
    static bool isWellKnownFile(const std::string &fileName);

    bool FindFileByName(const std::string &fileName, google::protobuf::FileDescriptorProto *output) override;
    bool FindFileContainingSymbol(
        const std::string &symbol, google::protobuf::FileDescriptorProto *output) override;
    bool FindFileContainingExtension(const std::string &containingType, int fieldNumber,
        google::protobuf::FileDescriptorProto *output) override;
};

} // namespace wirescope
