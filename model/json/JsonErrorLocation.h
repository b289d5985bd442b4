#pragma once

#include "model/json/JsonCodec.h"

namespace wirescope {

// Where in a JSON document a JsonError points, for marking it in an editor.
struct JsonErrorLocation {
    int line = 0; // 0-based; -1 when nothing better than "the whole document" is known
    int column = 0; // 0-based
    int length = 1; // characters to underline

    // Syntax errors carry a line and column; type errors only a field path
    // ("items[2].price"), so the last named field of the path is looked up in the text.
    static JsonErrorLocation locate(const QByteArray &json, const JsonError &error);
    // `json` without the field `path` names (its key and value), so that encoding it again
    // finds the error after it; empty when the path names no field of the document.
    static QByteArray withoutField(const QByteArray &json, const QString &path);
};

// One error of a document and where it is.
struct MarkedJsonError {
    JsonError error;
    JsonErrorLocation where;
};

} // namespace wirescope
