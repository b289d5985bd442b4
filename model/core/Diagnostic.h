#pragma once

#include <QList>
#include <QString>

namespace wirescope {

// One problem found while loading a schema or reading a message, with where it happened.
// Lines and columns are 1-based; 0 means unknown.
struct Diagnostic {
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    // "file:line:column: message", leaving out the parts that are unknown.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
QString joinDiagnostics(const Diagnostics &diagnostics);

} // namespace wirescope
