#include "model/json/JsonCodec.h"

#include "model/json/JsonFastPath.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/util/json_util.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// Converts a byte offset into 1-based line and column.
void lineColumn(const QByteArray &text, qsizetype offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text.at(i) == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

// protobuf says e.g. "INVALID_ARGUMENT:(items[2].price): invalid value "x" for type TYPE_DOUBLE";
// split that into a path and a reason a person can read.
JsonError parseProtobufError(const std::string &status)
{
    JsonError error;
    QString text = QString::fromStdString(status).trimmed();
    static const QRegularExpression prefix(QStringLiteral("^[A-Z_]+:\\s*"));
    text.remove(prefix);
    static const QRegularExpression located(
        QStringLiteral("^\\(([^)]*)\\)\\s*:?\\s*(.*)$"), QRegularExpression::DotMatchesEverythingOption);
    if (const auto match = located.match(text); match.hasMatch()) {
        error.path = match.captured(1);
        text = match.captured(2);
    }
    static const QRegularExpression typeName(QStringLiteral("for type TYPE_([A-Z0-9]+)"));
    if (const auto match = typeName.match(text); match.hasMatch())
        text.replace(match.capturedStart(), match.capturedLength(),
            QStringLiteral("(expected %1)").arg(match.captured(1).toLower()));
    static const QRegularExpression unknownField(QStringLiteral("^([^:\\s]+):\\s*Cannot find field\\.?$"));
    if (const auto match = unknownField.match(text); match.hasMatch()) {
        error.path += (error.path.isEmpty() ? QString() : QStringLiteral(".")) + match.captured(1);
        text = QStringLiteral("no such field in the message type");
    } else if (text.startsWith(QStringLiteral("Cannot find field"))) {
        text = QStringLiteral("no such field in the message type");
    }
    // The type resolver's URLs are no name a person wrote: "for enum peer.v1.Kind".
    text.replace(QStringLiteral("type.googleapis.com/"), QString());
    error.message = text.isEmpty() ? QStringLiteral("does not match the message type") : text;
    return error;
}

// protobuf indents with one space; people read two.
std::string widenIndent(const std::string &json)
{
    std::string out;
    out.reserve(json.size() * 3 / 2);
    bool lineStart = true;
    for (const char c : json) {
        if (lineStart && c == ' ') {
            out.append(2, ' ');
            continue;
        }
        lineStart = c == '\n';
        out.push_back(c);
    }
    return out;
}

} // namespace

// The limit is protobuf's own on nested messages when it parses binary (CodedInputStream's
// default recursion limit): a server built with protobuf refuses deeper messages.
int JsonCodec::nestingDepth(const QByteArray &json, int limit, qsizetype *tooDeepAt)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (depth > limit) {
                if (tooDeepAt)
                    *tooDeepAt = i;
                return deepest;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

QString JsonError::toString() const
{
    QString where;
    if (line > 0)
        where = QStringLiteral("line %1, column %2: ").arg(line).arg(column);
    if (!path.isEmpty())
        where += path + QStringLiteral(": ");
    return where + message;
}

namespace JsonCodec {

bool toBinary(const Schema &schema, const gp::Descriptor *type, const QByteArray &json, QByteArray *binary,
    JsonError *error)
{
    // The usual body goes straight to bytes, or through a message when it holds a map (whose
    // order on the wire is the message's); the converter reads the rest and says what is
    // wrong with it (text nested too deep included).
    if (nestingDepth(json, JsonCodec::MaxNesting) <= JsonCodec::MaxNesting) {
        const std::string_view text(json.constData(), size_t(json.size()));
        std::string out;
        bool mapMet = false;
        if (JsonFastPath::encode(type, text, &out, &mapMet)) {
            *binary = QByteArray(out.data(), qsizetype(out.size()));
            return true;
        }
        if (const std::unique_ptr<gp::Message> message = schema.newMessage(type);
            mapMet && message && JsonFastPath::read(text, message.get())) {
            message->SerializePartialToString(&out);
            *binary = QByteArray(out.data(), qsizetype(out.size()));
            return true;
        }
    }
    return toBinaryByConverter(schema, type, json, binary, error);
}

bool toBinaryByConverter(const Schema &schema, const gp::Descriptor *type, const QByteArray &json,
    QByteArray *binary, JsonError *error)
{
    const QByteArray trimmed = json.trimmed();
    qsizetype tooDeepAt = -1;
    if (nestingDepth(trimmed, JsonCodec::MaxNesting, &tooDeepAt) > JsonCodec::MaxNesting) {
        if (error) {
            *error = JsonError {};
            error->message
                = QStringLiteral("nested more than %1 levels deep; protobuf refuses messages nested "
                                 "deeper than that")
                      .arg(JsonCodec::MaxNesting);
            lineColumn(trimmed, tooDeepAt, &error->line, &error->column);
        }
        return false;
    }
    const std::string input = trimmed.isEmpty() ? std::string("{}") : trimmed.toStdString();
    std::string out;
    gp::util::JsonParseOptions options;
    gp::util::Status status;
    try {
        status = gp::util::JsonToBinaryString(schema.typeResolver(), typeUrl(type), input, &out, options);
    } catch (const gp::FatalException &failed) {
        // protobuf 3.21's converter fails a CHECK (it throws) on some JSON instead of
        // returning an error: fields after a well-known type's "value" inside an Any, for
        // one (found by the json_message fuzz target). The user's text is refused, not fatal.
        if (error) {
            *error = JsonError {};
            error->message = QStringLiteral("protobuf's JSON converter cannot read this text (%1)")
                                 .arg(QString::fromStdString(failed.message()));
        }
        return false;
    }
    if (status.ok()) {
        // The converter writes repeated scalars unpacked and fields in JSON order; a real
        // client writes them packed and in field-number order. Re-encode so the bytes on
        // the wire (and in the wire inspector) are the ones generated code would send.
        const std::unique_ptr<gp::Message> message = schema.newMessage(type);
        if (message && !message->ParsePartialFromString(out)) {
            // Within the JSON limit but deeper on the wire (a Struct is three messages per
            // level): what a server would refuse is refused here, with the reason.
            if (error) {
                *error = JsonError {};
                error->message
                    = QStringLiteral("nested more than %1 messages deep on the wire (each level of a "
                                     "Struct or Value is several); protobuf refuses it")
                          .arg(JsonCodec::MaxNesting);
            }
            return false;
        }
        if (message) {
            out.clear();
            message->SerializePartialToString(&out); // proto2 required fields are the server's to check
        }
        *binary = QByteArray(out.data(), qsizetype(out.size()));
        return true;
    }
    if (!error)
        return false;
    // protobuf reports syntax errors without a position; Qt's parser knows where they are.
    QJsonParseError syntax;
    QJsonDocument::fromJson(trimmed, &syntax);
    if (syntax.error != QJsonParseError::NoError && !trimmed.isEmpty()
        && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
        *error = JsonError {};
        error->message = QStringLiteral("invalid JSON: %1").arg(syntax.errorString());
        lineColumn(trimmed, syntax.offset, &error->line, &error->column);
        return false;
    }
    *error = parseProtobufError(status.ToString());
    return false;
}

bool toJson(const Schema &schema, const gp::Descriptor *type, const QByteArray &binary, QByteArray *json,
    const JsonStyle &style, QString *error)
{
    // The usual message is printed straight from its bytes. Defaults take the message's
    // whole type into account, and odd bytes need the converter's judgement: both are its.
    if (!style.includeDefaults) {
        std::string out;
        if (JsonFastPath::print(type, std::string_view(binary.constData(), size_t(binary.size())),
                style.indent, style.protoFieldNames, &out)) {
            *json = QByteArray(out.data(), qsizetype(out.size()));
            return true;
        }
    }
    return toJsonByConverter(schema, type, binary, json, style, error);
}

bool toJsonByConverter(const Schema &schema, const gp::Descriptor *type, const QByteArray &binary,
    QByteArray *json, const JsonStyle &style, QString *error)
{
    gp::util::JsonPrintOptions options;
    options.add_whitespace = style.indent;
    options.always_print_primitive_fields = style.includeDefaults;
    options.always_print_enums_as_ints = false;
    options.preserve_proto_field_names = style.protoFieldNames;
    const std::unique_ptr<gp::Message> message = schema.newMessage(type);
    if (message && !message->ParseFromArray(binary.constData(), int(binary.size()))) {
        if (error)
            *error = QStringLiteral("cannot decode %1 bytes as %2: they are not a valid encoding of it")
                         .arg(binary.size())
                         .arg(QString::fromStdString(type->full_name()));
        return false;
    }
    std::string out;
    const auto status = gp::util::BinaryToJsonString(schema.typeResolver(), typeUrl(type),
        std::string(binary.constData(), size_t(binary.size())), &out, options);
    if (!status.ok()) {
        if (error)
            *error = QStringLiteral("cannot decode %1 bytes as %2: %3")
                         .arg(binary.size())
                         .arg(QString::fromStdString(type->full_name()),
                             parseProtobufError(status.ToString()).toString());
        return false;
    }
    if (style.indent) {
        if (!out.empty() && out.back() == '\n')
            out.pop_back();
        out = widenIndent(out);
    }
    *json = QByteArray(out.data(), qsizetype(out.size()));
    return true;
}

} // namespace JsonCodec

} // namespace wirescope
