#pragma once

#include "model/json/JsonCodec.h"
#include "model/schema/Schema.h"

#include <QStringList>

namespace google::protobuf {
class MethodDescriptor;
}

namespace wirescope {

// The four shapes a gRPC method can have.
enum class CallKind : quint8 { Unary, ServerStreaming, ClientStreaming, Bidi };

// Short badge text ("U", "SS", "CS", "BIDI") and a readable name ("server streaming").
QString callKindBadge(CallKind kind);
QString callKindName(CallKind kind);
inline bool clientStreams(CallKind kind)
{
    return kind == CallKind::ClientStreaming || kind == CallKind::Bidi;
}

// A method resolved in one schema snapshot, as a value the UI can hold: it keeps the
// snapshot alive, so its descriptors stay valid, and answers every question a request
// editor has (types, example body, completion words, encoding) without the caller
// walking descriptors itself.
class MethodRef final {
public:
    MethodRef() = default;
    // Accepts "pkg.Service/Method", "/pkg.Service/Method" and "pkg.Service.Method".
    static MethodRef resolve(const SchemaPtr &schema, const QString &name);

    bool isValid() const { return m_method != nullptr; }
    const SchemaPtr &schema() const { return m_schema; }

    QString fullName() const; // "pkg.Service/Method"
    QString path() const; // "/pkg.Service/Method"
    CallKind kind() const;
    QString requestTypeName() const;
    QString responseTypeName() const;
    const google::protobuf::Descriptor *requestType() const;
    const google::protobuf::Descriptor *responseType() const;

    QByteArray exampleRequest() const;
    // Field JSON names of the request message and every message it reaches, plus the
    // names of every enum value it can hold: what a JSON editor can offer to complete.
    QStringList completionWords() const;

    bool encodeRequest(const QByteArray &json, QByteArray *binary, JsonError *error) const;
    // Decodes a message of either type to indented JSON; on failure returns false and
    // explains why in *json's place.
    bool decode(const QByteArray &binary, bool isRequest, QByteArray *json, QString *error) const;

private:
    SchemaPtr m_schema;
    const google::protobuf::MethodDescriptor *m_method = nullptr;
};

} // namespace wirescope
