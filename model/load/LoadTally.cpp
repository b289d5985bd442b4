#include "model/load/LoadTally.h"

#include "model/load/LoadReport.h"
#include "model/request/CallEvent.h"

namespace wirescope {

namespace {

const QString &overloadKey()
{
    static const QString key = QStringLiteral("client overload");
    return key;
}

} // namespace

void LoadTally::record(const Call &call)
{
    // The error's text is made before the lock, so the lock is held for counting alone.
    QString errorKey;
    if (call.code != 0)
        errorKey = statusCodeName(call.code) + QStringLiteral(": ") + QString::fromStdString(call.message);
    std::lock_guard lock(m_mutex);
    m_latency.record(call.latencyNanos);
    if (call.firstMessageNanos >= 0)
        m_firstMessage.record(call.firstMessageNanos);
    if (call.code >= 0 && size_t(call.code) < m_codes.size())
        ++m_codes[size_t(call.code)];
    else
        ++m_otherCodes[call.code];
    m_sent += call.sent;
    m_received += call.received;
    if (call.code == 0)
        return;
    const auto known = m_errors.find(errorKey);
    if (known != m_errors.end())
        ++*known;
    else if (m_errors.size() < MaxErrorKinds)
        m_errors.insert(errorKey, 1);
    else
        ++m_otherErrors;
}

void LoadTally::recordNotStarted()
{
    std::lock_guard lock(m_mutex);
    ++m_notStarted;
}

void LoadTally::recordAbandoned()
{
    std::lock_guard lock(m_mutex);
    ++m_abandoned;
}

void LoadTally::fill(LoadReport *report) const
{
    std::lock_guard lock(m_mutex);
    report->latency = m_latency;
    report->firstMessage = m_firstMessage;
    report->statusCodes.clear();
    report->errors.clear();
    qint64 ended = 0;
    for (size_t code = 0; code < m_codes.size(); ++code) {
        if (m_codes[code] > 0)
            report->statusCodes.insert(statusCodeName(int(code)), m_codes[code]);
        ended += m_codes[code];
    }
    for (auto it = m_otherCodes.constBegin(); it != m_otherCodes.constEnd(); ++it) {
        report->statusCodes.insert(statusCodeName(it.key()), it.value());
        ended += it.value();
    }
    for (auto it = m_errors.constBegin(); it != m_errors.constEnd(); ++it)
        report->errors.insert(it.key(), it.value());
    if (m_otherErrors > 0)
        report->errors.insert(QStringLiteral("(other errors)"), m_otherErrors);
    if (m_notStarted > 0)
        report->errors.insert(overloadKey(), m_notStarted);
    report->count = ended + m_notStarted;
    report->notStarted = m_notStarted;
    report->abandoned = m_abandoned;
    report->messagesSent = m_sent;
    report->messagesReceived = m_received;
}

} // namespace wirescope
