// LoadRequest: a request made ready for a load run, shared by the Load page and `bench`.

#include "rpc/load/LoadRequest.h"

#include "model/json/JsonStream.h"
#include "model/json/MetadataText.h"
#include "model/load/LoadTemplate.h"
#include "model/schema/MethodRef.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>

namespace wirescope::LoadRequest {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LoadRequest", text);
}

// The enabled metadata as "key: value" lines, variables resolved and helpers left.
QStringList metadataLines(const RequestDraft &draft)
{
    QStringList lines;
    QStringList ignored; // resolveMetadata has already refused what does not resolve
    for (const SavedRequest::MetadataItem &item : draft.request().metadata) {
        if (item.enabled)
            lines.append(draft.resolve(item.key, &ignored) + QStringLiteral(": ")
                + draft.resolve(item.value, &ignored));
    }
    return lines;
}

// The body's messages as written: what the run's snapshot keeps.
QStringList typedMessages(const QString &body)
{
    QByteArray leftover;
    QStringList typed;
    for (const QByteArray &value : JsonStream::split(body.toUtf8(), &leftover))
        typed.append(QString::fromUtf8(value));
    return typed.isEmpty() ? QStringList {body} : typed;
}

// Requests with per-call helpers: call 1's messages are encoded now, so a body that cannot
// fit the method fails here and not in every call of the run.
bool prepareVarying(const MethodRef &method, const QString &written, const QString &body,
    const QStringList &lines, Prepared *prepared, QString *error)
{
    for (const QString &part : lines + QStringList {body}) {
        if (!LoadTemplate::check(part, error))
            return false;
    }
    QByteArray leftover;
    QList<QByteArray> bodies = JsonStream::split(body.toUtf8(), &leftover);
    if (!leftover.trimmed().isEmpty())
        bodies.append(leftover); // the codec says what is wrong with it, and where
    if (bodies.isEmpty() && !clientStreams(method.kind()))
        bodies.append(QByteArrayLiteral("{}"));
    if (!clientStreams(method.kind()) && bodies.size() > 1) {
        *error = tr("%1 takes one request; the body holds %2").arg(method.fullName()).arg(bodies.size());
        return false;
    }
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        QByteArray bytes;
        JsonError jsonError;
        const QByteArray json = LoadTemplate::render(QString::fromUtf8(bodies.at(i)), 1).toUtf8();
        if (!method.encodeRequest(json, &bytes, &jsonError)) {
            *error = tr("message %1 (as call 1 renders it) does not fit %2: %3")
                         .arg(i + 1)
                         .arg(method.requestTypeName(), jsonError.toString());
            return false;
        }
        prepared->messages.append(bytes);
    }
    prepared->typedMessages = typedMessages(written);
    prepared->spec.metadata.clear(); // each call renders its own
    prepared->vary = perCall(method, bodies, lines, prepared->messages);
    return true;
}

} // namespace

RequestDraft::Variables keepingHelpers(const RequestDraft::Variables &variables)
{
    const RequestDraft outer({}, variables);
    return {[outer](const QString &text, QStringList *unresolved) {
                return LoadTemplate::mapOutside(
                    text, [&](const QString &part) { return outer.resolve(part, unresolved); });
            },
        variables.explain};
}

bool prepare(const SavedRequest &request, const RequestDraft::Variables &variables, const MethodRef &method,
    Prepared *prepared, QString *error)
{
    *prepared = Prepared();
    const RequestDraft draft(request, keepingHelpers(variables));
    prepared->spec.method = method.path();
    prepared->spec.kind = method.kind();
    prepared->spec.deadlineMs = request.deadlineMs;
    RequestDraft::Problem problem;
    if (!draft.resolveMetadata(&prepared->spec.metadata, &problem)) {
        *error = problem.message;
        return false;
    }
    QStringList unresolved;
    const QString body = draft.resolve(request.body, &unresolved);
    if (!unresolved.isEmpty()) {
        *error = draft.unresolvedMessage(unresolved);
        return false;
    }
    const QStringList lines = metadataLines(draft);
    const bool varies = LoadTemplate::holdsTemplates(body)
        || std::any_of(lines.cbegin(), lines.cend(),
            [](const QString &line) { return LoadTemplate::holdsTemplates(line); });
    if (varies)
        return prepareVarying(method, request.body, body, lines, prepared, error);
    if (!draft.encodeBody(method, &prepared->messages, &prepared->typedMessages, &problem)) {
        *error = problem.message;
        return false;
    }
    return true;
}

LoadCaller::Vary perCall(const MethodRef &method, const QList<QByteArray> &bodies,
    const QStringList &metadataLines, const QList<QByteArray> &fallback)
{
    auto counter = std::make_shared<std::atomic<qint64>>(0);
    return
        [method, bodies, metadataLines, fallback, counter](QList<QByteArray> *messages, Metadata *metadata) {
            const qint64 seq = ++*counter;
            for (qsizetype i = 0; i < bodies.size(); ++i) {
                QByteArray bytes;
                JsonError ignored;
                const QByteArray json = LoadTemplate::render(QString::fromUtf8(bodies.at(i)), seq).toUtf8();
                // A value drawn out of its field's range is sent as call 1's message was.
                messages->append(method.encodeRequest(json, &bytes, &ignored) ? bytes : fallback.value(i));
            }
            for (const QString &line : metadataLines) {
                MetadataPair entry;
                QString ignored;
                if (MetadataText::parseLine(LoadTemplate::render(line, seq), &entry, &ignored))
                    metadata->append(entry);
            }
        };
}

std::vector<std::shared_ptr<Connection>> connections(ChannelOptions options, int count)
{
    options.ownConnection = true; // K connections are K TCP connections
    std::vector<std::shared_ptr<Connection>> out;
    for (int i = 0; i < std::max(1, count); ++i)
        out.push_back(std::make_shared<Connection>(options));
    return out;
}

} // namespace wirescope::LoadRequest
