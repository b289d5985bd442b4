#include "model/collection/Environment.h"

#include "model/collection/CollectionFormat.h"
#include "model/collection/SecretStore.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace wirescope {

namespace {

const QRegularExpression &variablePattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\})"));
    return pattern;
}

// Every text of a request that may hold variables, so resolving and listing agree.
template<typename Request, typename Fn> void forEachText(Request &request, Fn &&fn)
{
    fn(request.target);
    for (auto &item : request.metadata) {
        if (!item.enabled)
            continue;
        fn(item.key);
        fn(item.value);
    }
    fn(request.body);
    fn(request.tls.caFile);
    fn(request.tls.certFile);
    fn(request.tls.keyFile);
    fn(request.tls.authority);
}

} // namespace

QJsonObject Environment::toJson() const
{
    QJsonObject values;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        // A secret's value never reaches a collection file, even if a caller left it here.
        if (!secretNames.contains(it.key()))
            values.insert(it.key(), it.value());
    }
    QStringList secrets = secretNames;
    secrets.sort();
    secrets.removeDuplicates();
    return {{QStringLiteral("name"), name}, {QStringLiteral("variables"), values},
        {QStringLiteral("secrets"), QJsonArray::fromStringList(secrets)}};
}

bool Environment::fromJson(
    const QJsonObject &object, const QString &context, Environment *environment, QString *error)
{
    JsonFields fields(object, context);
    Environment result;
    result.name = fields.string(QStringLiteral("name"));
    if (fields.ok() && result.name.isEmpty())
        fields.fail(QStringLiteral("an environment has no name"));
    const QJsonObject values = fields.object(QStringLiteral("variables"));
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!it->isString())
            fields.fail(QStringLiteral("variable \"%1\" should be a string").arg(it.key()));
        result.variables.insert(it.key(), it->toString());
    }
    result.secretNames = fields.strings(QStringLiteral("secrets"));
    if (!fields.ok()) {
        *error = fields.error();
        return false;
    }
    *environment = result;
    return true;
}

VariableScope::VariableScope(
    const Environment &environment, const SecretStore *secrets, const QString &collectionId)
    : m_environment(environment)
    , m_secrets(secrets)
    , m_collectionId(collectionId)
{
}

std::optional<QString> VariableScope::value(const QString &name) const
{
    const auto variable = m_environment.variables.constFind(name);
    if (variable != m_environment.variables.cend())
        return *variable;
    if (m_secrets && m_environment.secretNames.contains(name)) {
        QString error; // an unreadable store leaves the name unresolved, which gets flagged
        const auto secret
            = m_secrets->read(SecretStore::secretKey(m_collectionId, m_environment.name, name), &error);
        if (secret)
            return secret;
    }
    const auto builtIn = m_builtIns.constFind(name);
    if (builtIn != m_builtIns.cend())
        return *builtIn;
    return std::nullopt;
}

QString VariableScope::substitute(const QString &text, QStringList *unresolved) const
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString name = match.captured(1);
        if (const auto found = value(name)) {
            result += *found;
            continue;
        }
        result += match.captured(0);
        if (unresolved && !unresolved->contains(name))
            unresolved->append(name);
    }
    result += QStringView(text).mid(last);
    return result;
}

SavedRequest VariableScope::resolve(const SavedRequest &request, QStringList *unresolved) const
{
    SavedRequest resolved = request;
    forEachText(resolved, [this, unresolved](QString &text) { text = substitute(text, unresolved); });
    return resolved;
}

QStringList VariableScope::referencedNames(const QString &text)
{
    QStringList names;
    QRegularExpressionMatchIterator it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

QStringList VariableScope::referencedNames(const SavedRequest &request)
{
    QStringList names;
    forEachText(request, [&names](const QString &text) {
        for (const QString &name : referencedNames(text)) {
            if (!names.contains(name))
                names.append(name);
        }
    });
    return names;
}

} // namespace wirescope
