#include "model/schema/ServedFilesRepair.h"
#include "model/schema/Schema.h"
#include "model/schema/SchemaLoader.h"
#include "model/schema/WellKnownTypes.h"

#include <google/protobuf/descriptor.h>

#include <QTest>

using namespace wirescope;
namespace gp = google::protobuf;

// Descriptor files shaped the way servers outside protoc's world send them over reflection,
// made buildable. The shapes are those grpc-js with proto-loader serves: the well-known types
// bundled in one file "google_protobuf.proto", map entries named after their field.
class ServedFilesRepairTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bundledWellKnownTypesAreReplacedByTheCanonicalOnes();
    void mapEntriesNamedAfterTheFieldAreRebuilt();
    void aMapEntryThatCannotBeOneBecomesARepeatedMessage();
    void missingImportsAreAddedAndUnknownOnesDropped();
    void canonicalFileNamesAreUsedWithoutAWord();
    void publicDependencyIndicesFollowARemoval();
    void aFileBeyondRepairLeavesTheRestUsable();

private:
    ServedFilesRepair::FileMap grpcJsShaped() const;
    static SchemaPtr build(const ServedFilesRepair::FileMap &files, Diagnostics *diagnostics);

    std::vector<gp::FileDescriptorProto> m_protocFiles; // peer.proto and its imports, as protoc reads them
};

void ServedFilesRepairTest::initTestCase()
{
    const LoadResult loaded = SchemaLoader::loadProtoFiles(
        {QStringLiteral("peer/v1/peer.proto")}, {QStringLiteral(WIRESCOPE_INTEROP_PROTO)});
    QVERIFY2(loaded.ok(), qPrintable(joinDiagnostics(loaded.diagnostics)));
    m_protocFiles = loaded.source.files;
    QVERIFY(m_protocFiles.size() > 5);
}

// The well-known types moved into one file, the service's file renamed and importing only
// that bundle, and every map entry named after its field with its key marked repeated.
ServedFilesRepair::FileMap ServedFilesRepairTest::grpcJsShaped() const
{
    gp::FileDescriptorProto bundle;
    bundle.set_name("google_protobuf.proto");
    bundle.set_package("google.protobuf");
    bundle.set_syntax("proto3");
    gp::FileDescriptorProto peer;
    for (const gp::FileDescriptorProto &file : m_protocFiles) {
        if (file.package() == "google.protobuf") {
            for (const auto &m : file.message_type())
                *bundle.add_message_type() = m;
            for (const auto &e : file.enum_type())
                *bundle.add_enum_type() = e;
        } else {
            peer = file;
        }
    }
    peer.set_name("peer_v1.proto");
    peer.clear_dependency();
    peer.add_dependency("google_protobuf.proto");
    auto misname = [](gp::DescriptorProto *message) {
        for (auto &nested : *message->mutable_nested_type()) {
            if (!nested.options().map_entry())
                continue;
            const std::string entry = nested.name();
            const std::string bare = entry.substr(0, entry.size() - 5); // "FieldsEntry" -> "Fields"
            nested.set_name(bare);
            nested.mutable_field(0)->set_label(gp::FieldDescriptorProto::LABEL_REPEATED);
            for (auto &field : *message->mutable_field()) {
                const std::string &type = field.type_name();
                if (type.size() > entry.size()
                    && type.compare(type.size() - entry.size(), entry.size(), entry) == 0)
                    field.set_type_name(type.substr(0, type.size() - entry.size()) + bare);
            }
        }
    };
    for (auto &m : *bundle.mutable_message_type())
        misname(&m);
    for (auto &m : *peer.mutable_message_type())
        misname(&m);
    // protobufjs writes type names relative to the message that uses them.
    for (auto &m : *peer.mutable_message_type()) {
        const std::string scope = ".peer.v1." + m.name() + '.';
        for (auto &field : *m.mutable_field()) {
            std::string type = field.type_name();
            for (const std::string &prefix : {scope, std::string(".peer.v1."), std::string(".")}) {
                if (type.rfind(prefix, 0) == 0) {
                    type = type.substr(prefix.size());
                    break;
                }
            }
            if (field.has_type_name())
                field.set_type_name(type);
        }
    }
    ServedFilesRepair::FileMap files;
    files[bundle.name()] = bundle;
    files[peer.name()] = peer;
    return files;
}

SchemaPtr ServedFilesRepairTest::build(const ServedFilesRepair::FileMap &files, Diagnostics *diagnostics)
{
    SchemaSource source;
    source.kind = SchemaSource::Kind::Reflection;
    source.label = QStringLiteral("peer (reflection)");
    for (const auto &[name, file] : files)
        source.files.push_back(file);
    return Schema::build({source}, diagnostics);
}

void ServedFilesRepairTest::bundledWellKnownTypesAreReplacedByTheCanonicalOnes()
{
    ServedFilesRepair::FileMap files = grpcJsShaped();
    // As served, the files do not build: that is the failure users saw.
    Diagnostics before;
    build(files, &before);
    QVERIFY(hasErrors(before));

    Diagnostics warnings;
    ServedFilesRepair::repairAll(&files, &warnings);
    QVERIFY(!files.count("google_protobuf.proto"));
    Diagnostics diagnostics;
    const SchemaPtr schema = build(files, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    QVERIFY2(!hasErrors(warnings), qPrintable(joinDiagnostics(warnings)));
    const QString text = joinDiagnostics(warnings);
    QVERIFY2(
        text.contains(QStringLiteral("google_protobuf.proto")) && text.contains(QStringLiteral("canonical")),
        qPrintable(text));
    // One line for the bundle, not one per type.
    QCOMPARE(text.count(QStringLiteral("canonical")), 1);

    const auto *method = schema->findMethod(QStringLiteral("peer.v1.PeerService/Mirror"));
    QVERIFY(method);
    const gp::Descriptor *everything = method->input_type();
    QCOMPARE(everything->FindFieldByName("when")->message_type()->full_name(),
        std::string("google.protobuf.Timestamp"));
    // The canonical Struct: its map is a real map again.
    QVERIFY(everything->FindFieldByName("attributes")->message_type()->FindFieldByName("fields")->is_map());
    QVERIFY(everything->FindFieldByName("counters")->is_map());
}

void ServedFilesRepairTest::mapEntriesNamedAfterTheFieldAreRebuilt()
{
    ServedFilesRepair::FileMap files = grpcJsShaped();
    Diagnostics warnings;
    ServedFilesRepair::qualifyTypeNames(&files);
    ServedFilesRepair::repairMapEntries(&files, &warnings);
    const QString text = joinDiagnostics(warnings);
    QVERIFY2(text.contains(QStringLiteral("peer.v1.Everything.counters")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("named Counters instead of CountersEntry")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("key made optional")), qPrintable(text));
    const gp::DescriptorProto &everything = files.at("peer_v1.proto").message_type(1);
    QCOMPARE(everything.name(), std::string("Everything"));
    bool found = false;
    for (const auto &field : everything.field()) {
        if (field.name() == "counters") {
            QCOMPARE(field.type_name(), std::string(".peer.v1.Everything.CountersEntry"));
            found = true;
        }
    }
    QVERIFY(found);
}

void ServedFilesRepairTest::aMapEntryThatCannotBeOneBecomesARepeatedMessage()
{
    gp::FileDescriptorProto file;
    file.set_name("odd.proto");
    file.set_package("odd");
    file.set_syntax("proto3");
    gp::DescriptorProto *message = file.add_message_type();
    message->set_name("Holder");
    gp::DescriptorProto *entry = message->add_nested_type();
    entry->set_name("Pairs");
    entry->mutable_options()->set_map_entry(true);
    for (const char *name : {"key", "value", "extra"}) {
        gp::FieldDescriptorProto *f = entry->add_field();
        f->set_name(name);
        f->set_number(entry->field_size());
        f->set_label(gp::FieldDescriptorProto::LABEL_OPTIONAL);
        f->set_type(gp::FieldDescriptorProto::TYPE_STRING);
    }
    gp::FieldDescriptorProto *pairs = message->add_field();
    pairs->set_name("pairs");
    pairs->set_number(1);
    pairs->set_label(gp::FieldDescriptorProto::LABEL_REPEATED);
    pairs->set_type(gp::FieldDescriptorProto::TYPE_MESSAGE);
    pairs->set_type_name(".odd.Holder.Pairs");
    ServedFilesRepair::FileMap files {{file.name(), file}};
    Diagnostics warnings;
    ServedFilesRepair::repairAll(&files, &warnings);
    QVERIFY2(joinDiagnostics(warnings).contains(QStringLiteral("read as a repeated message")),
        qPrintable(joinDiagnostics(warnings)));
    Diagnostics diagnostics;
    const SchemaPtr schema = build(files, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    const auto *holder = schema->findMessage(QStringLiteral("odd.Holder"));
    QVERIFY(holder && holder->FindFieldByName("pairs")->is_repeated()
        && !holder->FindFieldByName("pairs")->is_map());
}

void ServedFilesRepairTest::missingImportsAreAddedAndUnknownOnesDropped()
{
    ServedFilesRepair::FileMap files = grpcJsShaped();
    gp::FileDescriptorProto &peer = files.at("peer_v1.proto");
    peer.add_dependency("vendor/not_served.proto");
    Diagnostics warnings;
    int fetched = 0;
    ServedFilesRepair::repairAll(&files, &warnings, [&](const std::string &, ServedFilesRepair::FileMap *) {
        ++fetched;
        return false;
    });
    QCOMPARE(fetched, 0); // every type was found without asking the server
    const QString text = joinDiagnostics(warnings);
    // One line for the file, naming the imports it was given.
    QVERIFY2(
        text.contains(QStringLiteral("without importing them (google/protobuf/any.proto")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("types of 7 files")), qPrintable(text));
    QCOMPARE(text.count(QStringLiteral("without importing")), 1);
    QVERIFY2(
        text.contains(QStringLiteral("vendor/not_served.proto; the import was dropped")), qPrintable(text));
    Diagnostics diagnostics;
    build(files, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
}

void ServedFilesRepairTest::canonicalFileNamesAreUsedWithoutAWord()
{
    ServedFilesRepair::FileMap files;
    for (const gp::FileDescriptorProto &file : m_protocFiles)
        files[file.name()] = file;
    // A server built with another protobuf version: the same file, a little different.
    files.at("google/protobuf/timestamp.proto").mutable_options()->set_java_package("other.pkg");
    Diagnostics warnings;
    ServedFilesRepair::repairAll(&files, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(joinDiagnostics(warnings)));
    QVERIFY(!files.count("google/protobuf/timestamp.proto"));
    Diagnostics diagnostics;
    const SchemaPtr schema = build(files, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    QVERIFY(schema->findService(QStringLiteral("peer.v1.PeerService")));
}

void ServedFilesRepairTest::publicDependencyIndicesFollowARemoval()
{
    gp::FileDescriptorProto file;
    for (const char *d : {"a.proto", "b.proto", "c.proto"})
        file.add_dependency(d);
    file.add_public_dependency(2);
    file.add_public_dependency(0);
    file.add_weak_dependency(1);
    ServedFilesRepair::removeDependency(&file, 1);
    QCOMPARE(file.dependency_size(), 2);
    QCOMPARE(file.dependency(1), std::string("c.proto"));
    QCOMPARE(file.public_dependency_size(), 2);
    QCOMPARE(file.public_dependency(0), 1);
    QCOMPARE(file.public_dependency(1), 0);
    QCOMPARE(file.weak_dependency_size(), 0);
}

// Partial, not all-or-nothing: a file that uses types nobody serves is reported once, with
// the services that go with it, and every other service stays usable.
void ServedFilesRepairTest::aFileBeyondRepairLeavesTheRestUsable()
{
    auto message
        = [](gp::FileDescriptorProto *file, const char *name, const std::vector<std::string> &types) {
              gp::DescriptorProto *m = file->add_message_type();
              m->set_name(name);
              for (const std::string &type : types) {
                  gp::FieldDescriptorProto *f = m->add_field();
                  f->set_name("f" + std::to_string(m->field_size()));
                  f->set_number(m->field_size());
                  f->set_label(gp::FieldDescriptorProto::LABEL_OPTIONAL);
                  f->set_type(gp::FieldDescriptorProto::TYPE_MESSAGE);
                  f->set_type_name(type);
              }
          };
    auto service = [](gp::FileDescriptorProto *file, const char *name, const std::string &type) {
        gp::MethodDescriptorProto *m = file->add_service()->add_method();
        file->mutable_service(file->service_size() - 1)->set_name(name);
        m->set_name("Call");
        m->set_input_type(type);
        m->set_output_type(type);
    };
    gp::FileDescriptorProto good;
    good.set_name("good.proto");
    good.set_package("good");
    good.set_syntax("proto3");
    message(&good, "M", {});
    service(&good, "Good", ".good.M");
    gp::FileDescriptorProto bad;
    bad.set_name("bad.proto");
    bad.set_package("bad");
    bad.set_syntax("proto3");
    std::vector<std::string> missing;
    for (int i = 0; i < 12; ++i)
        missing.push_back(".nowhere.Missing" + std::to_string(i));
    message(&bad, "Uses", missing);
    service(&bad, "Bad", ".bad.Uses");
    ServedFilesRepair::FileMap files {{good.name(), good}, {bad.name(), bad}};
    Diagnostics warnings;
    int asked = 0;
    ServedFilesRepair::repairAll(&files, &warnings, [&](const std::string &, ServedFilesRepair::FileMap *) {
        ++asked;
        return false;
    });
    QCOMPARE(asked, 12); // the server was asked for each, and had none
    Diagnostics diagnostics;
    const SchemaPtr schema = build(files, &diagnostics);
    QVERIFY(schema->findService(QStringLiteral("good.Good")));
    QVERIFY(!schema->findService(QStringLiteral("bad.Bad")));
    const QString text = joinDiagnostics(diagnostics);
    QVERIFY2(text.contains(QStringLiteral("with the services it defines: bad.Bad")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("more problems of the same kind")), qPrintable(text));
    QVERIFY2(diagnostics.size() <= 8, qPrintable(text)); // not one line per missing type
}

QTEST_GUILESS_MAIN(ServedFilesRepairTest)
#include "ServedFilesRepairTest.moc"
