#include "app/CliArgs.h"
#include "app/CliCommands.h"
#include "app/CliSession.h"
#include "model/core/AtomicFile.h"
#include "model/json/BytesText.h"
#include "model/json/JsonCodec.h"
#include "model/lab/SchemaEvolution.h"

#include <google/protobuf/descriptor.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace wirescope::CliCommands {

namespace {

using Verdict = EvolutionChange::Verdict;
using Kind = EvolutionChange::Kind;

// One version of the message type. The schema owns the descriptor, so it is kept with it.
struct Version {
    QString file;
    SchemaPtr schema;
    const google::protobuf::Descriptor *type = nullptr;
};

// A top-level field the reader keeps as unknown, with what it takes in the message.
struct UnknownField {
    int number = 0;
    int occurrences = 0;
    qint64 bytes = 0;
};

// What `evolve` prints, in either format.
struct Report {
    QList<EvolutionChange> changes;
    Verdict worst = Verdict::Same; // for the message when one was given, else for the schema
    Verdict schemaWorst = Verdict::Same; // over every change, whatever the message holds
    bool hasMessage = false;
    QList<UnknownField> unknown;
};

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Removed:
        return QStringLiteral("removed");
    case Kind::Renamed:
        return QStringLiteral("renamed");
    case Kind::TypeChanged:
        return QStringLiteral("type-changed");
    case Kind::CardinalityChanged:
        return QStringLiteral("cardinality-changed");
    case Kind::OneofChanged:
        return QStringLiteral("oneof-changed");
    }
    return QString();
}

bool readStandardInput(QByteArray *bytes, QString *error)
{
    QFile file;
    if (!file.open(stdin, QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read standard input: %1").arg(file.errorString());
        return false;
    }
    *bytes = file.read(AtomicFile::MaxReadBytes + 1);
    if (bytes->size() > AtomicFile::MaxReadBytes) {
        *error = QStringLiteral("standard input holds more than %1 bytes").arg(AtomicFile::MaxReadBytes);
        return false;
    }
    return true;
}

// Everything that can be checked before a schema is loaded; --hex and --base64 are read here.
bool checkArguments(const CliArgs &args, QByteArray *bytes, QString *error)
{
    if (args.writerFile.isEmpty() || args.readerFile.isEmpty()) {
        *error = QStringLiteral("evolve needs --writer FILE and --reader FILE (.proto files or protosets)");
        return false;
    }
    if (!args.protoFiles.isEmpty() || !args.protosets.isEmpty()) {
        *error = QStringLiteral(
            "evolve loads its two schemas from --writer and --reader, not --proto or --protoset");
        return false;
    }
    if (args.messageType.isEmpty()) {
        *error = QStringLiteral("evolve needs --type pkg.Message: the message, as the writer names it");
        return false;
    }
    if (int(args.hasData) + int(args.hasHex) + int(args.hasBase64) > 1) {
        *error = QStringLiteral("evolve takes at most one message: -d JSON, --hex HEX or --base64 B64");
        return false;
    }
    if (args.hasHex && !BytesText::parseHex(args.hexInput, bytes)) {
        *error = QStringLiteral("--hex: not an even number of hex digits: %1").arg(args.hexInput);
        return false;
    }
    if (args.hasBase64 && !BytesText::parseBase64(args.base64Input, bytes)) {
        *error = QStringLiteral("--base64: not valid base64: %1").arg(args.base64Input);
        return false;
    }
    return true;
}

// Loads one version as the other commands load --proto and --protoset: a .proto file with
// the -I import paths, anything else as a serialized FileDescriptorSet. The loader's
// diagnostics (file:line:column) go to stderr.
bool loadVersion(const CliArgs &args, const QString &file, const QString &messageName, const QString &side,
    Version *version)
{
    CliArgs schemaArgs;
    schemaArgs.importPaths = args.importPaths;
    (file.endsWith(QStringLiteral(".proto")) ? schemaArgs.protoFiles : schemaArgs.protosets).append(file);
    CliSession session(schemaArgs);
    if (!session.loadSchema())
        return false;
    version->file = file;
    version->schema = session.schema();
    version->type = version->schema->findMessage(messageName);
    if (!version->type) {
        session.err(
            QStringLiteral("wirescope: no message named %1 in %2 (the %3)").arg(messageName, file, side));
        return false;
    }
    return true;
}

QString typeName(const Version &version)
{
    return QString::fromStdString(version.type->full_name());
}

// -d's JSON (or standard input's, for -d @) as the writer's type encodes it.
bool encodeData(const CliArgs &args, const Version &writer, QByteArray *bytes, QString *error)
{
    QByteArray json = args.data.toUtf8();
    if (args.data.trimmed() == QStringLiteral("@") && !readStandardInput(&json, error))
        return false;
    JsonError jsonError;
    if (JsonCodec::toBinary(*writer.schema, writer.type, json, bytes, &jsonError))
        return true;
    *error = QStringLiteral("-d does not fit %1 of --writer %2: %3")
                 .arg(typeName(writer), writer.file, jsonError.toString());
    return false;
}

QList<UnknownField> unknownFields(const EvolutionReading &reading)
{
    QList<UnknownField> fields;
    for (const int number : reading.unknownToReader) {
        UnknownField field {number, 0, 0};
        for (const WireSpan &span : reading.asRead.spans) {
            if (span.role == WireSpan::Role::Field && span.fieldNumber == number) {
                ++field.occurrences;
                field.bytes += span.length;
            }
        }
        fields.append(field);
    }
    return fields;
}

// The changes, judged for the message when one was given: only changes in fields it holds
// decide `worst`. False (with *error set) when the message is not one the writer could write.
bool makeReport(
    const Version &writer, const Version &reader, const QByteArray *message, Report *report, QString *error)
{
    if (!message) {
        report->changes = SchemaEvolution::compare(writer.type, reader.type);
    } else {
        EvolutionReading reading = SchemaEvolution::read(*message, writer.type, reader.type);
        if (reading.asWritten.hasHardError()) {
            *error = QStringLiteral(
                "the message is not a %1 as --writer declares it: decoding stops at byte %2: %3")
                         .arg(typeName(writer))
                         .arg(reading.asWritten.errorOffset)
                         .arg(reading.asWritten.error);
            return false;
        }
        report->hasMessage = true;
        report->worst = reading.worst;
        report->unknown = unknownFields(reading);
        report->changes = std::move(reading.changes);
    }
    for (const EvolutionChange &change : std::as_const(report->changes))
        report->schemaWorst = std::max(report->schemaWorst, change.verdict);
    if (!message)
        report->worst = report->schemaWorst;
    return true;
}

void printChange(const CliSession &session, const EvolutionChange &change)
{
    if (change.fieldNumber <= 0) {
        // A note about the comparison itself (a list cut short), not about a field.
        session.out(QString());
        session.out(QStringLiteral("%1: %2").arg(
            SchemaEvolution::verdictName(change.verdict), kindName(change.kind)));
        session.out(QStringLiteral("  ") + change.reason);
        return;
    }
    const QString number = QString::number(change.fieldNumber);
    const QString absent = QStringLiteral("no field ") + number;
    session.out(QString());
    session.out(QStringLiteral("%1: %2, field %3")
                    .arg(SchemaEvolution::verdictName(change.verdict), kindName(change.kind), number));
    session.out(QStringLiteral("  writer: ") + (change.writerField.isEmpty() ? absent : change.writerField));
    session.out(QStringLiteral("  reader: ") + (change.readerField.isEmpty() ? absent : change.readerField));
    session.out(QStringLiteral("  ") + change.reason);
}

void printText(const CliSession &session, const Version &writer, const Version &reader, const Report &report)
{
    const QString count = report.changes.isEmpty() ? QStringLiteral("no changes a reader notices")
        : report.changes.size() == 1               ? QStringLiteral("1 change")
                                                   : QStringLiteral("%1 changes").arg(report.changes.size());
    session.out(QStringLiteral("%1 in %2 (writer), read as %3 in %4 (reader): ")
                    .arg(typeName(writer), writer.file, typeName(reader), reader.file)
        + count);
    for (const EvolutionChange &change : report.changes)
        printChange(session, change);
    session.out(QString());
    if (report.hasMessage && report.unknown.isEmpty())
        session.out(QStringLiteral("kept as unknown by the reader: nothing"));
    for (const UnknownField &field : report.unknown) {
        const QString size = field.occurrences == 1
            ? QStringLiteral("%1 bytes").arg(field.bytes)
            : QStringLiteral("%1 occurrences, %2 bytes").arg(field.occurrences).arg(field.bytes);
        session.out(
            QStringLiteral("kept as unknown by the reader: field %1 (%2)").arg(field.number).arg(size));
    }
    QString worst = QStringLiteral("worst: ") + SchemaEvolution::verdictName(report.worst);
    if (report.worst != report.schemaWorst)
        worst += QStringLiteral(" (for this message; for the schema: %1)")
                     .arg(SchemaEvolution::verdictName(report.schemaWorst));
    session.out(worst);
}

QJsonValue fieldOrNull(const QString &declaration)
{
    return declaration.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(declaration);
}

void printJson(const CliSession &session, const Version &writer, const Version &reader, const Report &report)
{
    QJsonArray changes;
    for (const EvolutionChange &change : report.changes) {
        changes.append(QJsonObject {
            {QStringLiteral("verdict"), SchemaEvolution::verdictName(change.verdict)},
            {QStringLiteral("kind"), kindName(change.kind)},
            // null for a note about the comparison itself (a list cut short), as in the text.
            {QStringLiteral("field"),
                change.fieldNumber > 0 ? QJsonValue(change.fieldNumber) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("writerField"), fieldOrNull(change.writerField)},
            {QStringLiteral("readerField"), fieldOrNull(change.readerField)},
            {QStringLiteral("reason"), change.reason},
        });
    }
    QJsonObject object {
        {QStringLiteral("writer"), writer.file},
        {QStringLiteral("reader"), reader.file},
        {QStringLiteral("type"), typeName(writer)},
        {QStringLiteral("readerType"), typeName(reader)},
        {QStringLiteral("worst"), SchemaEvolution::verdictName(report.worst)},
        {QStringLiteral("schemaWorst"), SchemaEvolution::verdictName(report.schemaWorst)},
        {QStringLiteral("changes"), changes},
    };
    if (report.hasMessage) {
        QJsonArray unknown;
        for (const UnknownField &field : report.unknown)
            unknown.append(field.number);
        object.insert(QStringLiteral("unknownToReader"), unknown);
    }
    session.out(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
}

} // namespace

int evolve(const CliArgs &args)
{
    CliSession session(args);
    QByteArray message;
    QString error;
    if (!checkArguments(args, &message, &error)) {
        session.err(QStringLiteral("wirescope: ") + error);
        return 2;
    }
    Version writer;
    Version reader;
    const QString readerType = args.readerType.isEmpty() ? args.messageType : args.readerType;
    if (!loadVersion(args, args.writerFile, args.messageType, QStringLiteral("writer"), &writer)
        || !loadVersion(args, args.readerFile, readerType, QStringLiteral("reader"), &reader))
        return 2;
    if (args.hasData && !encodeData(args, writer, &message, &error)) {
        session.err(QStringLiteral("wirescope: ") + error);
        return 2;
    }
    const bool hasMessage = args.hasData || args.hasHex || args.hasBase64;
    Report report;
    if (!makeReport(writer, reader, hasMessage ? &message : nullptr, &report, &error)) {
        session.err(QStringLiteral("wirescope: ") + error);
        return 2;
    }
    if (args.format == u"json")
        printJson(session, writer, reader, report);
    else
        printText(session, writer, reader, report);
    return report.worst == Verdict::Breaking ? 1 : 0;
}

} // namespace wirescope::CliCommands
