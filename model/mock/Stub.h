#pragma once

#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace wirescope {

// One canned answer of a mock server, as kept in a small JSON file (one stub a file; in a
// collection under "mocks/"):
//
//     {"method": "pkg.Service/Method", "priority": 1,
//      "match": {"body": {...subset...}, "bodyMatches": {"$.text": "^hel"}, "metadata": {"k": "v"}},
//      "respond": {"body": {...}, "headers": {...}, "trailers": {...}, "delayMs": 20}}
//
// A streaming answer is "respond": {"stream": [{"body": ..., "delayMs": 10}, ...], "repeat": N};
// an error is "respond": {"status": {"code": "NOT_FOUND", "message": "...", "details": [Any
// as JSON, ...]}}, and a stream may end in one. For client and bidi streams "match" applies
// to each incoming message, and "respond": {"answer": "each"} answers every message that
// matches while the default "end" answers once after the client half-closes.
struct Stub {
    struct Match {
        QJsonValue body; // a subset of the request, deep; Undefined: any
        QMap<QString, QString> bodyMatches; // JSON path -> regular expression
        QMap<QString, QString> metadata; // exact values
        bool operator==(const Match &other) const = default;
        // How many constraints it has: ties of priority go to the most specific stub.
        int specificity() const;
    };
    struct Message {
        QJsonValue body; // JSON, may hold {{request.path}} templates in strings
        int delayMs = 0;
        bool operator==(const Message &other) const = default;
    };
    struct Status {
        int code = 0;
        QString message;
        QList<QJsonObject> details; // each an Any in JSON ("@type" and fields)
        bool operator==(const Status &other) const = default;
    };
    enum class Answer { AtEnd, EachMessage };

    QString file; // where it was read from, for errors and the call log
    QString method; // "pkg.Service/Method"
    int priority = 0;
    Match match;
    QList<Message> messages; // "body" is one message; "stream" several
    int repeat = 1; // how many times the stream is sent
    std::optional<Status> status; // none: OK
    QMap<QString, QString> headers;
    QMap<QString, QString> trailers;
    int delayMs = 0; // before the first message (or the status)
    Answer answer = Answer::AtEnd;

    bool operator==(const Stub &other) const = default;

    QJsonObject toJson() const;
    // Reads and checks one stub against `schema`: the method exists, every body fits the
    // response type (templates rendered with an example request), the match body fits the
    // request type, regular expressions compile, status codes are known. *error names the
    // file, the field and why ("mocks/echo.json: respond.body.txt: no field \"txt\" in
    // peer.v1.EchoResponse").
    static bool fromJson(
        const QJsonObject &object, const QString &file, const Schema &schema, Stub *stub, QString *error);
};

// What the matcher sees of one incoming request message.
struct IncomingMessage {
    QString method; // "pkg.Service/Method"
    QJsonValue body; // canonical proto3 JSON of the request message; Undefined at the end
    Metadata metadata; // the call's request metadata
};

// Every stub of a mock, read from a folder; a broken file makes the whole set fail to load
// (the server does not start with a broken stub set).
class StubSet final {
public:
    // Reads every *.json under `directory` (recursively, hidden entries skipped). False with
    // *errors listing each broken file with its reason; an empty or missing folder is an
    // empty set only when `mustExist` is false.
    static bool load(const QString &directory, const Schema &schema, StubSet *set, QStringList *errors,
        bool mustExist = true);

    const QList<Stub> &stubs() const { return m_stubs; }
    void add(const Stub &stub) { m_stubs.append(stub); }
    bool isEmpty() const { return m_stubs.isEmpty(); }

    // The stub that answers this message: the matching stub of the highest priority, ties to
    // the most specific, then the first by file name. Null when none matches.
    const Stub *match(const IncomingMessage &message) const;
    static bool matches(const Stub &stub, const IncomingMessage &message);

private:
    QList<Stub> m_stubs;
};

} // namespace wirescope
