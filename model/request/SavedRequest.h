#pragma once

#include "model/request/RequestTests.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QDir;
class QJsonObject;

namespace wirescope {

// One request as a collection keeps it: everything needed to send it again, as plain text
// that may hold {{variables}}. It mirrors rpc's ChannelOptions and CallSpec with plain
// strings and enums, so model/ needs no gRPC header.
struct SavedRequest {
    struct MetadataItem {
        QString key;
        QString value;
        bool enabled = true;
        bool operator==(const MetadataItem &other) const = default;
    };

    struct TlsProfile {
        enum class Security { Plaintext, Tls, MutualTls };
        Security security = Security::Plaintext;
        QString caFile; // empty: the system's roots
        QString certFile; // mutual TLS
        QString keyFile;
        QString authority;
        bool operator==(const TlsProfile &other) const = default;
    };

    // Where the method's schema comes from. Paths are kept relative to the collection's
    // folder on disk (see relativeTo/absoluteFrom), so a collection checked out elsewhere
    // still finds its protos.
    struct SchemaSourceRef {
        enum class Kind { Reflection, ProtoFiles, Protoset };
        Kind kind = Kind::Reflection;
        QStringList protoFiles; // as protoc takes them: relative to an import path
        QStringList importPaths;
        QString protoset;
        bool operator==(const SchemaSourceRef &other) const = default;
    };

    QString name;
    QString target; // "host:port"; may be "{{variable}}"
    QString method; // "pkg.Service/Method"
    QString body; // JSON text exactly as typed (streams: several values)
    QList<MetadataItem> metadata;
    int deadlineMs = 0; // 0: none
    TlsProfile tls;
    SchemaSourceRef schema;
    // What a run checks of the response, and the variables it keeps from it; files write
    // each only when set, so a request without tests keeps its bytes.
    Expectations expect;
    Captures capture;

    bool operator==(const SavedRequest &other) const = default;

    QJsonObject toJson() const;
    // The file's bytes: versioned, pretty-printed, keys in a fixed order.
    QByteArray toBytes() const;
    // `context` (usually the file name) starts every error message.
    static bool fromJson(
        const QJsonObject &object, const QString &context, SavedRequest *request, QString *error);
    static bool fromBytes(
        const QByteArray &bytes, const QString &fileName, SavedRequest *request, QString *error);

    // Absolute paths (schema and TLS files) rewritten relative to `dir`, for saving; paths
    // holding {{variables}} are left as they are.
    SavedRequest relativeTo(const QDir &dir) const;
    // The inverse, for loading schemas and certificates. A proto file becomes absolute only
    // when it exists under `dir`; otherwise it is left for the import paths to find.
    SavedRequest absoluteFrom(const QDir &dir) const;

    static QString securityName(TlsProfile::Security security);
    static QString kindName(SchemaSourceRef::Kind kind);
};

} // namespace wirescope
