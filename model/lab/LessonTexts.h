#pragma once

#include "model/lab/Lessons.h"

namespace wirescope::LessonTexts {

// The nine built-in lessons in teaching order, each with its schema, walk-through and task
// checker. Lessons::all() builds them once; they live apart from the lookup code because
// the teaching text is most of their bulk.
QList<Lesson> build();

} // namespace wirescope::LessonTexts
