#pragma once

#include "model/request/SavedRequest.h"

#include <QMap>

#include <optional>

class QJsonObject;

namespace wirescope {

class SecretStore;

// A named set of variables (dev, staging, ...) that requests use as {{name}}. Secret
// variables are listed by name only; their values live in a SecretStore, never in the
// collection's files.
struct Environment {
    QString name;
    QMap<QString, QString> variables;
    QStringList secretNames;

    bool operator==(const Environment &other) const = default;

    QJsonObject toJson() const;
    static bool fromJson(
        const QJsonObject &object, const QString &context, Environment *environment, QString *error);
};

// Resolves {{name}} in a request against, in order: the active environment's variables,
// its secrets (read from the store on demand) and built-in values the app provides (the
// embedded demo server's address as "demo", say). Whatever none of them knows is reported,
// so the UI can flag it before sending; it stays in the text as typed.
class VariableScope final {
public:
    VariableScope() = default;
    VariableScope(const Environment &environment, const SecretStore *secrets, const QString &collectionId);

    void setBuiltIns(const QMap<QString, QString> &values) { m_builtIns = values; }
    std::optional<QString> value(const QString &name) const;

    // Replaces every {{name}} (spaces inside the braces allowed) with its value; names
    // without a value are appended, once each, to *unresolved.
    QString substitute(const QString &text, QStringList *unresolved) const;
    // Target, metadata keys and values, body and TLS fields (paths and authority).
    SavedRequest resolve(const SavedRequest &request, QStringList *unresolved) const;

    // Every name a text refers to, in order of first use.
    static QStringList referencedNames(const QString &text);
    static QStringList referencedNames(const SavedRequest &request);

private:
    Environment m_environment;
    const SecretStore *m_secrets = nullptr;
    QString m_collectionId;
    QMap<QString, QString> m_builtIns;
};

} // namespace wirescope
