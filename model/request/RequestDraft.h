#pragma once

#include "model/request/CallEvent.h"
#include "model/request/CallSnapshot.h"
#include "model/request/SavedRequest.h"

#include <functional>

namespace wirescope {

class MethodRef;

// A request on its way to the wire, headless: one request as written (with its
// {{variables}}) and the variables of the environment it runs in. Preparing it resolves the
// variables, splits a stream's body into its messages and encodes each, and validates the
// metadata, so that what it yields is exactly what goes out. The request tab and
// `call --collection` prepare requests here; starting a call freezes the request into a
// CallSnapshot, which History, Run Again and Copy as grpcurl read.
class RequestDraft final {
public:
    struct Variables {
        // Resolves {{variables}} in a text; names it cannot resolve go to *unresolved. Empty:
        // no variables are defined.
        std::function<QString(const QString &text, QStringList *unresolved)> resolve;
        // Why names did not resolve, in a sentence; optional.
        std::function<QString(const QStringList &names)> explain;
    };
    enum class Part { Target, Metadata, Body };
    struct Problem {
        Part part = Part::Body;
        QString message;
    };
    struct Prepared {
        SavedRequest resolved; // every variable replaced by its value
        Metadata metadata; // the enabled entries, validated
        QList<QByteArray> messages; // the body's messages, encoded, in order
        QStringList typedMessages; // each as written, variables unresolved
        int deadlineMs = 0;
    };

    RequestDraft() = default;
    RequestDraft(SavedRequest request, Variables variables);

    const SavedRequest &request() const { return m_request; }
    void setRequest(const SavedRequest &request) { m_request = request; }
    void setVariables(Variables variables) { m_variables = std::move(variables); }

    QString resolve(const QString &text, QStringList *unresolved) const;
    // "{{a}}, {{b}}" and why they did not resolve.
    QString unresolvedMessage(const QStringList &names) const;

    // Each is false with *problem saying what and where.
    bool resolveTarget(SavedRequest *resolved, Problem *problem) const; // target and TLS
    bool resolveMetadata(Metadata *metadata, Problem *problem) const;
    // Every message of the body: a client or bidi stream's body may hold several.
    bool encodeBody(const MethodRef &method, QList<QByteArray> *messages, QStringList *typedMessages,
        Problem *problem) const;
    // Metadata, body and deadline (the target is connected to separately).
    bool prepare(const MethodRef &method, Prepared *prepared, Problem *problem) const;

    // What a call started now freezes: the request as written (so no secret value is kept)
    // and where it went; each message is added as it goes out.
    CallSnapshot snapshot(const QString &resolvedTarget) const;

private:
    SavedRequest m_request;
    Variables m_variables;
};

} // namespace wirescope
