// Times the request form's model on the shapes that could stall the GUI thread: a message
// type with 1,000 fields, nesting 50 levels deep, and a repeated field of 100,000 elements.
// For each: building the model (type + the rows a view shows first), taking JSON in, and
// writing it back out. Then what one form edit costs on the 100,000-element lists: the
// edit and the JSON the request tab writes back after it. Not a test; prints tables.
#include "model/form/MessageFormModel.h"
#include "model/json/JsonCodec.h"
#include "model/schema/SchemaLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <google/protobuf/descriptor.h>

#include <cstdio>
#include <functional>

using namespace wirescope;

namespace {

constexpr int WideFields = 1000;
constexpr int Depth = 50;
constexpr int ListSize = 100000;
constexpr int Repeats = 5;

QByteArray benchProto()
{
    QByteArray proto = "syntax = \"proto3\";\npackage bench;\n\nmessage Wide {\n";
    const char *types[] = {"int32", "int64", "string", "double", "bool", "bytes", "uint64", "float"};
    for (int i = 1; i <= WideFields; ++i)
        proto += "  // Field number " + QByteArray::number(i) + ".\n  " + types[i % 8] + " f"
            + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
    proto += "}\n\n";
    for (int level = 0; level < Depth; ++level) {
        proto += "message Level" + QByteArray::number(level) + " {\n  string name = 1;\n";
        if (level + 1 < Depth)
            proto += "  Level" + QByteArray::number(level + 1) + " next = 2;\n";
        proto += "}\n";
    }
    proto += "\nmessage Item { string name = 1; int64 count = 2; }\n";
    proto += "message Big {\n  repeated int64 numbers = 1;\n  repeated Item items = 2;\n}\n";
    return proto;
}

QByteArray wideJson()
{
    QByteArray json = "{";
    for (int i = 1; i <= WideFields; ++i) {
        const QByteArray name = "\"f" + QByteArray::number(i) + "\": ";
        switch (i % 8) {
        case 2:
            json += name + "\"text " + QByteArray::number(i) + "\"";
            break;
        case 4:
            json += name + "true";
            break;
        case 5:
            json += name + "\"AAEC\"";
            break;
        case 1:
        case 6:
            json += name + "\"" + QByteArray::number(i) + "\"";
            break;
        default:
            json += name + QByteArray::number(i);
            break;
        }
        json += i < WideFields ? ", " : "}";
    }
    return json;
}

QByteArray deepJson()
{
    QByteArray json = "{\"name\": \"level 49\"}";
    for (int level = Depth - 2; level >= 0; --level)
        json = "{\"name\": \"level " + QByteArray::number(level) + "\", \"next\": " + json + "}";
    return json;
}

QByteArray bigJson(bool messages)
{
    QByteArray json = messages ? "{\"items\": [" : "{\"numbers\": [";
    json.reserve(ListSize * 40);
    for (int i = 0; i < ListSize; ++i) {
        if (messages)
            json += "{\"name\": \"item " + QByteArray::number(i) + "\", \"count\": \"" + QByteArray::number(i)
                + "\"}";
        else
            json += QByteArray::number(qint64(i) * 1000003);
        if (i + 1 < ListSize)
            json += ',';
    }
    return json + "]}";
}

// `setup` runs before each timed run, untimed.
double bestOf(const std::function<void()> &run, const std::function<void()> &setup = {})
{
    double best = 1e300;
    for (int i = 0; i < Repeats; ++i) {
        if (setup)
            setup();
        QElapsedTimer timer;
        timer.start();
        run();
        best = std::min(best, double(timer.nsecsElapsed()) / 1e6);
    }
    return best;
}

// What a view does when it first shows the model: fetch the top level, read what is visible.
void showFirstScreen(MessageFormModel &model, const QModelIndex &parent = {})
{
    if (model.canFetchMore(parent))
        model.fetchMore(parent);
    const int rows = std::min(model.rowCount(parent), 40);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < MessageFormModel::ColumnCount; ++column) {
            const QModelIndex index = model.index(row, column, parent);
            index.data();
            index.data(MessageFormModel::PlaceholderRole);
        }
    }
}

void measure(
    const SchemaPtr &schema, const char *label, const char *type, const QByteArray &json, const char *expand)
{
    const google::protobuf::Descriptor *descriptor = schema->findMessage(QString::fromLatin1(type));
    MessageFormModel model;
    const double build = bestOf([&] {
        model.setType(schema, descriptor);
        showFirstScreen(model);
    });
    const double in = bestOf([&] {
        model.setType(schema, descriptor);
        showFirstScreen(model);
        model.setJson(json);
    });
    QByteArray out;
    // toJson is cached until the message changes; new content makes it print everything.
    const QByteArray binary = model.toBinary();
    const double toJson = bestOf([&] { out = model.toJson(); }, [&] { model.setBinary(binary); });
    // What the request tab does on the GUI thread once a worker has checked the body.
    const double fromBinary = bestOf([&] {
        model.setType(schema, descriptor);
        showFirstScreen(model);
        model.setBinary(binary);
    });
    // Expanding the big row: the one moment a view creates many rows at once.
    double expanded = 0;
    if (expand) {
        // Only the expansion is timed; loading the body before it is the column before.
        expanded = bestOf([&] { showFirstScreen(model, model.indexOfPath(QString::fromLatin1(expand))); },
            [&] {
                model.setType(schema, descriptor);
                model.setBinary(binary);
            });
    }
    MessageFormModel back;
    back.setType(schema, descriptor);
    const bool same = back.setJson(out).message.isEmpty() && back.toJson() == out;
    std::printf("%-34s %9.2f %12.2f %12.2f %10.2f %10.2f %9s %8lld KiB\n", label, build, in, fromBinary,
        toJson, expanded, same ? "yes" : "NO", static_cast<long long>(json.size() / 1024));
}

// One element edited, then the JSON back, as the request tab does after every form edit.
// "first" is the first edit after new JSON came in (every piece printed once); "next" the
// edits after it. The JSON must equal a full print of the message.
void measureEdit(const SchemaPtr &schema, const char *label, const QByteArray &json, const char *path)
{
    const google::protobuf::Descriptor *descriptor = schema->findMessage(QStringLiteral("bench.Big"));
    MessageFormModel model;
    model.setType(schema, descriptor);
    model.setJson(json);
    const QModelIndex index
        = model.indexOfPath(QString::fromLatin1(path)).siblingAtColumn(MessageFormModel::ValueColumn);
    int value = 0;
    const auto edit = [&] {
        model.setData(index, QString::number(++value));
        return model.toJson();
    };
    const double first = bestOf(edit, [&] { model.setJson(json); });
    edit();
    QByteArray out;
    const double next = bestOf([&] { out = edit(); });
    QByteArray full;
    JsonCodec::toJson(*schema, descriptor, model.toBinary(), &full, JsonStyle {}, nullptr);
    // What encoding the JSON again would cost, against what the request tab does since it
    // takes the form's own bytes instead.
    QByteArray binary;
    const double reencode = bestOf([&] { JsonCodec::toBinary(*schema, descriptor, out, &binary, nullptr); });
    const double formBytes = bestOf([&] { binary = model.toBinary(); });
    std::printf("%-34s %12.2f %12.2f %9s %12.2f %12.2f\n", label, first, next, out == full ? "yes" : "NO",
        reencode, formBytes);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("bench.proto")));
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(benchProto()) < 0)
        return 1;
    file.close();
    LoadResult loaded = SchemaLoader::loadProtoFiles({file.fileName()}, {dir.path()});
    Diagnostics diagnostics;
    std::vector<SchemaSource> sources {loaded.source};
    const SchemaPtr schema = Schema::build(std::move(sources), &diagnostics);
    if (!loaded.ok() || !schema->findMessage(QStringLiteral("bench.Big"))) {
        std::fprintf(stderr, "the generated .proto did not load\n");
        return 1;
    }
    std::printf("Form model, best of %d runs, milliseconds\n", Repeats);
    std::printf("%-34s %9s %12s %12s %10s %10s %9s %12s\n", "case", "build", "JSON->model", "binary->model",
        "model->JSON", "expand", "roundtrip", "JSON size");
    measure(schema, "1,000 fields", "bench.Wide", wideJson(), nullptr);
    QByteArray deepest = "next";
    for (int level = 2; level < Depth; ++level)
        deepest += ".next";
    measure(schema, "nesting depth 50", "bench.Level0", deepJson(), deepest.constData());
    measure(schema, "100,000 int64 (packed)", "bench.Big", bigJson(false), "numbers");
    measure(schema, "100,000 messages", "bench.Big", bigJson(true), "items");
    std::printf("\nOne form edit and the JSON after it, best of %d runs, milliseconds\n", Repeats);
    std::printf("%-34s %12s %12s %9s %12s %12s\n", "case", "first edit", "next edits", "same JSON",
        "JSON->binary", "toBinary");
    measureEdit(schema, "1 of 100,000 int64 (packed)", bigJson(false), "numbers[50000]");
    measureEdit(schema, "1 of 100,000 messages", bigJson(true), "items[50000].name");
    return 0;
}
