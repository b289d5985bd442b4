#include "rpc/demo/DemoService.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

#include <google/protobuf/util/time_util.h>

#include <QByteArray>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace wirescope {

using demo::v1::ChatMessage;
using demo::v1::Everything;
using demo::v1::FailRequest;
using demo::v1::Item;
using demo::v1::MetadataEcho;
using demo::v1::MetadataEntry;
using demo::v1::Order;
using demo::v1::Receipt;
using demo::v1::Tick;
using demo::v1::TicksRequest;

namespace {

constexpr int DefaultTickCount = 10;
// Leaves room for the Tick framing under the server's 64 MiB send limit.
constexpr int MaxPayloadSize = 64 * 1024 * 1024 - 1024;
// Short enough that a cancelled stream stops within a blink, long enough not to spin.
constexpr auto SleepSlice = std::chrono::milliseconds(10);

void addItem(Receipt *receipt, const Item &item)
{
    receipt->set_item_count(receipt->item_count() + item.quantity());
    receipt->set_total(receipt->total() + item.price() * item.quantity());
}

void stampNow(Receipt *receipt)
{
    *receipt->mutable_issued_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
}

std::string patternPayload(int size)
{
    static constexpr char Alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string payload(static_cast<size_t>(size), '\0');
    for (size_t i = 0; i < payload.size(); ++i)
        payload[i] = Alphabet[i % (sizeof(Alphabet) - 1)];
    return payload;
}

// Returns false when the call was cancelled while waiting.
bool sleepUnlessCancelled(grpc::ServerContext *context, std::chrono::milliseconds interval)
{
    const auto until = std::chrono::steady_clock::now() + interval;
    for (;;) {
        if (context->IsCancelled())
            return false;
        const auto left = until - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero())
            return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, SleepSlice));
    }
}

grpc::Status cancelled()
{
    return grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled");
}

grpc::Status validateTicks(const TicksRequest &request)
{
    if (request.count() < 0)
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "count must not be negative");
    if (request.payload_size() < 0 || request.payload_size() > MaxPayloadSize)
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
            "payload_size must be between 0 and " + std::to_string(MaxPayloadSize));
    if (request.interval_ms() < 0)
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "interval_ms must not be negative");
    return grpc::Status::OK;
}

grpc::StatusCode failureCode(int requested)
{
    if (requested < grpc::StatusCode::CANCELLED || requested > grpc::StatusCode::UNAUTHENTICATED)
        return grpc::StatusCode::INVALID_ARGUMENT;
    return static_cast<grpc::StatusCode>(requested);
}

// The google.rpc.Status that rich-error-aware clients find in grpc-status-details-bin:
// one detail of each kind the explorer knows how to render.
std::string richErrorDetails(grpc::StatusCode code, const std::string &message)
{
    google::rpc::Status status;
    status.set_code(code);
    status.set_message(message);

    google::rpc::BadRequest badRequest;
    auto *violation = badRequest.add_field_violations();
    violation->set_field("code");
    violation->set_description("the demo fails with whatever code it is asked for");
    status.add_details()->PackFrom(badRequest);

    google::rpc::ErrorInfo errorInfo;
    errorInfo.set_reason("DEMO_FAILURE");
    errorInfo.set_domain("demo.wirescope");
    (*errorInfo.mutable_metadata())["method"] = "Fail";
    status.add_details()->PackFrom(errorInfo);

    google::rpc::RetryInfo retryInfo;
    retryInfo.mutable_retry_delay()->set_seconds(1);
    retryInfo.mutable_retry_delay()->set_nanos(500'000'000);
    status.add_details()->PackFrom(retryInfo);

    google::rpc::Help help;
    auto *link = help.add_links();
    link->set_description("Richer error model");
    link->set_url("https://cloud.google.com/apis/design/errors#error_model");
    status.add_details()->PackFrom(help);

    google::rpc::LocalizedMessage localized;
    localized.set_locale("en-US");
    localized.set_message(message);
    status.add_details()->PackFrom(localized);

    return status.SerializeAsString();
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

bool isBinaryKey(const std::string &key)
{
    static constexpr char Suffix[] = "-bin";
    constexpr size_t suffixLength = sizeof(Suffix) - 1;
    return key.size() >= suffixLength && key.compare(key.size() - suffixLength, suffixLength, Suffix) == 0;
}

std::string toBase64(const std::string &bytes)
{
    return QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size()))
        .toBase64()
        .toStdString();
}

} // namespace

grpc::Status DemoService::Echo(
    grpc::ServerContext * /*context*/, const Everything *request, Everything *response)
{
    *response = *request;
    return grpc::Status::OK;
}

grpc::Status DemoService::PlaceOrder(
    grpc::ServerContext * /*context*/, const Order *request, Receipt *response)
{
    for (const Item &item : request->items())
        addItem(response, item);
    stampNow(response);
    return grpc::Status::OK;
}

grpc::Status DemoService::StreamTicks(
    grpc::ServerContext *context, const TicksRequest *request, grpc::ServerWriter<Tick> *writer)
{
    if (grpc::Status invalid = validateTicks(*request); !invalid.ok())
        return invalid;
    const int count = request->count() == 0 ? DefaultTickCount : request->count();
    const std::chrono::milliseconds interval(request->interval_ms());

    // One Tick for the whole stream: the benchmark sends hundreds of thousands of them.
    Tick tick;
    tick.set_payload(patternPayload(request->payload_size()));
    for (int seq = 1; seq <= count; ++seq) {
        if (context->IsCancelled())
            return cancelled();
        tick.set_seq(seq);
        if (!writer->Write(tick))
            return cancelled();
        if (interval.count() > 0 && seq < count && !sleepUnlessCancelled(context, interval))
            return cancelled();
    }
    return grpc::Status::OK;
}

grpc::Status DemoService::Collect(
    grpc::ServerContext *context, grpc::ServerReader<Item> *reader, Receipt *response)
{
    Item item;
    while (reader->Read(&item))
        addItem(response, item);
    if (context->IsCancelled())
        return cancelled();
    stampNow(response);
    return grpc::Status::OK;
}

grpc::Status DemoService::Chat(
    grpc::ServerContext *context, grpc::ServerReaderWriter<ChatMessage, ChatMessage> *stream)
{
    ChatMessage incoming;
    ChatMessage reply;
    reply.set_from("demo");
    while (stream->Read(&incoming)) {
        reply.set_text("echo: " + incoming.text());
        reply.set_mood(incoming.mood());
        if (!stream->Write(reply))
            return cancelled();
    }
    return context->IsCancelled() ? cancelled() : grpc::Status::OK;
}

grpc::Status DemoService::Fail(
    grpc::ServerContext * /*context*/, const FailRequest *request, google::protobuf::Empty * /*response*/)
{
    const grpc::StatusCode code = failureCode(request->code());
    const std::string message
        = request->message().empty() ? std::string("the demo always fails here") : request->message();
    return grpc::Status(code, message, richErrorDetails(code, message));
}

grpc::Status DemoService::EchoMetadata(
    grpc::ServerContext *context, const google::protobuf::Empty * /*request*/, MetadataEcho *response)
{
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto &[key, value] : context->client_metadata()) {
        std::string name(key.data(), key.size());
        // Reserved and pseudo headers belong to the transport, not to the caller.
        if (startsWith(name, "grpc-") || startsWith(name, ":"))
            continue;
        entries.emplace_back(std::move(name), std::string(value.data(), value.size()));
    }
    // Stable, so repeated keys keep the order the client sent them in.
    std::stable_sort(
        entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    for (const auto &[key, value] : entries) {
        context->AddInitialMetadata("echo-" + key, value);
        context->AddTrailingMetadata("trailer-echo-" + key, value);
        MetadataEntry *entry = response->add_entries();
        const bool binary = isBinaryKey(key);
        entry->set_key(key);
        entry->set_value(binary ? toBase64(value) : value);
        entry->set_binary(binary);
    }
    return grpc::Status::OK;
}

} // namespace wirescope
