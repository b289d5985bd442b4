#include "model/mock/Stub.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"
#include "model/json/JsonPath.h"
#include "model/mock/ResponseTemplate.h"
#include "model/mock/StubReader.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace wirescope {

namespace {

// A stub is a few bodies, not a data set.
constexpr qint64 MaxStubBytes = qint64(16) * 1024 * 1024;

const QString BodyKey = QStringLiteral("body");
const QString DelayKey = QStringLiteral("delayMs");
const QString StreamKey = QStringLiteral("stream");

QJsonObject mapToJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

// How many things a match body pins down: each scalar, and each array's length.
int constraintCount(const QJsonValue &value)
{
    int count = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            count += constraintCount(it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        count = 1;
        for (const QJsonValue element : array)
            count += constraintCount(element);
    } else if (!value.isUndefined() && !value.isNull()) {
        count = 1;
    }
    return count;
}

// A match body of nothing asks nothing: Undefined, or null (what a default QJsonValue holds).
bool hasBody(const Stub::Match &match)
{
    return !match.body.isUndefined() && !match.body.isNull();
}

QJsonObject matchToJson(const Stub::Match &match)
{
    QJsonObject object;
    if (hasBody(match))
        object.insert(BodyKey, match.body);
    if (!match.bodyMatches.isEmpty())
        object.insert(QStringLiteral("bodyMatches"), mapToJson(match.bodyMatches));
    if (!match.metadata.isEmpty())
        object.insert(QStringLiteral("metadata"), mapToJson(match.metadata));
    return object;
}

QJsonObject statusToJson(const Stub::Status &status)
{
    QJsonObject object {{QStringLiteral("code"), statusCodeName(status.code)}};
    if (!status.message.isEmpty())
        object.insert(QStringLiteral("message"), status.message);
    if (!status.details.isEmpty()) {
        QJsonArray details;
        for (const QJsonObject &detail : status.details)
            details.append(detail);
        object.insert(QStringLiteral("details"), details);
    }
    return object;
}

// A decimal integer in a string and a number holding the same integer are equal: proto3 JSON
// writes 64-bit integers as strings, people write them as numbers.
bool sameInteger(const QJsonValue &a, const QJsonValue &b)
{
    const QJsonValue &text = a.isString() ? a : b;
    const QJsonValue &number = a.isString() ? b : a;
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    if (!text.isString() || !number.isDouble() || !integer.match(text.toString()).hasMatch())
        return false;
    const double value = number.toDouble();
    if (value != std::trunc(value) || std::abs(value) >= 9.2e18)
        return false;
    bool ok = false;
    return text.toString().toLongLong(&ok) == qint64(value) && ok;
}

// Canonical JSON leaves out fields that hold their default, so a missing field matches one.
bool isDefault(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return true;
}

// Whether `actual` holds everything `expected` does: objects by their keys, arrays element by
// element (same length), scalars equal.
bool contains(const QJsonValue &expected, const QJsonValue &actual)
{
    if (expected.isObject()) {
        if (!actual.isObject())
            return false;
        const QJsonObject wanted = expected.toObject();
        const QJsonObject have = actual.toObject();
        for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it) {
            const auto found = have.constFind(it.key());
            if (found == have.constEnd() ? !isDefault(it.value()) : !contains(it.value(), found.value()))
                return false;
        }
        return true;
    }
    if (expected.isArray()) {
        const QJsonArray wanted = expected.toArray();
        const QJsonArray have = actual.toArray();
        if (!actual.isArray() || wanted.size() != have.size())
            return false;
        for (qsizetype i = 0; i < wanted.size(); ++i) {
            if (!contains(wanted.at(i), have.at(i)))
                return false;
        }
        return true;
    }
    return expected == actual || sameInteger(expected, actual);
}

bool bodyMatches(const QMap<QString, QString> &patterns, const QJsonValue &body)
{
    for (auto it = patterns.cbegin(); it != patterns.cend(); ++it) {
        JsonPath path;
        QString error;
        if (!JsonPath::parse(it.key(), &path, &error))
            return false;
        const std::optional<QJsonValue> value = path.evaluate(body);
        if (!value || !QRegularExpression(it.value()).match(ResponseTemplate::text(*value)).hasMatch())
            return false;
    }
    return true;
}

// Keys compare without case (the wire's are lower case); "-bin" values are written in base64.
bool metadataMatches(const QMap<QString, QString> &expected, const Metadata &metadata)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QByteArray key = it.key().toLower().toUtf8();
        const QByteArray value
            = key.endsWith("-bin") ? QByteArray::fromBase64(it.value().toLatin1()) : it.value().toUtf8();
        const bool found = std::any_of(metadata.cbegin(), metadata.cend(),
            [&](const MetadataPair &pair) { return pair.first.toLower() == key && pair.second == value; });
        if (!found)
            return false;
    }
    return true;
}

// Higher priority first, then the more specific stub, then the first file by name.
bool answersBefore(const Stub &stub, const Stub &other)
{
    if (stub.priority != other.priority)
        return stub.priority > other.priority;
    const int specificity = stub.match.specificity();
    const int otherSpecificity = other.match.specificity();
    if (specificity != otherSpecificity)
        return specificity > otherSpecificity;
    return stub.file < other.file;
}

// Every *.json under `directory` but hidden ones and a collection's own file, by path.
QStringList stubFiles(const QString &directory)
{
    QStringList files;
    const QDir root(directory);
    QDirIterator it(directory, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = root.relativeFilePath(it.next());
        const QStringList parts = relative.split(u'/');
        const bool hidden = std::any_of(
            parts.cbegin(), parts.cend(), [](const QString &part) { return part.startsWith(u'.'); });
        if (!hidden && relative.endsWith(QLatin1String(".json"))
            && parts.last() != QLatin1String("collection.json"))
            files.append(relative);
    }
    files.sort();
    for (QString &file : files)
        file = root.filePath(file);
    return files;
}

bool readStub(const QString &file, const Schema &schema, Stub *stub, QString *error)
{
    QByteArray bytes;
    if (!AtomicFile::read(file, &bytes, error, MaxStubBytes))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = CollectionFormat::describeJsonError(bytes, file, parseError);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("%1: expected a JSON object (one stub)").arg(QDir::toNativeSeparators(file));
        return false;
    }
    // A stub Wirescope wrote carries the collection's formatVersion; one written by hand need not.
    QJsonObject object = document.object();
    if (object.contains(QStringLiteral("formatVersion"))
        && !CollectionFormat::parse(bytes, file, &object, error))
        return false;
    return Stub::fromJson(object, file, schema, stub, error);
}

} // namespace

int Stub::Match::specificity() const
{
    return constraintCount(body) + int(bodyMatches.size()) + int(metadata.size());
}

QJsonObject Stub::toJson() const
{
    QJsonObject object {{QStringLiteral("method"), method}};
    if (priority != 0)
        object.insert(QStringLiteral("priority"), priority);
    const QJsonObject matchObject = matchToJson(match);
    if (!matchObject.isEmpty())
        object.insert(QStringLiteral("match"), matchObject);
    QJsonObject respond;
    // One message without a delay is "body"; anything else keeps the stream's shape.
    if (messages.size() == 1 && messages.first().delayMs == 0) {
        respond.insert(BodyKey, messages.first().body);
    } else if (!messages.isEmpty()) {
        QJsonArray stream;
        for (const Message &message : messages) {
            QJsonObject entry {{BodyKey, message.body}};
            if (message.delayMs != 0)
                entry.insert(DelayKey, message.delayMs);
            stream.append(entry);
        }
        respond.insert(StreamKey, stream);
    }
    if (repeat != 1)
        respond.insert(QStringLiteral("repeat"), repeat);
    if (status)
        respond.insert(QStringLiteral("status"), statusToJson(*status));
    if (!headers.isEmpty())
        respond.insert(QStringLiteral("headers"), mapToJson(headers));
    if (!trailers.isEmpty())
        respond.insert(QStringLiteral("trailers"), mapToJson(trailers));
    if (delayMs != 0)
        respond.insert(DelayKey, delayMs);
    if (answer == Answer::EachMessage)
        respond.insert(QStringLiteral("answer"), QStringLiteral("each"));
    if (!respond.isEmpty())
        object.insert(QStringLiteral("respond"), respond);
    return object;
}

bool Stub::fromJson(
    const QJsonObject &object, const QString &file, const Schema &schema, Stub *stub, QString *error)
{
    Stub result;
    result.file = file;
    StubReader reader(schema, &result);
    if (!reader.read(object)) {
        *error = QDir::toNativeSeparators(file) + QStringLiteral(": ") + reader.error();
        return false;
    }
    *stub = result;
    return true;
}

bool StubSet::load(
    const QString &directory, const Schema &schema, StubSet *set, QStringList *errors, bool mustExist)
{
    errors->clear();
    const QFileInfo folder(directory);
    if (!folder.isDir()) {
        if (!folder.exists() && !mustExist) {
            *set = StubSet();
            return true;
        }
        errors->append(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(directory),
            folder.exists() ? QStringLiteral("not a folder") : QStringLiteral("no such folder")));
        return false;
    }
    const QStringList files = stubFiles(directory);
    if (files.isEmpty() && mustExist) {
        errors->append(QStringLiteral("%1: no stubs (*.json files) in the folder")
                           .arg(QDir::toNativeSeparators(directory)));
        return false;
    }
    StubSet result;
    for (const QString &file : files) {
        Stub stub;
        QString error;
        if (readStub(file, schema, &stub, &error)) {
            // The log and the x-wirescope-mock header name it as the folder holds it.
            stub.file = QDir(directory).relativeFilePath(file);
            result.add(stub);
        } else
            errors->append(error);
    }
    if (!errors->isEmpty())
        return false;
    *set = result;
    return true;
}

const Stub *StubSet::match(const IncomingMessage &message) const
{
    const Stub *best = nullptr;
    for (const Stub &stub : m_stubs) {
        if (matches(stub, message) && (!best || answersBefore(stub, *best)))
            best = &stub;
    }
    return best;
}

bool StubSet::matches(const Stub &stub, const IncomingMessage &message)
{
    const QString method = message.method.startsWith(u'/') ? message.method.mid(1) : message.method;
    if (stub.method != method || !metadataMatches(stub.match.metadata, message.metadata))
        return false;
    // The end of a client stream has no message: only a stub that asks nothing of one answers it.
    if (message.body.isUndefined())
        return constraintCount(stub.match.body) == 0 && stub.match.bodyMatches.isEmpty();
    return (!hasBody(stub.match) || contains(stub.match.body, message.body))
        && bodyMatches(stub.match.bodyMatches, message.body);
}

} // namespace wirescope
