// Fuzz target for JSON bodies: any text, read as any message type of the demo schema (the
// well-known types it imports included) by JsonCodec::toBinary, must convert or be refused
// with a reason. What converts is printed back with JsonCodec::toJson, and JSON the codec
// printed must convert again: a response copied into a request is sent as it is.
//
// The input's first line names the type ("wirescope.demo.v1.Everything") and the rest is
// the body; a first line that names no type picks one by its bytes, so mutations reach
// every type. Without a line break the whole input is the body of the first type.
#include "FuzzSupport.h"

#include "model/json/JsonCodec.h"

#include <google/protobuf/descriptor.h>

using namespace wirescope;
namespace gp = google::protobuf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Bodies are typed by hand; larger ones take longer without reaching new code.
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const auto [type, body] = fuzz::typedInput(input);
    const Schema &schema = fuzz::demoSchema();

    QByteArray binary;
    JsonError error;
    if (!JsonCodec::toBinary(schema, type, body, &binary, &error)) {
        if (error.message.isEmpty())
            fuzz::fail("JsonCodec::toBinary refused a body without a reason", input);
        return 0;
    }
    // Printing may refuse by design (messages nested past the printer's own limit of 64, a
    // field mask path with no camelCase form); what it prints must read back unless it is
    // nested past toBinary's limit on text. The style with defaults is only exercised: the
    // empty lists it adds deepen the text by one.
    const JsonStyle compact {false, false, true};
    const JsonStyle everything {true, true, false};
    QByteArray printed;
    QString problem;
    if (JsonCodec::toJson(schema, type, binary, &printed, compact, &problem)) {
        QByteArray again;
        if (JsonCodec::nestingDepth(printed) <= JsonCodec::MaxNesting
            && !JsonCodec::toBinary(schema, type, printed, &again, &error))
            fuzz::fail("JSON printed by JsonCodec::toJson is refused by JsonCodec::toBinary", input);
    }
    (void)JsonCodec::toJson(schema, type, binary, &printed, everything, &problem);
    return 0;
}
