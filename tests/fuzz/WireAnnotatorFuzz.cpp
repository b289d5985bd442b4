// libFuzzer target for the wire annotator: arbitrary bytes, with and without a schema,
// plain and as gRPC frames, must never crash, hang or recurse without bound, and the
// top-level spans must always tile the input. Built with clang's -fsanitize=fuzzer it is
// a libFuzzer binary (WIRESCOPE_LIBFUZZER); with any other compiler a small driver runs
// the seed files given on the command line and then random mutations of them.

#include "model/schema/SchemaLoader.h"
#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"

#include <google/protobuf/descriptor.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace wirescope;

namespace {

const google::protobuf::Descriptor *everything()
{
    // Loaded once and kept for the process: the descriptors must outlive every run.
    static const SchemaPtr schema = [] {
        const QByteArray root = qgetenv("WIRESCOPE_DEMO_PROTO_ROOT");
        LoadResult loaded = SchemaLoader::loadProtoFiles({QStringLiteral("wirescope/demo/v1/demo.proto")},
            {root.isEmpty() ? QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT) : QString::fromLocal8Bit(root)});
        std::vector<SchemaSource> sources;
        sources.push_back(std::move(loaded.source));
        return Schema::build(std::move(sources), nullptr);
    }();
    const auto *type = schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    if (!type) {
        std::fputs("fuzz: wirescope.demo.v1.Everything not found; set WIRESCOPE_DEMO_PROTO_ROOT\n", stderr);
        std::abort();
    }
    return type;
}

[[noreturn]] void failOn(const WireTree &tree, const char *why)
{
    std::fprintf(stderr, "fuzz: %s for input %s\n", why, tree.bytes.toHex(' ').constData());
    std::abort();
}

void checkTiles(const WireTree &tree)
{
    qint64 pos = 0;
    for (const WireSpan &span : tree.spans) {
        if (span.offset != pos || span.length <= 0)
            failOn(tree, "top-level spans leave a gap or overlap");
        pos = span.end();
    }
    if (pos != tree.bytes.size())
        failOn(tree, "top-level spans do not reach the end");
}

void annotateAll(const QByteArray &bytes)
{
    for (const bool framed : {false, true}) {
        for (const auto *type : {static_cast<const google::protobuf::Descriptor *>(nullptr), everything()}) {
            WireAnnotateOptions options;
            options.grpcFrame = framed;
            const WireTree tree = WireAnnotator::annotate(bytes, type, options);
            checkTiles(tree);
            if (tree.hasHardError() && !tree.hasErrors())
                failOn(tree, "a hard error without an error lint");
            for (qint64 at = 0; at < bytes.size(); at += 7)
                if (!WireAnnotator::findSpanAt(tree, at))
                    failOn(tree, "a byte without a span");
            if (bytes.size() < 4096)
                (void)WireDump::dumpText(tree);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    annotateAll(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}

#ifndef WIRESCOPE_LIBFUZZER
namespace {

QList<QByteArray> seeds(int argc, char **argv)
{
    QList<QByteArray> out;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        if (path.startsWith(u'-'))
            continue;
        QStringList files {path};
        if (QFileInfo(path).isDir()) {
            files.clear();
            for (const QFileInfo &entry : QDir(path).entryInfoList(QDir::Files))
                files.append(entry.filePath());
        }
        for (const QString &file : files) {
            QFile in(file);
            if (in.open(QIODevice::ReadOnly))
                out.append(in.readAll());
        }
    }
    if (out.isEmpty())
        out.append(QByteArray::fromHex("089601"));
    return out;
}

QByteArray mutate(QByteArray bytes, std::mt19937 &random)
{
    const int edits = 1 + int(random() % 8);
    for (int i = 0; i < edits; ++i) {
        const auto at = bytes.isEmpty() ? 0 : qsizetype(random() % bytes.size());
        switch (random() % 4) {
        case 0:
            if (!bytes.isEmpty())
                bytes[at] = char(random());
            break;
        case 1:
            bytes.insert(at, char(random()));
            break;
        case 2:
            if (!bytes.isEmpty())
                bytes.remove(at, 1);
            break;
        default:
            bytes.append(bytes.mid(at, 16));
            break;
        }
    }
    return bytes;
}

} // namespace

// Standalone driver: wirescope_fuzz_annotator [SEED_FILE_OR_DIR...] [-runs=N]
int main(int argc, char **argv)
{
    long runs = 20000;
    for (int i = 1; i < argc; ++i)
        if (qstrncmp(argv[i], "-runs=", 6) == 0)
            runs = std::strtol(argv[i] + 6, nullptr, 10);
    const QList<QByteArray> corpus = seeds(argc, argv);
    for (const QByteArray &seed : corpus)
        annotateAll(seed);
    std::mt19937 random(20240601);
    for (long run = 0; run < runs; ++run)
        annotateAll(mutate(corpus.at(qsizetype(random() % corpus.size())), random));
    std::printf("wire annotator: %lld seeds and %ld mutated inputs, no failure\n",
        static_cast<long long>(corpus.size()), runs);
    return 0;
}
#endif
