#include "rpc/call/StatusDetails.h"

#include "model/json/JsonCodec.h"

#include "google/rpc/status.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

QByteArray generatedJson(const std::string &typeName, const std::string &bytes)
{
    static const std::unique_ptr<gp::util::TypeResolver> resolver(gp::util::NewTypeResolverForDescriptorPool(
        "type.googleapis.com", gp::DescriptorPool::generated_pool()));
    if (!gp::DescriptorPool::generated_pool()->FindMessageTypeByName(typeName))
        return {};
    gp::util::JsonPrintOptions options;
    options.add_whitespace = true;
    std::string out;
    if (!gp::util::BinaryToJsonString(resolver.get(), "type.googleapis.com/" + typeName, bytes, &out, options)
             .ok())
        return {};
    return QByteArray::fromStdString(out).trimmed();
}

} // namespace

RichStatus decodeStatusDetails(const QByteArray &details, const Schema *schema)
{
    RichStatus rich;
    google::rpc::Status status;
    if (details.isEmpty() || !status.ParseFromArray(details.constData(), int(details.size())))
        return rich;
    rich.valid = true;
    rich.code = status.code();
    rich.message = QString::fromStdString(status.message());
    for (const auto &any : status.details()) {
        StatusDetail detail;
        const std::string &url = any.type_url();
        const std::string typeName = url.substr(url.rfind('/') + 1);
        detail.typeName = QString::fromStdString(typeName);
        detail.raw = QByteArray::fromStdString(any.value());
        if (schema) {
            if (const gp::Descriptor *type = schema->findMessage(detail.typeName))
                JsonCodec::toJson(*schema, type, detail.raw, &detail.json, JsonStyle {}, nullptr);
        }
        if (detail.json.isEmpty())
            detail.json = generatedJson(typeName, any.value());
        rich.details.append(detail);
    }
    return rich;
}

QString formatStatus(const CallStatus &status, const Schema *schema)
{
    QString text = status.codeName();
    if (!status.message.isEmpty())
        text += QStringLiteral(": ") + status.message;
    const RichStatus rich = decodeStatusDetails(status.details, schema);
    for (const StatusDetail &detail : rich.details) {
        text += QStringLiteral("\n  ") + detail.typeName + QStringLiteral(":");
        if (detail.json.isEmpty()) {
            text += QStringLiteral(" (%1 bytes of an unknown type) %2")
                        .arg(detail.raw.size())
                        .arg(QString::fromLatin1(detail.raw.toBase64()));
            continue;
        }
        for (const QString &line : QString::fromUtf8(detail.json).split(u'\n'))
            text += QStringLiteral("\n    ") + line;
    }
    return text;
}

} // namespace wirescope
