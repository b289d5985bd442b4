#include "model/request/SavedRequest.h"

#include "model/collection/CollectionFormat.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

#include <array>
#include <functional>
#include <utility>

namespace wirescope {

namespace {

using Security = SavedRequest::TlsProfile::Security;
using Kind = SavedRequest::SchemaSourceRef::Kind;

constexpr std::array securityNames {
    std::pair {Security::Plaintext, "plaintext"},
    std::pair {Security::Tls, "tls"},
    std::pair {Security::MutualTls, "mtls"},
};
constexpr std::array kindNames {
    std::pair {Kind::Reflection, "reflection"},
    std::pair {Kind::ProtoFiles, "protoFiles"},
    std::pair {Kind::Protoset, "protoset"},
};

template<typename Enum, std::size_t N>
bool enumFromName(const std::array<std::pair<Enum, const char *>, N> &names, const QString &name, Enum *value)
{
    for (const auto &[candidate, text] : names) {
        if (name == QLatin1String(text)) {
            *value = candidate;
            return true;
        }
    }
    return false;
}

template<typename Enum, std::size_t N>
QString enumName(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, text] : names) {
        if (candidate == value)
            return QLatin1String(text);
    }
    return {};
}

// The body as one string per line: a one-line change shows as a one-line diff in git, and
// joining the lines gives back the exact text (a final newline becomes a last empty line).
QJsonArray bodyLines(const QString &body)
{
    if (body.isEmpty())
        return {};
    return QJsonArray::fromStringList(body.split(QLatin1Char('\n')));
}

QJsonObject metadataItemToJson(const SavedRequest::MetadataItem &item)
{
    return {{QStringLiteral("key"), item.key}, {QStringLiteral("value"), item.value},
        {QStringLiteral("enabled"), item.enabled}};
}

QJsonObject tlsToJson(const SavedRequest::TlsProfile &tls)
{
    return {{QStringLiteral("security"), SavedRequest::securityName(tls.security)},
        {QStringLiteral("caFile"), tls.caFile}, {QStringLiteral("certFile"), tls.certFile},
        {QStringLiteral("keyFile"), tls.keyFile}, {QStringLiteral("authority"), tls.authority}};
}

QJsonObject schemaToJson(const SavedRequest::SchemaSourceRef &schema)
{
    return {{QStringLiteral("kind"), SavedRequest::kindName(schema.kind)},
        {QStringLiteral("protoFiles"), QJsonArray::fromStringList(schema.protoFiles)},
        {QStringLiteral("importPaths"), QJsonArray::fromStringList(schema.importPaths)},
        {QStringLiteral("protoset"), schema.protoset}};
}

QList<SavedRequest::MetadataItem> metadataFromJson(JsonFields &fields)
{
    QList<SavedRequest::MetadataItem> items;
    const QJsonArray array = fields.array(QStringLiteral("metadata"));
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            fields.fail(QStringLiteral("\"metadata\" should hold only objects"));
            return {};
        }
        JsonFields item(array.at(i).toObject());
        items.append({item.string(QStringLiteral("key")), item.string(QStringLiteral("value")),
            item.boolean(QStringLiteral("enabled"), true)});
        if (!item.ok())
            fields.fail(QStringLiteral("metadata[%1]: %2").arg(i).arg(item.error()));
    }
    return items;
}

SavedRequest::TlsProfile tlsFromJson(JsonFields &fields)
{
    JsonFields tls(fields.object(QStringLiteral("tls")), QStringLiteral("tls"));
    SavedRequest::TlsProfile profile;
    const QString security = tls.string(QStringLiteral("security"));
    if (!security.isEmpty() && !enumFromName(securityNames, security, &profile.security))
        tls.fail(QStringLiteral("unknown security \"%1\" (expected plaintext, tls or mtls)").arg(security));
    profile.caFile = tls.string(QStringLiteral("caFile"));
    profile.certFile = tls.string(QStringLiteral("certFile"));
    profile.keyFile = tls.string(QStringLiteral("keyFile"));
    profile.authority = tls.string(QStringLiteral("authority"));
    if (!tls.ok())
        fields.fail(tls.error());
    return profile;
}

SavedRequest::SchemaSourceRef schemaFromJson(JsonFields &fields)
{
    JsonFields schema(fields.object(QStringLiteral("schema")), QStringLiteral("schema"));
    SavedRequest::SchemaSourceRef source;
    const QString kind = schema.string(QStringLiteral("kind"));
    if (!kind.isEmpty() && !enumFromName(kindNames, kind, &source.kind))
        schema.fail(
            QStringLiteral("unknown kind \"%1\" (expected reflection, protoFiles or protoset)").arg(kind));
    source.protoFiles = schema.strings(QStringLiteral("protoFiles"));
    source.importPaths = schema.strings(QStringLiteral("importPaths"));
    source.protoset = schema.string(QStringLiteral("protoset"));
    if (!schema.ok())
        fields.fail(schema.error());
    return source;
}

// "expect" and "capture" report their own part ("expect.asserts[2]: ..."); the file's name
// goes in front, as for every other field.
void testsFromJson(JsonFields &fields, SavedRequest *request)
{
    const QJsonObject expect = fields.object(QStringLiteral("expect"));
    const QJsonObject capture = fields.object(QStringLiteral("capture"));
    QString error;
    if (!fields.ok())
        return;
    if (!Expectations::fromJson(expect, &request->expect, &error)
        || !capturesFromJson(capture, &request->capture, &error))
        fields.fail(error);
}

bool holdsVariable(const QString &path)
{
    return path.contains(QLatin1String("{{"));
}

// Applies `map` to every path a request holds; empty paths stay empty.
SavedRequest mapPaths(SavedRequest request, const std::function<QString(const QString &)> &map)
{
    const auto apply = [&map](QString &path) {
        if (!path.isEmpty() && !holdsVariable(path))
            path = map(path);
    };
    for (QString &path : request.schema.importPaths)
        apply(path);
    apply(request.schema.protoset);
    apply(request.tls.caFile);
    apply(request.tls.certFile);
    apply(request.tls.keyFile);
    return request;
}

} // namespace

QString SavedRequest::securityName(TlsProfile::Security security)
{
    return enumName(securityNames, security);
}

QString SavedRequest::kindName(SchemaSourceRef::Kind kind)
{
    return enumName(kindNames, kind);
}

QJsonObject SavedRequest::toJson() const
{
    QJsonArray items;
    for (const MetadataItem &item : metadata)
        items.append(metadataItemToJson(item));
    QJsonObject object {{QStringLiteral("name"), name}, {QStringLiteral("target"), target},
        {QStringLiteral("method"), method}, {QStringLiteral("body"), bodyLines(body)},
        {QStringLiteral("metadata"), items}, {QStringLiteral("deadlineMs"), deadlineMs},
        {QStringLiteral("tls"), tlsToJson(tls)}, {QStringLiteral("schema"), schemaToJson(schema)}};
    if (!expect.isEmpty())
        object.insert(QStringLiteral("expect"), expect.toJson());
    if (!capture.isEmpty())
        object.insert(QStringLiteral("capture"), capturesToJson(capture));
    return object;
}

QByteArray SavedRequest::toBytes() const
{
    return CollectionFormat::toBytes(toJson());
}

bool SavedRequest::fromJson(
    const QJsonObject &object, const QString &context, SavedRequest *request, QString *error)
{
    JsonFields fields(object, context);
    SavedRequest result;
    result.name = fields.string(QStringLiteral("name"));
    result.target = fields.string(QStringLiteral("target"));
    result.method = fields.string(QStringLiteral("method"));
    result.body = fields.strings(QStringLiteral("body")).join(QLatin1Char('\n'));
    result.metadata = metadataFromJson(fields);
    result.deadlineMs = fields.integer(QStringLiteral("deadlineMs"));
    if (result.deadlineMs < 0)
        fields.fail(QStringLiteral("\"deadlineMs\" should not be negative"));
    result.tls = tlsFromJson(fields);
    result.schema = schemaFromJson(fields);
    testsFromJson(fields, &result);
    if (!fields.ok()) {
        *error = fields.error();
        return false;
    }
    *request = result;
    return true;
}

bool SavedRequest::fromBytes(
    const QByteArray &bytes, const QString &fileName, SavedRequest *request, QString *error)
{
    QJsonObject object;
    return CollectionFormat::parse(bytes, fileName, &object, error)
        && fromJson(object, QDir::toNativeSeparators(fileName), request, error);
}

SavedRequest SavedRequest::relativeTo(const QDir &dir) const
{
    const auto relative = [&dir](const QString &path) {
        return QDir::isAbsolutePath(path) ? dir.relativeFilePath(path) : path;
    };
    SavedRequest result = mapPaths(*this, relative);
    for (QString &file : result.schema.protoFiles)
        file = relative(file);
    return result;
}

SavedRequest SavedRequest::absoluteFrom(const QDir &dir) const
{
    const auto absolute = [&dir](const QString &path) { return QDir::cleanPath(dir.absoluteFilePath(path)); };
    SavedRequest result = mapPaths(*this, absolute);
    for (QString &file : result.schema.protoFiles) {
        if (!holdsVariable(file) && !QDir::isAbsolutePath(file) && dir.exists(file))
            file = absolute(file);
    }
    return result;
}

} // namespace wirescope
