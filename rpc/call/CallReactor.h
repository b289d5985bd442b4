#pragma once

#include "model/request/CallEvent.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

class QObject;

namespace wirescope {

class CallReactor;
class CallHandle;

// State shared by a CallHandle (GUI thread) and its CallReactor (gRPC threads). Everything
// in it is guarded by `mutex`; the context outlives the reactor so cancel is always safe.
struct CallShared {
    CallShared() = default;
    CallShared(const CallShared &) = delete;
    CallShared &operator=(const CallShared &) = delete;
    ~CallShared();

    // How many call states were freed while a reactor finished, on a gRPC thread: a
    // diagnostic for tests, which must see 0 (see releaseOffGrpcThreads).
    static int freedOnGrpcThreads();

    std::mutex mutex;
    grpc::ClientContext context;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

    CallEvents pending;
    bool drainPosted = false;
    // gRPC may run OnReadDone before OnReadInitialMetadataDone; messages that arrive first
    // wait here so the headers are always reported before them.
    bool headersReported = false;
    CallEvents heldBack;
    CallHandle *sink = nullptr; // cleared when the handle goes away
    // A finished reactor's share of this state, left for the handle to drop on its own
    // thread (see releaseOffGrpcThreads).
    std::shared_ptr<CallShared> finishedShare;

    CallReactor *reactor = nullptr;
    // Set until the first send() for calls that carry exactly one request.
    struct DeferredStart {
        std::shared_ptr<grpc::GenericStub> stub;
        std::string method;
        bool unary = false;
    };
    std::optional<DeferredStart> deferred;

    std::deque<QByteArray> outbox;
    bool halfCloseRequested = false;
    bool writesDoneStarted = false;
    bool busyWriting = false; // a write or writes-done is in flight
    bool sendingOpen = true; // the hold that keeps the reactor alive for writes is kept
    bool holdRemoved = false;

    qint64 elapsed() const;
    // Queues events and, if none are queued yet, posts one drain to the handle's thread.
    void post(CallEvent event);
    void post(CallEvents events);
    // The same with `mutex` already held, for events that must not be overtaken.
    void postLocked(CallEvents events);
    // Queues events without posting the drain yet (`mutex` held): they keep their place
    // before anything queued later. announce() posts it.
    void queueLocked(CallEvents events);
    void announce();
};

// Drives one call of any kind over gRPC's generic callback API. It owns itself: it is
// deleted after OnDone. A hold keeps it alive while the caller may still send; the hold is
// released only when no write is in flight, so a write is never started on a dead reactor.
class CallReactor final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
public:
    static void start(grpc::GenericStub *stub, const std::string &method, std::shared_ptr<CallShared> shared);
    // A server-streaming call: one request sent with the headers and the half-close.
    static void startSingle(grpc::GenericStub *stub, const std::string &method,
        std::shared_ptr<CallShared> shared, const QByteArray &request);

    // Starts the next queued write or the half-close; any thread.
    static void pump(const std::shared_ptr<CallShared> &shared);

    void OnReadInitialMetadataDone(bool ok) override;
    void OnReadDone(bool ok) override;
    void OnWriteDone(bool ok) override;
    void OnWritesDoneDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    explicit CallReactor(std::shared_ptr<CallShared> shared);
    void closeSending();
    void releaseHoldIfIdle();

    std::shared_ptr<CallShared> m_shared;
    grpc::ByteBuffer m_write;
    grpc::ByteBuffer m_read;
};

// A unary call in one batch (headers, request, half-close; response and status), the way a
// generated stub makes it: gRPC's callback unary call, which completes once. A
// ClientUnaryReactor would take two batches and two callbacks, each a hop between gRPC's
// threads, for the same call.
class UnaryCall final {
public:
    static void start(grpc::GenericStub *stub, const std::string &method, std::shared_ptr<CallShared> shared,
        const QByteArray &request);

private:
    explicit UnaryCall(std::shared_ptr<CallShared> shared);
    void done(const grpc::Status &status);

    std::shared_ptr<CallShared> m_shared;
    grpc::ByteBuffer m_request;
    grpc::ByteBuffer m_response;
};

// Starts a unary or server-streaming call that was waiting for its one request, and reports
// it as sent and half-closed (every call kind reports its half-close as an event).
bool startDeferred(const std::shared_ptr<CallShared> &shared, const QByteArray &request);

// Drops a finished reactor's share of the call on a thread of Wirescope's own. The state
// owns the ClientContext, which owns a reference to the channel; if that is the channel's
// last reference, the channel's destructor releases gRPC 1.51's callback queue, which
// joins the threads that run reactor callbacks. From one of those threads the join fails
// quietly and the queue is freed under the thread, which then crashes. While the handle
// exists, the share is left with it (it lives on a Qt thread); only a call whose handle is
// gone wakes the releasing thread, so a call in the common case costs no extra wake-up.
void releaseOffGrpcThreads(std::shared_ptr<CallShared> shared);

// The Finished event for a status; shared by both reactors.
CallEvent finishedEvent(CallShared &shared, const grpc::Status &status);

} // namespace wirescope
