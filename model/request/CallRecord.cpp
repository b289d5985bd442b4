#include "model/request/CallRecord.h"

namespace wirescope {

void CallRecord::apply(const CallEvents &events)
{
    for (const CallEvent &event : events) {
        m_elapsedNanos = std::max(m_elapsedNanos, event.nanos);
        switch (event.type) {
        case CallEvent::Type::Sent:
            m_frames.push_back({event.nanos, event.payload, Direction::Sent});
            ++m_sent;
            m_sentBytes += event.payload.size();
            break;
        case CallEvent::Type::Received:
            m_frames.push_back({event.nanos, event.payload, Direction::Received});
            ++m_received;
            m_receivedBytes += event.payload.size();
            break;
        case CallEvent::Type::Headers:
            m_headers = event.metadata;
            m_hasHeaders = true;
            break;
        case CallEvent::Type::HalfClosed:
            break;
        case CallEvent::Type::Finished:
            m_trailers = event.metadata;
            m_status = event.status;
            break;
        }
    }
}

void CallRecord::clear()
{
    *this = CallRecord();
}

} // namespace wirescope
