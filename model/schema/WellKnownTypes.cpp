#include "model/schema/WellKnownTypes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

namespace wirescope {

namespace {

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

bool isWellKnownSymbol(const std::string &symbol)
{
    return startsWith(symbol, "google.protobuf.") || startsWith(symbol, "google.rpc.");
}

} // namespace

bool WellKnownTypes::isWellKnownFile(const std::string &fileName)
{
    return startsWith(fileName, "google/protobuf/") || startsWith(fileName, "google/rpc/");
}

bool WellKnownTypes::FindFileByName(
    const std::string &fileName, google::protobuf::FileDescriptorProto *output)
{
    if (!isWellKnownFile(fileName))
        return false;
    const auto *file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName(fileName);
    if (!file)
        return false;
    file->CopyTo(output);
    return true;
}

bool WellKnownTypes::FindFileContainingSymbol(
    const std::string &symbol, google::protobuf::FileDescriptorProto *output)
{
    if (!isWellKnownSymbol(symbol))
        return false;
    const auto *file = google::protobuf::DescriptorPool::generated_pool()->FindFileContainingSymbol(symbol);
    if (!file || !isWellKnownFile(file->name()))
        return false;
    file->CopyTo(output);
    return true;
}

bool WellKnownTypes::FindFileContainingExtension(
    const std::string &, int, google::protobuf::FileDescriptorProto *)
{
    return false;
}

} // namespace wirescope
