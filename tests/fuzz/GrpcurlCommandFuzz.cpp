// Fuzz target for pasted grpcurl commands: any text through GrpcurlCommand::parse must
// give a request or an error that says why, never a crash. A command that parses becomes a
// request, and "copy as grpcurl" of that request (GrpcurlCommand::toCommandLine, as the
// saved-requests and history views call it) must parse again without warnings: the two
// directions are one feature, and GrpcurlCommandTest::roundTrip checks the same for
// hand-made requests.
#include "FuzzSupport.h"

#include "model/request/GrpcurlCommand.h"

using namespace wirescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A pasted command with a large body is still one shell line; 64 KB covers every shape.
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const GrpcurlCommand::ParseResult parsed = GrpcurlCommand::parse(QString::fromUtf8(input));
    if (!parsed.ok) {
        if (parsed.error.isEmpty())
            fuzz::fail("GrpcurlCommand::parse refused a command without a reason", input);
        return 0;
    }
    const QString line = GrpcurlCommand::toCommandLine(parsed.request);
    const GrpcurlCommand::ParseResult again = GrpcurlCommand::parse(line);
    if (!again.ok)
        fuzz::fail("GrpcurlCommand::toCommandLine of a parsed command does not parse again", input);
    if (!again.warnings.isEmpty())
        fuzz::fail("GrpcurlCommand::toCommandLine writes a flag that parse only warns about", input);
    return 0;
}
