#pragma once

#include <QJsonValue>
#include <QString>

namespace wirescope {

// Where a place in shown JSON text is, as an assertion addresses it: the innermost value at
// a character offset (a key counts as its value's place) as a JsonPath ("$.items[1].id")
// and the value itself. The text may hold several JSON values, as a stream's response view
// does, with "//" heading lines between them: valueIndex says which one. Pure: the response
// view's "Assert This" asks it.
namespace JsonPathAtCursor {

struct Location {
    bool found = false;
    QString path;
    QJsonValue value;
    int valueIndex = -1; // 0-based among the text's top-level values
};

Location at(const QString &text, qsizetype offset);

} // namespace JsonPathAtCursor

} // namespace wirescope
