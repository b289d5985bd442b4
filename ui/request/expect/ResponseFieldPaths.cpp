#include "ui/request/expect/ResponseFieldPaths.h"

#include "model/json/JsonPath.h"

#include <google/protobuf/descriptor.h>

#include <QSet>

namespace wirescope::ResponseFieldPaths {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Well-known types print as scalars or free-form JSON (Timestamp as a string, Struct as any
// object): their proto fields are not what the JSON holds, so the walk stops at them.
bool printsAsJsonValue(const Descriptor *type)
{
    return type->file()->package() == "google.protobuf";
}

class Walk final {
public:
    Walk(QStringList *paths, int maxDepth)
        : m_paths(paths)
        , m_maxDepth(maxDepth)
    {
    }

    void message(const Descriptor *type, const QString &path, int depth)
    {
        if (depth >= m_maxDepth || printsAsJsonValue(type) || m_onPath.contains(type))
            return;
        // A type already on the way down is not entered again: recursion ends here.
        m_onPath.insert(type);
        for (int i = 0; i < type->field_count() && !full(); ++i)
            field(type->field(i), path, depth);
        m_onPath.remove(type);
    }

    bool full() const { return m_paths->size() >= MaxPaths; }

private:
    void field(const FieldDescriptor *field, const QString &parent, int depth)
    {
        const QString path = JsonPath::child(parent, QString::fromStdString(field->json_name()));
        m_paths->append(path);
        // A map's keys are data, not schema: the picker offers the map itself.
        if (field->is_map())
            return;
        const Descriptor *type = field->message_type();
        if (field->is_repeated()) {
            const QString first = JsonPath::element(path, 0);
            m_paths->append(first);
            if (type)
                message(type, first, depth + 1);
        } else if (type) {
            message(type, path, depth + 1);
        }
    }

    QStringList *m_paths;
    int m_maxDepth;
    QSet<const Descriptor *> m_onPath;
};

} // namespace

QStringList of(const Descriptor *type, int maxDepth)
{
    QStringList paths;
    if (type) {
        paths.append(QStringLiteral("$"));
        Walk(&paths, maxDepth).message(type, QStringLiteral("$"), 0);
        if (paths.size() > MaxPaths)
            paths.resize(MaxPaths);
    }
    // The status details are there whatever the response type.
    paths << QStringLiteral("$error.code") << QStringLiteral("$error.message")
          << QStringLiteral("$error.details") << QStringLiteral("$error.details[0]");
    return paths;
}

} // namespace wirescope::ResponseFieldPaths
