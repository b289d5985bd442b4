#pragma once

#include "model/request/CallEvent.h"

#include <QObject>

#include <memory>

namespace wirescope {

struct CallShared;

// What a caller keeps of a running call: send messages while responses arrive, half-close,
// cancel. Events arrive in batches through events() on the handle's thread; gRPC's threads
// never touch the handle itself. Deleting the handle cancels the call.
class CallHandle final : public QObject {
    Q_OBJECT

public:
    ~CallHandle() override;
    Q_DISABLE_COPY_MOVE(CallHandle)

    // Queues one request message (its wire bytes). False once the request side is closed.
    bool send(const QByteArray &message);
    // No more requests will follow. Reported as a HalfClosed event once done; unary and
    // server-streaming calls report it right after their one request's Sent event.
    void halfClose();
    void cancel();

    bool isFinished() const { return m_finished; }
    const CallStatus &status() const { return m_status; }

Q_SIGNALS:
    void events(const wirescope::CallEvents &batch);
    void finished(const wirescope::CallStatus &status);

private:
    friend class Connection;
    friend struct CallShared;
    explicit CallHandle(std::shared_ptr<CallShared> shared, QObject *parent);
    void drain();

    std::shared_ptr<CallShared> m_shared;
    CallStatus m_status;
    bool m_finished = false;
};

} // namespace wirescope
