#include "model/lab/Lessons.h"

#include "model/lab/LessonTexts.h"
#include "model/wire/WireAnnotator.h"

namespace wirescope::Lessons {

namespace {

using Role = WireSpan::Role;

// The `occurrence`-th Field span numbered `number` among one level's spans, in byte order.
const WireSpan *nthField(const QList<WireSpan> &spans, int number, int occurrence)
{
    for (const WireSpan &span : spans) {
        if (span.role != Role::Field || span.fieldNumber != number)
            continue;
        if (occurrence == 0)
            return &span;
        --occurrence;
    }
    return nullptr;
}

const WireSpan *childWithRole(const WireSpan &field, Role role)
{
    for (const WireSpan &child : field.children)
        if (child.role == role)
            return &child;
    return nullptr;
}

// The `index`-th element of a packed value; other spans (bytes past a bad element) skipped.
const WireSpan *element(const WireSpan &value, int index)
{
    for (const WireSpan &child : value.children) {
        if (child.role != Role::Element)
            continue;
        if (index == 0)
            return &child;
        --index;
    }
    return nullptr;
}

} // namespace

const QList<Lesson> &all()
{
    static const QList<Lesson> lessons = LessonTexts::build();
    return lessons;
}

const Lesson *find(const QString &id)
{
    for (const Lesson &lesson : all())
        if (lesson.id == id)
            return &lesson;
    return nullptr;
}

const WireSpan *locate(const WireTree &tree, const LessonTarget &target)
{
    // The whole message has no span of its own: the caller shows the input as a whole.
    if (target.fieldPath.isEmpty() || target.occurrence < 0 || target.element < 0)
        return nullptr;
    const QList<WireSpan> *level = &tree.spans;
    const WireSpan *field = nullptr;
    for (qsizetype i = 0; i < target.fieldPath.size(); ++i) {
        if (!level)
            return nullptr;
        const bool last = i == target.fieldPath.size() - 1;
        field = nthField(*level, target.fieldPath.at(i), last ? target.occurrence : 0);
        if (!field)
            return nullptr;
        if (!last) {
            // Nested fields sit in the Value span, or in its likeliest reading without a schema.
            const WireSpan *value = childWithRole(*field, Role::Value);
            level = value ? WireAnnotator::innerSpans(*value) : nullptr;
        }
    }
    switch (target.role) {
    case Role::Field:
        return field;
    case Role::Element: {
        const WireSpan *value = childWithRole(*field, Role::Value);
        return value ? element(*value, target.element) : nullptr;
    }
    default:
        return childWithRole(*field, target.role);
    }
}

} // namespace wirescope::Lessons
