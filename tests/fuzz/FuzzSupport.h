// What every fuzz target in tests/fuzz shares: quiet logs, the demo schema loaded once, a
// way to stop on a broken invariant, and the checks every built schema must pass.
#pragma once

#include "model/schema/Schema.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <vector>

// libFuzzer calls it once before the first run; the standalone driver (FuzzMain.cpp) too.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace wirescope::fuzz {

// The run's bytes without a copy; valid only during the run.
QByteArray bytesOf(const uint8_t *data, size_t size);

// The folder holding wirescope/demo/v1/demo.proto: $WIRESCOPE_DEMO_PROTO_ROOT, else the
// source tree's resources/proto.
QString demoProtoRoot();

// The demo schema, loaded on first use and kept for the process: descriptors taken from it
// must outlive every run. A demo schema that does not load is a broken setup: it aborts.
const Schema &demoSchema();

// The demo schema's sources as another source of a merged schema holds them: descriptors
// only (no built pool) and, to keep runs fast, without source positions.
const std::vector<SchemaSource> &demoSources();

// Every message type demo.proto defines or imports, sorted by name so that a pick by bytes
// does not depend on the order protobuf happens to keep them in.
const std::vector<const google::protobuf::Descriptor *> &demoMessageTypes();

// An input whose first line names a demo type ("wirescope.demo.v1.Everything") or, naming
// none, picks one by its bytes so that mutations reach every type; the rest is the body.
// Without a line break the whole input is the body of the first type.
struct TypedInput {
    const google::protobuf::Descriptor *type = nullptr;
    QByteArray body;
};
TypedInput typedInput(const QByteArray &input);

// Stops the process on a broken invariant: names it and shows the input's first bytes, so
// the report makes sense without the reproducer file at hand.
[[noreturn]] void fail(const char *invariant, const QByteArray &input);

// Whatever a schema came from, what the app does with it right after loading must hold:
// every listed service and method is found again by name, and an example body can be
// written (and converted) for a few methods.
void checkSchema(const Schema &schema, const QByteArray &input);

} // namespace wirescope::fuzz
