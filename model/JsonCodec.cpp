#include "model/JsonCodec.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

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
    static const QRegularExpression located(QStringLiteral("^\\(([^)]*)\\)\\s*:?\\s*(.*)$"),
                                            QRegularExpression::DotMatchesEverythingOption);
    if (const auto match = located.match(text); match.hasMatch()) {
        error.path = match.captured(1);
        text = match.captured(2);
    }
    error.message = text.isEmpty() ? QStringLiteral("does not match the message type") : text;
    return error;
}

} // namespace

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

bool toBinary(const Schema &schema, const gp::Descriptor *type, const QByteArray &json,
              QByteArray *binary, JsonError *error)
{
    const QByteArray trimmed = json.trimmed();
    const std::string input = trimmed.isEmpty() ? std::string("{}") : trimmed.toStdString();
    std::string out;
    gp::util::JsonParseOptions options;
    const auto status = gp::util::JsonToBinaryString(schema.typeResolver(), typeUrl(type), input,
                                                     &out, options);
    if (status.ok()) {
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
        *error = JsonError{};
        error->message = QStringLiteral("invalid JSON: %1").arg(syntax.errorString());
        lineColumn(trimmed, syntax.offset, &error->line, &error->column);
        return false;
    }
    *error = parseProtobufError(status.ToString());
    return false;
}

bool toJson(const Schema &schema, const gp::Descriptor *type, const QByteArray &binary,
            QByteArray *json, const JsonStyle &style, QString *error)
{
    gp::util::JsonPrintOptions options;
    options.add_whitespace = style.indent;
    options.always_print_primitive_fields = style.includeDefaults;
    options.always_print_enums_as_ints = false;
    options.preserve_proto_field_names = style.protoFieldNames;
    std::string out;
    const auto status = gp::util::BinaryToJsonString(
        schema.typeResolver(), typeUrl(type), std::string(binary.constData(), size_t(binary.size())),
        &out, options);
    if (!status.ok()) {
        if (error)
            *error = QStringLiteral("cannot decode %1 bytes as %2: %3")
                         .arg(binary.size())
                         .arg(QString::fromStdString(type->full_name()),
                              parseProtobufError(status.ToString()).toString());
        return false;
    }
    if (style.indent && !out.empty() && out.back() == '\n')
        out.pop_back();
    *json = QByteArray(out.data(), qsizetype(out.size()));
    return true;
}

} // namespace JsonCodec

} // namespace wirescope
