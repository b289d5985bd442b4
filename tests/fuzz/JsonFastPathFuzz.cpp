// Fuzz target for JsonCodec's fast path (JsonFastPath), differential: protobuf's converter
// is the reference. The input's body is read both as JSON and as wire bytes of one demo type:
// whatever the fast path reads, the converter must read into the same message; whatever it
// prints, in any style, the converter must print as the same text. Declining is always
// allowed (the codec then asks the converter).
//
// As in json_message, the first line names the type or picks one by its bytes; the seeds
// are that target's JSON bodies and a few messages on the wire.
#include "FuzzSupport.h"

#include "model/json/JsonCodec.h"
#include "model/json/JsonFastPath.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>

using namespace wirescope;
namespace gp = google::protobuf;

namespace {

void checkRead(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &body, const QByteArray &input)
{
    const std::unique_ptr<gp::Message> fast = schema.newMessage(type);
    const std::string_view text(body.constData(), size_t(body.size()));
    const bool read = JsonFastPath::read(text, fast.get());
    std::string encoded;
    bool mapMet = false;
    const bool wasEncoded = JsonFastPath::encode(type, text, &encoded, &mapMet);
    if (wasEncoded != (read && !mapMet))
        fuzz::fail("encode and read disagree on whether to take JSON without a map", input);
    if (wasEncoded && encoded != fast->SerializePartialAsString())
        fuzz::fail("encode wrote other bytes than read's message serializes to", input);
    if (!read)
        return;
    QByteArray reference;
    JsonError error;
    if (!JsonCodec::toBinaryByConverter(schema, type, body, &reference, &error))
        fuzz::fail("the fast path read JSON that protobuf's converter refuses", input);
    const std::unique_ptr<gp::Message> expected = schema.newMessage(type);
    if (!expected->ParsePartialFromArray(reference.constData(), int(reference.size())))
        fuzz::fail("protobuf's converter wrote bytes that do not parse", input);
    // NaN read twice is the same value; -0.0 and 0.0 differ in size (only -0.0 is written).
    gp::util::DefaultFieldComparator comparator;
    comparator.set_treat_nan_as_equal(true);
    gp::util::MessageDifferencer differencer;
    differencer.set_field_comparator(&comparator);
    if (!differencer.Compare(*expected, *fast) || expected->ByteSizeLong() != fast->ByteSizeLong())
        fuzz::fail("the fast path read JSON into another message than protobuf's converter", input);
}

void checkPrint(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &body, const QByteArray &input)
{
    for (const bool indent : {false, true}) {
        for (const bool protoNames : {false, true}) {
            std::string fast;
            if (!JsonFastPath::print(
                    type, std::string_view(body.constData(), size_t(body.size())), indent, protoNames, &fast))
                continue;
            QByteArray reference;
            QString error;
            const JsonStyle style {indent, false, protoNames};
            if (!JsonCodec::toJsonByConverter(schema, type, body, &reference, style, &error))
                fuzz::fail("the fast path printed bytes that protobuf's converter refuses", input);
            if (reference != QByteArray::fromStdString(fast))
                fuzz::fail("the fast path printed other text than protobuf's converter", input);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const auto [type, body] = fuzz::typedInput(input);
    const Schema &schema = fuzz::demoSchema();
    checkRead(schema, type, body, input);
    checkPrint(schema, type, body, input);
    return 0;
}
