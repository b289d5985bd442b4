#pragma once

#include "model/request/CallEvent.h"

#include <deque>

namespace wirescope {

// Everything that happened on one call, accumulated from its events: every frame with its
// direction, time and exact wire bytes; headers; trailers; final status. Messages are kept
// as bytes and decoded on demand, so a long stream costs its wire size plus a small,
// fixed overhead per frame (see bytesPerFrameOverhead()).
class CallRecord final {
public:
    enum class Direction : quint8 { Sent, Received };

    struct Frame {
        qint64 nanos = 0;
        QByteArray bytes;
        Direction direction = Direction::Sent;
    };

    void apply(const CallEvents &events);
    void clear();
    // Forgets one frame's bytes; its time, direction and counted size stay (a memory cap).
    void releaseBytes(size_t frame) { m_frames[frame].bytes = QByteArray(); }

    const std::deque<Frame> &frames() const { return m_frames; }
    const Metadata &headers() const { return m_headers; }
    const Metadata &trailers() const { return m_trailers; }
    const CallStatus &status() const { return m_status; }
    bool isFinished() const { return m_status.code >= 0; }
    bool hasHeaders() const { return m_hasHeaders; }
    qint64 elapsedNanos() const { return m_elapsedNanos; }
    int sentCount() const { return m_sent; }
    int receivedCount() const { return m_received; }
    qint64 receivedBytes() const { return m_receivedBytes; }
    qint64 sentBytes() const { return m_sentBytes; }

    // Memory each frame costs beyond its payload bytes (record plus allocation header).
    static constexpr qint64 bytesPerFrameOverhead() { return qint64(sizeof(Frame)) + 32; }

private:
    // A deque: growing it never moves what is there, so a long stream has no copying spikes.
    std::deque<Frame> m_frames;
    Metadata m_headers;
    Metadata m_trailers;
    CallStatus m_status;
    bool m_hasHeaders = false;
    qint64 m_elapsedNanos = 0;
    int m_sent = 0;
    int m_received = 0;
    qint64 m_receivedBytes = 0;
    qint64 m_sentBytes = 0;
};

} // namespace wirescope
