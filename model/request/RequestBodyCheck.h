#pragma once

#include "model/json/JsonCodec.h"
#include "model/json/JsonErrorLocation.h"
#include "model/schema/MethodRef.h"

namespace wirescope {

// What checking a request body found: the body with its {{variables}} resolved (the wire
// text) encoded, and the body as typed encoded when that differs (the form shows the typed
// body). Computing it touches only immutable schema data, so a large body is checked on a
// worker thread while the window goes on.
struct RequestBodyCheck {
    // Bodies at least this long (in characters) are checked off the GUI thread.
    static constexpr qsizetype BackgroundChars = 64 * 1024;

    QString wireText; // what was checked: the body with its variables resolved
    bool ok = false; // the wire text encodes
    QByteArray binary; // ... to these bytes
    JsonError error; // ... or why not
    bool typedDiffers = false; // variables were resolved: the typed text is not the wire text
    bool typedOk = false; // the typed text encodes (true when it is the wire text and ok)
    QByteArray typedBinary;
    JsonError typedError;
    JsonErrorLocation where; // where to mark the error in the typed text, when it has one
    // Every error found in the typed text, each where it is: the first is typedError at
    // `where`; after it, errors of other fields and of other messages of a stream.
    QList<MarkedJsonError> typedErrors;
    static constexpr int MaxMarkedErrors = 10;
    // A client or bidi stream's body may hold several messages, one JSON value after another:
    // then every one's bytes, in order (`binary` and `typedBinary` are the first's). Empty
    // for a body of one message.
    QList<QByteArray> messages;
    QStringList typedMessages; // each message's text as typed

    static RequestBodyCheck run(const MethodRef &method, const QString &text, const QString &wireText);

private:
    static RequestBodyCheck runSequence(const MethodRef &method, const QString &text, const QString &wireText,
        const QList<QByteArray> &typedValues);
};

} // namespace wirescope
