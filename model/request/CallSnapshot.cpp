#include "model/request/CallSnapshot.h"

namespace wirescope {

CallSnapshot::CallSnapshot(const SavedRequest &request, const QString &resolvedTarget)
    : m_request(request)
    , m_resolvedTarget(resolvedTarget)
{
    m_request.body.clear();
}

void CallSnapshot::addMessage(const QString &typedText)
{
    m_messages.append(typedText.trimmed());
}

SavedRequest CallSnapshot::sentRequest() const
{
    SavedRequest sent = m_request;
    sent.body = m_messages.join(u'\n');
    return sent;
}

void CallSnapshot::setConnection(const SavedRequest &context, const QString &resolvedTarget)
{
    m_request.target = context.target;
    m_request.tls = context.tls;
    m_request.schema = context.schema;
    if (m_request.name.isEmpty())
        m_request.name = context.name;
    m_resolvedTarget = resolvedTarget;
}

} // namespace wirescope
