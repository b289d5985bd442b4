#pragma once

#include "model/mock/Stub.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace wirescope {

class CallRecord;
class MethodRef;

// The stub files of a mock's folder as the panel and the stub editor handle them: listed,
// named, read for editing and written back, each checked by Stub::fromJson exactly as the
// mock will read it, so a stub the mock would reject is never written. Also the stub a
// received response becomes ("Save Response as Stub").
namespace StubFiles {

// Every stub file under `folder` (*.json, recursively, hidden entries skipped), relative
// to it and sorted: the files StubSet::load reads.
QStringList list(const QString &folder);
// A file name under `folder` not taken yet, made from the method's name: "echo.json",
// "echo-2.json", ...
QString freeName(const QString &folder, const QString &method);
// One stub file, for the editor; false with *error when it cannot be read or the mock would
// not accept it.
bool read(const QString &path, const QString &folder, const Schema &schema, Stub *stub, QString *error);
// Checks `stub` against `schema`, then writes it atomically (creating the folder); nothing is
// written when the check fails, and *error says why.
bool write(
    const Stub &stub, const QString &path, const QString &folder, const Schema &schema, QString *error);
// A stub that answers `method` as a call was answered: the call's request as the match body
// (not for client or bidi streams, whose match applies to every message they send), the
// responses as the body (one) or a stream (several), a failed status as the error.
Stub fromResponse(const QString &method, bool clientStreams, const QString &requestJson,
    const QList<QJsonValue> &responses, const CallStatus &status);
// The messages a call received, as JSON; one the method cannot decode is left out.
QList<QJsonValue> receivedMessages(const MethodRef &method, const CallRecord &record);
// A JSON value of any kind from text (QJsonDocument alone takes only objects and arrays);
// Undefined when the text is not one JSON value.
QJsonValue parseValue(const QByteArray &json);
// A JSON value as indented text, as the editors show it.
QString print(const QJsonValue &value);

} // namespace StubFiles

} // namespace wirescope
