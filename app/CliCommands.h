#pragma once

namespace wirescope {

struct CliArgs;

// The headless subcommands. Each returns the process exit status: 0 on success, 1 when the
// schema or the server cannot be reached, 2 for a bad command line, 64 + the gRPC status
// code when a call ends with a non-OK status (as grpcurl does).
namespace CliCommands {

int list(const CliArgs &args);
int describe(const CliArgs &args);
int call(const CliArgs &args);
// Prints the annotated dump of a message's bytes, as text or as a standalone HTML or SVG
// document (--format), to standard output or -o FILE; 1 when they hold an error (what was
// decoded up to it is still written), 2 when the input or the type cannot be had or FILE
// cannot be written.
int inspect(const CliArgs &args);
int serveDemo(const CliArgs &args);
// Prints a message's bytes from its JSON: exactly protoc --encode's (fields by number,
// repeated scalars packed); 1 when the JSON does not fit the type, 2 for a bad command line.
int encode(const CliArgs &args);
// Compares two versions of one message type (--writer and --reader, app/CliEvolve.cpp) and
// prints each change with its verdict and reason: what code built with the reader's version
// makes of messages written with the writer's. With a message (-d, --hex, --base64), only
// changes in fields it holds count. 1 when a change breaks the reader, 2 for a bad command
// line, a schema that does not load or a message that does not fit the writer's type.
int evolve(const CliArgs &args);
// Runs a collection's requests as tests (app/CliRun.cpp): 0 when every check held, 1 when
// one failed, 2 for a bad command line or an unreadable collection.
int run(const CliArgs &args);
// Serves a mock of a schema until SIGINT or SIGTERM (app/CliMock.cpp); 1 when it cannot
// start (a broken stub names its file), 2 for a bad command line.
int mock(const CliArgs &args);
// Load tests one method (app/CliBench.cpp) and prints the report; 1 when --fail-p99 or
// --fail-errors is exceeded or the schema cannot be had, 2 for a bad command line.
int bench(const CliArgs &args);

} // namespace CliCommands

} // namespace wirescope
