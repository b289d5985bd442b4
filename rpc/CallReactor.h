#pragma once

#include "model/CallEvent.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>

#include <chrono>
#include <deque>
#include <mutex>

class QObject;

namespace wirescope {

class CallReactor;
class CallHandle;

// State shared by a CallHandle (GUI thread) and its CallReactor (gRPC threads). Everything
// in it is guarded by `mutex`; the context outlives the reactor so cancel is always safe.
struct CallShared {
    std::mutex mutex;
    grpc::ClientContext context;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

    CallEvents pending;
    bool drainPosted = false;
    CallHandle *sink = nullptr; // cleared when the handle goes away

    CallReactor *reactor = nullptr;
    std::deque<QByteArray> outbox;
    bool halfCloseRequested = false;
    bool writesDoneStarted = false;
    bool busyWriting = false;  // a write or writes-done is in flight
    bool sendingOpen = true;   // the hold that keeps the reactor alive for writes is kept
    bool holdRemoved = false;

    qint64 elapsed() const;
    // Queues an event and, if none is queued yet, posts one drain to the handle's thread.
    void post(CallEvent event);
};

// Drives one call of any kind over gRPC's generic callback API. It owns itself: it is
// deleted after OnDone. A hold keeps it alive while the caller may still send; the hold is
// released only when no write is in flight, so a write is never started on a dead reactor.
class CallReactor final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>
{
public:
    static void start(grpc::GenericStub *stub, const std::string &method,
                      std::shared_ptr<CallShared> shared);

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

} // namespace wirescope
