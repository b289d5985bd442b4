// Benchmark of the wire annotator: a 1 MB wirescope.demo.v1.Everything (nested messages,
// packed numbers, strings, map entries) annotated with its schema and without one,
// reported in MB/s and as ratios against protobuf parsing the same bytes in this process.

#include "model/schema/SchemaLoader.h"
#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace wirescope;
namespace gp = google::protobuf;

namespace {

constexpr qsizetype kTargetBytes = 1 << 20;
constexpr int kRounds = 5;

SchemaPtr loadDemo()
{
    LoadResult loaded = SchemaLoader::loadProtoFiles(
        {QStringLiteral("wirescope/demo/v1/demo.proto")}, {QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)});
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    return Schema::build(std::move(sources), nullptr);
}

void addItem(gp::Message *message, int i)
{
    const gp::Descriptor *type = message->GetDescriptor();
    const gp::Reflection *reflection = message->GetReflection();
    gp::Message *address = reflection->AddMessage(message, type->FindFieldByName("addresses"));
    const gp::Reflection *inner = address->GetReflection();
    inner->SetString(
        address, address->GetDescriptor()->FindFieldByName("street"), "Street " + std::to_string(i));
    inner->SetString(address, address->GetDescriptor()->FindFieldByName("city"), "Lisbon");
    reflection->AddInt32(message, type->FindFieldByName("packed_numbers"), i * 37 - 5000);
    reflection->AddString(message, type->FindFieldByName("tags"), "tag-" + std::to_string(i % 97));
    if (i % 4 == 0) {
        gp::Message *entry = reflection->AddMessage(message, type->FindFieldByName("counters"));
        entry->GetReflection()->SetString(
            entry, entry->GetDescriptor()->FindFieldByNumber(1), "k" + std::to_string(i));
        entry->GetReflection()->SetInt64(entry, entry->GetDescriptor()->FindFieldByNumber(2), -i);
    }
}

QByteArray megabyteMessage(const Schema &schema, const gp::Descriptor *type)
{
    std::unique_ptr<gp::Message> message = schema.newMessage(type);
    message->GetReflection()->SetString(message.get(), type->FindFieldByName("f_string"), "hello wire");
    int i = 0;
    // Grow in batches and measure: ByteSizeLong walks the whole message.
    while (message->ByteSizeLong() < size_t(kTargetBytes))
        for (int k = 0; k < 1000; ++k)
            addItem(message.get(), i++);
    std::string bytes;
    message->SerializeToString(&bytes);
    return QByteArray::fromStdString(bytes);
}

double bestMs(const std::function<void()> &run)
{
    double best = 1e300;
    for (int round = 0; round < kRounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        run();
        best = std::min(best, double(timer.nsecsElapsed()) / 1e6);
    }
    return best;
}

qint64 countSpans(const QList<WireSpan> &spans)
{
    qint64 count = spans.size();
    for (const WireSpan &span : spans) {
        count += countSpans(span.children);
        for (const WireReading &reading : span.readings)
            count += countSpans(reading.children);
    }
    return count;
}

} // namespace

int main()
{
    const SchemaPtr schema = loadDemo();
    const gp::Descriptor *type = schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    if (!type) {
        std::fputs("annotator bench: demo schema not found\n", stderr);
        return 1;
    }
    const QByteArray bytes = megabyteMessage(*schema, type);
    const double megabytes = double(bytes.size()) / (1 << 20);

    std::unique_ptr<gp::Message> parsed = schema->newMessage(type);
    const double parseMs = bestMs([&] { parsed->ParseFromArray(bytes.constData(), int(bytes.size())); });
    qint64 typedSpans = 0;
    qint64 rawSpans = 0;
    const double typedMs
        = bestMs([&] { typedSpans = countSpans(WireAnnotator::annotate(bytes, type).spans); });
    const double rawMs
        = bestMs([&] { rawSpans = countSpans(WireAnnotator::annotate(bytes, nullptr).spans); });
    const WireTree tree = WireAnnotator::annotate(bytes, type);
    qsizetype dumpChars = 0;
    const double dumpMs = bestMs([&] { dumpChars = WireDump::dumpText(tree).size(); });

    auto rate = [&](double ms) { return megabytes / (ms / 1000.0); };
    std::printf("annotator bench: %.2f MB wirescope.demo.v1.Everything, best of %d\n", megabytes, kRounds);
    std::printf("  protobuf parse (baseline) %8.2f ms  %8.1f MB/s\n", parseMs, rate(parseMs));
    std::printf("  annotate with schema      %8.2f ms  %8.1f MB/s  %lld spans  %.1fx the parse\n", typedMs,
        rate(typedMs), static_cast<long long>(typedSpans), typedMs / parseMs);
    std::printf("  annotate without schema   %8.2f ms  %8.1f MB/s  %lld spans  %.1fx the parse\n", rawMs,
        rate(rawMs), static_cast<long long>(rawSpans), rawMs / parseMs);
    std::printf("  without / with schema     %8.2fx\n", rawMs / typedMs);
    std::printf(
        "  dump text (explained)     %8.2f ms  %lld characters\n", dumpMs, static_cast<long long>(dumpChars));

    // Linear in the input: a quarter of the bytes should take about a quarter of the time
    // (this figure replaced a timed test, which a loaded machine made flaky).
    const QByteArray quarter = bytes.left(bytes.size() / 4);
    const double quarterMs = bestMs([&] { WireAnnotator::annotate(quarter, nullptr); });
    std::printf("  1 MB / 0.25 MB time       %8.2fx (4.0 is linear)\n", rawMs / quarterMs);
    return 0;
}
