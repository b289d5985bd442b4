// Fuzz target for what a server sends over reflection: a list of serialized
// FileDescriptorProtos, repaired by ServedFilesRepair::repairAll and built by Schema::build
// as a reflection source, the way ReflectionClient does it (rpc/reflection). A server may
// send anything; the result must be a schema with warnings and errors, never a crash, and
// after the repair no file may import a file that nobody has.
//
// The input is a sequence of chunks, each a varint length and that many bytes (a length
// past the end takes the rest); each chunk that parses as a FileDescriptorProto is one
// served file, and the first file of a name wins, as in the client's file map.
#include "FuzzSupport.h"

#include "model/schema/ServedFilesRepair.h"
#include "model/schema/WellKnownTypes.h"

#include <algorithm>

using namespace wirescope;
namespace gp = google::protobuf;

namespace {

// More files than any test schema has; a server with more sends nothing new in the rest.
constexpr size_t MaxFiles = 64;

std::vector<QByteArray> chunks(const QByteArray &input)
{
    std::vector<QByteArray> out;
    qsizetype at = 0;
    while (at < input.size() && out.size() < MaxFiles) {
        quint64 length = 0;
        for (int shift = 0; at < input.size() && shift < 64; shift += 7) {
            const auto byte = static_cast<unsigned char>(input.at(at++));
            length |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                break;
        }
        const auto take = qsizetype(std::min<quint64>(length, quint64(input.size() - at)));
        out.push_back(input.mid(at, take));
        at += take;
    }
    return out;
}

void checkImports(const ServedFilesRepair::FileMap &files, const QByteArray &input)
{
    for (const auto &[name, file] : files) {
        for (const std::string &dependency : file.dependency()) {
            if (!files.count(dependency) && !WellKnownTypes::isWellKnownFile(dependency))
                fuzz::fail("after ServedFilesRepair::repairAll a file imports one nobody has", input);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A large API's answer runs to megabytes, but each shape the repairs handle fits in a
    // few kilobytes; more only makes a run slow.
    if (size > 256 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    ServedFilesRepair::FileMap files;
    for (const QByteArray &chunk : chunks(input)) {
        gp::FileDescriptorProto file;
        if (!file.ParseFromArray(chunk.constData(), int(chunk.size())))
            continue;
        const std::string name = file.name();
        files.emplace(name, std::move(file));
    }
    if (files.empty())
        return 0;

    // No server to ask: a type that no file defines stays missing, as when the server
    // cannot name the file of a symbol.
    Diagnostics diagnostics;
    const auto fetch = [](const std::string &, ServedFilesRepair::FileMap *) { return false; };
    ServedFilesRepair::repairAll(&files, &diagnostics, fetch);
    checkImports(files, input);

    SchemaSource source;
    source.kind = SchemaSource::Kind::Reflection;
    source.label = QStringLiteral("fuzz:50051 (reflection)");
    for (const auto &[name, file] : files)
        source.files.push_back(file);
    const SchemaPtr schema = Schema::build({source}, &diagnostics);
    fuzz::checkSchema(*schema, input);

    // A server's files beside the user's own, where the user's rule: the demo's files are
    // the user's here. Only for answers that build, so that garbage stays a fast run.
    if (hasErrors(diagnostics))
        return 0;
    std::vector<SchemaSource> sources = fuzz::demoSources();
    sources.push_back(std::move(source));
    Diagnostics merged;
    const SchemaPtr both = Schema::build(std::move(sources), &merged);
    fuzz::checkSchema(*both, input);
    return 0;
}
