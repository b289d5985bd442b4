#pragma once

#include "model/request/CallEvent.h"

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

namespace grpc {
class Alarm;
}

namespace wirescope {

// Counts the streams of one server that are still alive, so stopping the server can wait
// for the last one to be gone before the state they share is released.
class StreamTracker final {
public:
    StreamTracker() = default;
    Q_DISABLE_COPY_MOVE(StreamTracker)

    // Held by a stream from its construction to the very end of its destruction.
    class Token final {
    public:
        explicit Token(std::shared_ptr<StreamTracker> tracker);
        ~Token();
        Q_DISABLE_COPY_MOVE(Token)

    private:
        std::shared_ptr<StreamTracker> m_tracker;
    };

    void waitIdle();

private:
    std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_live = 0;
};

// One call on a generic callback server, as a queue of things to send: the headers, then
// messages (each after its delay) and finally the status. Delays wait on a grpc::Alarm, never
// on a thread. The stream deletes itself after OnDone; it finishes only when nothing it
// started is still pending (a write, an alarm, a hold), so no callback reaches a dead stream.
// Subclasses react to what arrives through the hooks below, which run on gRPC's threads one
// read at a time; they may queue answers from a hook, or from any thread while they hold a
// hold.
class ServerStream : public grpc::ServerGenericBidiReactor {
public:
    ServerStream(grpc::CallbackServerContext *context, std::shared_ptr<StreamTracker> tracker);
    ~ServerStream() override;
    Q_DISABLE_COPY_MOVE(ServerStream)

    // Starts reading requests; called once the subclass is fully constructed.
    void begin();

    void OnSendInitialMetadataDone(bool ok) final;
    void OnReadDone(bool ok) final;
    void OnWriteDone(bool ok) final;
    void OnCancel() final;
    void OnDone() final;

protected:
    virtual void onMessage(const QByteArray &bytes) = 0;
    // The client half-closed (not called after a cancellation).
    virtual void onHalfClose() = 0;
    // The client cancelled or the server is shutting down; the stream finishes as CANCELLED.
    virtual void onCancelled() { }
    // Called just before the headers or a message go out.
    virtual void onHeadersSent(const Metadata & /*headers*/) { }
    virtual void onMessageSent(const QByteArray & /*bytes*/) { }
    // Called once, right before the stream is deleted.
    virtual void onFinished(
        const grpc::Status & /*status*/, const Metadata & /*trailers*/, bool /*cancelled*/)
    {
    }

    grpc::CallbackServerContext *context() const { return m_context; }

    // Replaces the headers to send, unless they have gone out already.
    void setHeaders(const Metadata &headers);
    void queueMessage(const QByteArray &bytes, int delayMs = 0);
    // Ends the stream after everything queued before; later messages are ignored.
    void queueFinish(const grpc::Status &status, const Metadata &trailers = {}, int delayMs = 0);
    bool finishQueued() const;

    // A hold keeps the stream from finishing (work on another thread that will still queue
    // something). releaseHold() may finish and delete the stream: the caller must not touch
    // it afterwards.
    void addHold();
    void releaseHold();

private:
    struct Step {
        bool finish = false;
        int delayMs = 0;
        QByteArray bytes;
        grpc::Status status;
        Metadata trailers;
    };
    enum class Action { None, Wait, SendHeaders, Write, Finish };
    struct Next {
        Action action = Action::None;
        std::chrono::system_clock::time_point deadline;
        Metadata headers; // went out with this action
        QByteArray message;
        grpc::Status status;
    };

    Next nextLocked();
    grpc::Status finishLocked(const Step &step);
    void perform(const Next &next);
    void armAlarm(std::chrono::system_clock::time_point deadline);
    void onAlarm();

    StreamTracker::Token m_token; // first: released last, after everything else
    grpc::CallbackServerContext *m_context;
    mutable std::mutex m_mutex;
    std::deque<Step> m_steps;
    Metadata m_headers;
    bool m_headersSent = false;
    bool m_finishQueued = false;
    bool m_finishCalled = false;
    bool m_busy = false; // a write or the headers are in flight
    bool m_waiting = false; // an alarm is set
    bool m_arming = false; // an alarm is being set
    bool m_writeFailed = false;
    bool m_cancelled = false;
    int m_holds = 0;
    std::unique_ptr<grpc::Alarm> m_alarm;
    grpc::ByteBuffer m_read;
    grpc::ByteBuffer m_write;
    grpc::Status m_finalStatus;
    Metadata m_finalTrailers;
};

// The bytes of a buffer gRPC handed over, and the other way round.
QByteArray byteBufferBytes(const grpc::ByteBuffer &buffer);
grpc::ByteBuffer toByteBuffer(const QByteArray &bytes);
// Metadata as gRPC keeps it (client metadata, a channel's headers and trailers).
Metadata toMetadata(const std::multimap<grpc::string_ref, grpc::string_ref> &map);

} // namespace wirescope
