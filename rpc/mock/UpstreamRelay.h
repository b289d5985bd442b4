#pragma once

#include "model/request/CallEvent.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>

namespace wirescope {

class UpstreamRelay;

// One call forwarded to the real server in record mode, as its server-side call sees it:
// messages to send and a half-close, from any thread. The context lives as long as either
// side holds this, so cancelling is always safe.
struct UpstreamCall {
    UpstreamCall() = default;
    Q_DISABLE_COPY_MOVE(UpstreamCall)

    grpc::ClientContext context;
    std::mutex mutex;
    UpstreamRelay *reactor = nullptr; // null until started and after OnDone
    std::deque<QByteArray> outbox;
    bool halfCloseRequested = false;
    bool writesDoneStarted = false;
    bool busyWriting = false;
    bool sendingOpen = true; // the hold that keeps the reactor alive for writes is kept
    bool holdRemoved = false;
};

// The client side of a forwarded call, over gRPC's generic callback API. The listener hears
// the upstream's headers, then each message, then the end; it must stay alive until
// upstreamFinished(), which comes last, after the relay has deleted itself.
class UpstreamRelay final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
public:
    class Listener {
    public:
        virtual void upstreamHeaders(const Metadata &headers) = 0;
        virtual void upstreamMessage(const QByteArray &bytes) = 0;
        virtual void upstreamFinished(const CallStatus &status, const Metadata &trailers) = 0;

    protected:
        ~Listener() = default;
    };

    // A call not yet started: metadata and deadline are set on its context.
    static std::shared_ptr<UpstreamCall> prepare(
        const Metadata &metadata, std::chrono::system_clock::time_point deadline);
    static void start(grpc::GenericStub *stub, const std::string &method,
        const std::shared_ptr<UpstreamCall> &call, Listener *listener);
    // Any thread; ignored once the request side is closed.
    static void send(const std::shared_ptr<UpstreamCall> &call, const QByteArray &message);
    static void halfClose(const std::shared_ptr<UpstreamCall> &call);

    void OnReadInitialMetadataDone(bool ok) override;
    void OnReadDone(bool ok) override;
    void OnWriteDone(bool ok) override;
    void OnWritesDoneDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    UpstreamRelay(std::shared_ptr<UpstreamCall> call, Listener *listener);
    static void pump(const std::shared_ptr<UpstreamCall> &call);
    void closeSending();
    void releaseHoldIfIdle();

    std::shared_ptr<UpstreamCall> m_call;
    Listener *m_listener;
    grpc::ByteBuffer m_read;
    grpc::ByteBuffer m_write;
};

} // namespace wirescope
