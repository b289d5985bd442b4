#pragma once

#include "model/wire/WireSpan.h"

#include <functional>

namespace wirescope {

// Where one step of a lesson points: a span found by field numbers from the top level down
// (nested messages), which occurrence of the last one, and which part of that field.
struct LessonTarget {
    QList<int> fieldPath; // empty: the whole message
    int occurrence = 0; // of the last field number, in byte order
    WireSpan::Role role = WireSpan::Role::Field; // Field, Tag, Length, Value or Element
    int element = 0; // for Element: which packed element
};

struct LessonStep {
    LessonTarget target;
    QString text; // one or two sentences, shown while the target is selected
};

// Whether the student's bytes do what the task asks, and what to say either way.
struct LessonCheck {
    bool passed = false;
    QString message; // "Field 1 takes 3 bytes now: done." / "It takes 2 bytes; try a larger number."
};

// A short built-in lesson: its own tiny schema and message, a walk through the bytes one
// span at a time, and a "try it" task the app checks on whatever bytes the student makes.
struct Lesson {
    QString id; // stable: "varints", "tags", "zigzag", "length-delimited", "packed",
                // "maps-oneofs", "presence", "evolution", "json-size"
    QString title; // "Varints"
    QString summary; // one sentence for the menu's tooltip
    QString protoText; // compiles with ProtoSnippet::compile
    QString typeName; // the message the lesson decodes, fully qualified
    QString json; // the message the lesson starts from
    QList<LessonStep> steps;
    QString task; // "Make field 1 take exactly 3 bytes."
    QString hint;
    // Checks the student's bytes, annotated with typeName (a tree with a hard error fails
    // with the error as the message).
    std::function<LessonCheck(const WireTree &tree)> check;
};

namespace Lessons {

// The built-in lessons, in teaching order.
const QList<Lesson> &all();
const Lesson *find(const QString &id);

// The span a step points at in a tree of the lesson's bytes; null when the bytes no longer
// have it (the student edited it away).
const WireSpan *locate(const WireTree &tree, const LessonTarget &target);

} // namespace Lessons

} // namespace wirescope
