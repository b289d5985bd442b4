#pragma once

#include "model/request/RequestTests.h"
#include "model/runner/CallOutcome.h"

#include <QJsonValue>
#include <QMap>

namespace wirescope {

// One checked expectation: what was checked, whether it held, and both sides in words.
struct CheckResult {
    QString name; // "status", "messages", "header x-peer", "$.text equals"
    bool passed = false;
    QString expected;
    QString actual;
    QString note; // more on a failure ("message 2 of 3", the snapshot's differences)

    bool operator==(const CheckResult &other) const = default;
};

// Checks a call's outcome against what its request expects. Headless and pure: the runner
// and the request tab's Tests view both call it.
namespace ExpectCheck {

// Status (OK unless said otherwise), status message, message count, time, headers,
// trailers and every assertion, in that order. The snapshot is checked by Snapshot.
QList<CheckResult> check(const Expectations &expect, const CallOutcome &outcome);
CheckResult checkAssertion(const Assertion &assertion, const CallOutcome &outcome);

// Captured variables from the last response message (or the status details, for "$error"
// paths); a path that finds nothing is a failed check, and the variable is not set.
// Strings are taken as they are; other values as compact JSON.
QMap<QString, QString> capture(
    const Captures &captures, const CallOutcome &outcome, QList<CheckResult> *failures);

// Whether `actual` satisfies `op` against `expected` ("contains": a substring, an array
// element, or a subset of an object). *why says what did not hold.
bool compare(Assertion::Op op, const QJsonValue &actual, const QJsonValue &expected, QString *why);

} // namespace ExpectCheck

} // namespace wirescope
