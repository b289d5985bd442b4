#pragma once

#include "model/request/CallEvent.h"

#include <QByteArray>
#include <QList>

#include <chrono>
#include <functional>
#include <memory>

namespace grpc {
class Channel;
}

namespace wirescope {

class Connection;
class LoadTally;
struct CallSpec;
struct LoadCallerShared;

// Starts many calls of one method at load-test rates, with nothing per call beyond gRPC's
// own state: no QObject, no event and no signal. Each call sends the pre-encoded messages
// (shared, never copied), counts what comes back and, when it ends, puts its latency from
// its intended start and its status in the LoadTally. The method is registered on the
// channel as generated stubs register theirs, so a call costs what a generated one does.
// The connection must outlive every call started here (the load run keeps it).
class LoadCaller final {
public:
    using Clock = std::chrono::steady_clock;

    // `messages`: a unary or server-streaming call's one request, or every message of a
    // client or bidi stream. `ended` runs on a gRPC thread after each call's result is in
    // `tally` and its gRPC state is freed; it may start the next call.
    LoadCaller(const Connection &connection, const CallSpec &spec, const QList<QByteArray> &messages,
        std::shared_ptr<LoadTally> tally, Clock::time_point origin, std::function<void()> ended);
    ~LoadCaller();
    Q_DISABLE_COPY_MOVE(LoadCaller)

    // Requests that differ per call ({{seq}} in a body or metadata): called as each call
    // starts, on whichever thread starts it, to fill that call's encoded messages and
    // metadata. Unset, every call sends the same shared messages. Set before the first start.
    using Vary = std::function<void(QList<QByteArray> *messages, Metadata *metadata)>;
    void setVary(Vary vary);

    bool isValid() const; // false when the connection has no channel
    // Starts one call now, from any thread; `intendedNanos` is when the schedule meant it to
    // start, counted from `origin`. Its latency is measured from then.
    void start(qint64 intendedNanos);
    // Cancels every call in flight and those started from now on; a cancelled call counts as
    // abandoned, not as an error. Any thread but gRPC's.
    void cancelAll();
    qint64 nanosSinceOrigin() const;

private:
    std::shared_ptr<grpc::Channel> m_channel; // kept here, never in a call: see Connection
    std::shared_ptr<LoadCallerShared> d;
};

} // namespace wirescope
