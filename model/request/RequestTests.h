#pragma once

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonObject;

namespace wirescope {

class JsonFields;

// One check on a response message: a JSON path (canonical proto3 JSON, "$.items[0].id",
// "$error.details[0].reason" for the status details), an operator and the value it expects.
struct Assertion {
    enum class Op { Equals, NotEquals, Matches, Exists, Length, GreaterThan, LessThan, Contains };

    QString path;
    Op op = Op::Equals;
    QJsonValue value; // Exists: a bool; Length: a number; Matches: a regular expression
    // Which response message: "last" (the default), "first", "all" or a 0-based index.
    QString message = QStringLiteral("last");

    bool operator==(const Assertion &other) const = default;

    static QString opName(Op op);
    static std::optional<Op> opFromName(const QString &name);
    static const QList<Op> &allOps();
};

// What a saved request expects of its call, as kept under "expect" in its file. Every part
// is optional: an empty Expectations still expects the status OK.
struct Expectations {
    QString status; // a gRPC code name; empty means OK
    QString statusMessage; // a regular expression the status message must match
    std::optional<int> messages; // how many response messages
    std::optional<int> maxMs; // the whole call, from start to trailers
    QMap<QString, QString> headers; // response headers, exact values
    QMap<QString, QString> trailers;
    QList<Assertion> asserts;
    bool snapshot = false; // compare with NAME.snapshot.json beside the request
    QStringList snapshotIgnore; // paths left out of the snapshot comparison

    bool operator==(const Expectations &other) const = default;
    bool isEmpty() const { return *this == Expectations {}; }

    QJsonObject toJson() const;
    // Fails naming the part ("expect.asserts[2]: unknown operator \"equal\"").
    static bool fromJson(const QJsonObject &object, Expectations *expect, QString *error);
};

// A variable set from the response for every later request of the same run.
struct CaptureRule {
    QString variable;
    QString path;
    bool operator==(const CaptureRule &other) const = default;
};
using Captures = QList<CaptureRule>;

QJsonObject capturesToJson(const Captures &captures);
bool capturesFromJson(const QJsonObject &object, Captures *captures, QString *error);

} // namespace wirescope
