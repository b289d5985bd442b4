#include "model/form/FieldMaskPaths.h"

#include "model/form/FieldAccess.h"
#include "model/schema/Schema.h"

#include <google/protobuf/descriptor.h>

namespace gp = google::protobuf;

namespace wirescope::FieldMaskPaths {

namespace {

bool isWellKnown(const gp::Descriptor *type)
{
    return type->full_name().rfind("google.protobuf.", 0) == 0;
}

// A field a mask path can go through to name the fields of its message.
bool leadsFurther(const gp::FieldDescriptor *field)
{
    const gp::Descriptor *type = field->message_type();
    return type && !field->is_repeated() && !isWellKnown(type);
}

void collect(const gp::Descriptor *type, const QString &prefix, int depth, int maxDepth, QList<Path> *out)
{
    for (int i = 0; i < type->field_count() && out->size() < MaxPaths; ++i) {
        const gp::FieldDescriptor *field = type->field(i);
        const QString name = QString::fromStdString(field->name());
        const QString segment = toJsonPath(name);
        const QString path = prefix.isEmpty() ? segment : prefix + u'.' + segment;
        out->append(Path {path, name, FieldAccess::typeName(field), depth});
        // The depth limit is what stops a recursive type.
        if (leadsFurther(field) && depth + 1 < maxDepth)
            collect(field->message_type(), path, depth + 1, maxDepth, out);
    }
}

} // namespace

QStringList targets(const gp::Descriptor *container, const gp::FieldDescriptor *mask)
{
    QStringList named;
    QStringList singular;
    QStringList repeated;
    const std::string prefixOf = mask ? mask->name() : std::string();
    for (int i = 0; container && i < container->field_count(); ++i) {
        const gp::FieldDescriptor *field = container->field(i);
        const gp::Descriptor *type = field->message_type();
        if (field == mask || !type || field->is_map() || isWellKnown(type))
            continue;
        const QString name = QString::fromStdString(type->full_name());
        if (prefixOf.rfind(field->name() + "_", 0) == 0)
            named.append(name);
        else
            (field->is_repeated() ? repeated : singular).append(name);
    }
    QStringList all = named + singular + repeated;
    if (container)
        all.append(QString::fromStdString(container->full_name()));
    all.removeDuplicates();
    return all;
}

QList<Path> paths(const Schema &schema, const QString &typeName, int maxDepth)
{
    QList<Path> out;
    if (const gp::Descriptor *type = schema.findMessage(typeName))
        collect(type, {}, 0, maxDepth, &out);
    return out;
}

QString toJsonPath(const QString &protoPath)
{
    // The JSON mapping's rule: an underscore goes and the letter after it is capitalised.
    QString out;
    out.reserve(protoPath.size());
    bool upper = false;
    for (const QChar c : protoPath) {
        if (c == u'_') {
            upper = true;
            continue;
        }
        out.append(upper && c.isLower() ? c.toUpper() : c);
        upper = false;
    }
    return out;
}

QStringList split(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',')) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out.append(trimmed);
    }
    return out;
}

QString join(const QStringList &paths)
{
    return paths.join(u',');
}

} // namespace wirescope::FieldMaskPaths
