// LoadRequest: a request made ready for a load run, shared by the Load page and `bench`.

#pragma once

#include "model/request/RequestDraft.h"
#include "rpc/call/ChannelOptions.h"
#include "rpc/call/Connection.h"
#include "rpc/call/LoadCaller.h"

#include <memory>
#include <vector>

namespace wirescope {

class MethodRef;

// What a load run sends, and over what, made from a request the way a single call is made
// from it: the request tab's Load page and `wirescope bench` build their LoadRun here, so a
// run sends what Send would, and {{seq}} or {{randomInt A B}} in a body or metadata value
// are rendered per call in one place.
namespace LoadRequest {

struct Prepared {
    CallSpec spec; // method, kind, deadline and (when nothing varies) the metadata
    QList<QByteArray> messages; // encoded; call 1's when the requests vary
    LoadCaller::Vary vary; // set when the body or metadata hold per-call helpers
    QStringList typedMessages; // as written, variables unresolved: for the run's snapshot
};

// `variables` with a load run's per-call helpers left as written rather than reported as
// unresolved: no environment defines "seq", and each call renders its own.
RequestDraft::Variables keepingHelpers(const RequestDraft::Variables &variables);

// A request (as written, with its environment's variables) ready to be sent again and
// again; false with *error saying what stops it (a variable no environment defines, bad
// metadata, a body that does not fit the method's request type, a helper not well formed).
bool prepare(const SavedRequest &request, const RequestDraft::Variables &variables, const MethodRef &method,
    Prepared *prepared, QString *error);

// Requests that differ per call: each call takes the next number from 1 and renders
// `bodies` (JSON, one per message) and `metadataLines` ("key: value") with it. A body that
// no longer fits once rendered (a number out of its field's range) is sent as `fallback`
// (call 1's encoded message, checked before the run) rather than failing the call.
LoadCaller::Vary perCall(const MethodRef &method, const QList<QByteArray> &bodies,
    const QStringList &metadataLines, const QList<QByteArray> &fallback);

// `count` connections to where `options` point, each a TCP connection of its own (gRPC
// would otherwise share one among them). They connect lazily: the CLI waits for them, the
// GUI watches their state without blocking.
std::vector<std::shared_ptr<Connection>> connections(ChannelOptions options, int count);

} // namespace LoadRequest

} // namespace wirescope
