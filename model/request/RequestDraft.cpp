#include "model/request/RequestDraft.h"

#include "model/collection/Environment.h"
#include "model/json/MetadataText.h"
#include "model/request/RequestBodyCheck.h"
#include "model/schema/MethodRef.h"

#include <QCoreApplication>

namespace wirescope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RequestDraft", text);
}

} // namespace

RequestDraft::RequestDraft(SavedRequest request, Variables variables)
    : m_request(std::move(request))
    , m_variables(std::move(variables))
{
}

QString RequestDraft::resolve(const QString &text, QStringList *unresolved) const
{
    if (m_variables.resolve)
        return m_variables.resolve(text, unresolved);
    return VariableScope().substitute(text, unresolved); // no environment: every name is reported
}

QString RequestDraft::unresolvedMessage(const QStringList &names) const
{
    if (m_variables.explain)
        return m_variables.explain(names);
    QStringList braced;
    for (const QString &name : names)
        braced.append(QStringLiteral("{{%1}}").arg(name));
    return tr("Unresolved: %1 \u2014 not defined in the active environment")
        .arg(braced.join(QStringLiteral(", ")));
}

bool RequestDraft::resolveTarget(SavedRequest *resolved, Problem *problem) const
{
    QStringList unresolved;
    *resolved = m_request;
    resolved->target = resolve(m_request.target, &unresolved).trimmed();
    resolved->tls.caFile = resolve(m_request.tls.caFile, &unresolved);
    resolved->tls.certFile = resolve(m_request.tls.certFile, &unresolved);
    resolved->tls.keyFile = resolve(m_request.tls.keyFile, &unresolved);
    resolved->tls.authority = resolve(m_request.tls.authority, &unresolved);
    if (unresolved.isEmpty())
        return true;
    *problem = {
        Part::Target, tr("the target or TLS settings use variables: %1").arg(unresolvedMessage(unresolved))};
    return false;
}

bool RequestDraft::resolveMetadata(Metadata *metadata, Problem *problem) const
{
    metadata->clear();
    for (int row = 0; row < m_request.metadata.size(); ++row) {
        const SavedRequest::MetadataItem &item = m_request.metadata.at(row);
        if (!item.enabled)
            continue;
        QStringList unresolved;
        const QString key = resolve(item.key, &unresolved);
        const QString value = resolve(item.value, &unresolved);
        MetadataPair entry;
        QString error;
        if (!unresolved.isEmpty())
            error = unresolvedMessage(unresolved);
        else
            MetadataText::parseLine(key + QStringLiteral(": ") + value, &entry, &error); // error says why
        if (!error.isEmpty()) {
            *problem = {Part::Metadata, tr("Metadata row %1: %2").arg(row + 1).arg(error)};
            return false;
        }
        metadata->append(entry);
    }
    return true;
}

bool RequestDraft::encodeBody(
    const MethodRef &method, QList<QByteArray> *messages, QStringList *typedMessages, Problem *problem) const
{
    QStringList unresolved;
    const QString wireText = resolve(m_request.body, &unresolved);
    if (!unresolved.isEmpty()) {
        *problem = {Part::Body, unresolvedMessage(unresolved)};
        return false;
    }
    const RequestBodyCheck check = RequestBodyCheck::run(method, m_request.body, wireText);
    if (!check.ok) {
        *problem = {Part::Body, check.error.toString()};
        return false;
    }
    *messages = check.messages.isEmpty() ? QList<QByteArray> {check.binary} : check.messages;
    *typedMessages = check.messages.isEmpty() ? QStringList {m_request.body} : check.typedMessages;
    return true;
}

bool RequestDraft::prepare(const MethodRef &method, Prepared *prepared, Problem *problem) const
{
    if (!resolveMetadata(&prepared->metadata, problem)
        || !encodeBody(method, &prepared->messages, &prepared->typedMessages, problem))
        return false;
    Problem ignored;
    if (!resolveTarget(&prepared->resolved, &ignored))
        prepared->resolved.target.clear(); // where it goes is the connection's to say
    QStringList unresolved;
    prepared->resolved.body = resolve(m_request.body, &unresolved);
    for (SavedRequest::MetadataItem &item : prepared->resolved.metadata) {
        item.key = resolve(item.key, &unresolved);
        item.value = resolve(item.value, &unresolved);
    }
    prepared->deadlineMs = m_request.deadlineMs;
    return true;
}

CallSnapshot RequestDraft::snapshot(const QString &resolvedTarget) const
{
    return CallSnapshot(m_request, resolvedTarget);
}

} // namespace wirescope
