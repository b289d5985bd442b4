#pragma once

#include "model/request/SavedRequest.h"

namespace wirescope {

// Requests as grpcurl command lines, both ways: "copy as grpcurl" and "paste a grpcurl
// command to make a request". Understands the flags a saved request can hold (-d, -H,
// -plaintext, -import-path, -proto, -protoset, -cacert, -cert, -key, -authority,
// -max-time), in grpcurl's single-dash and the double-dash spelling, "-flag value" and
// "-flag=value", and accepts "grpcurl" or "wirescope [call]" as the first word.
namespace GrpcurlCommand {

struct ParseResult {
    bool ok = false;
    SavedRequest request;
    QString error;
    QStringList warnings; // flags understood but not kept (-v, -insecure, ...)
};

// A POSIX shell command line: only what a shell would need is quoted, with single quotes.
// Disabled metadata is left out; paths are written as the request holds them.
QString toCommandLine(const SavedRequest &request, const QString &program = QStringLiteral("grpcurl"));
ParseResult parse(const QString &commandLine);

// The shell's word splitting: blanks separate, '...' is literal, "..." honours \" \\ \$ \`,
// a backslash escapes the next character and a backslash-newline continues the line.
bool splitShellWords(const QString &commandLine, QStringList *words, QString *error);
QString shellQuote(const QString &word);

} // namespace GrpcurlCommand

} // namespace wirescope
