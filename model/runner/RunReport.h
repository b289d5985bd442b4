#pragma once

#include "model/runner/CallOutcome.h"
#include "model/runner/ExpectCheck.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace wirescope {

// One request of a run: what it called, what came back and every check.
struct RequestResult {
    QString path; // in the collection: "orders/create.json"
    QString name;
    QString method;
    CallOutcome outcome;
    QList<CheckResult> checks;
    QMap<QString, QString> captured;

    // Sent, and every check held.
    bool passed() const;
    int failedChecks() const;
    // "orders" for "orders/create.json"; "" at the collection's root.
    QString folder() const;
};

// A whole run: every request in the order it ran.
struct RunReport {
    QString collection; // its name
    QString environment;
    QList<RequestResult> results;
    qint64 elapsedMs = 0;
    bool cancelled = false; // stopped before every request ran (--bail, or by the user)

    int passedCount() const;
    int failedCount() const;
    bool passed() const { return failedCount() == 0 && !results.isEmpty(); }

    // JUnit XML as CI systems read it: one testsuite per folder, one testcase per request,
    // a failure element per failed check (or an error element when it could not be sent).
    QByteArray toJUnit() const;
    // Everything, as JSON: each request's status, time, messages, checks and captures.
    QByteArray toJson() const;
    // "3 requests: 2 passed, 1 failed; 9 of 10 checks held; 120 ms"
    QString summary() const;
};

} // namespace wirescope
