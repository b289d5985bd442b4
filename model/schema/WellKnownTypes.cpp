#include "model/schema/WellKnownTypes.h"

#include <google/protobuf/any.pb.h>
#include <google/protobuf/api.pb.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/empty.pb.h>
#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/source_context.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/type.pb.h>
#include <google/protobuf/wrappers.pb.h>

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

// Names one message of each well-known file, so that a binary linked with protobuf's static
// archive holds (and so registers) every one of them, not only those its code uses.
void holdEveryWellKnownFile()
{
    namespace gp = google::protobuf;
    static const gp::Descriptor *const held[] = {gp::Any::descriptor(), gp::Api::descriptor(),
        gp::Duration::descriptor(), gp::Empty::descriptor(), gp::FieldMask::descriptor(),
        gp::SourceContext::descriptor(), gp::Struct::descriptor(), gp::Timestamp::descriptor(),
        gp::Type::descriptor(), gp::Int32Value::descriptor(), gp::FileDescriptorProto::descriptor()};
    (void)held;
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
    holdEveryWellKnownFile();
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
    holdEveryWellKnownFile();
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
