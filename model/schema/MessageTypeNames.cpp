#include "model/schema/MessageTypeNames.h"

#include <google/protobuf/descriptor.h>

namespace wirescope::MessageTypeNames {

namespace {

void collect(const google::protobuf::Descriptor *type, QStringList *names)
{
    if (type->options().map_entry())
        return;
    names->append(QString::fromStdString(type->full_name()));
    for (int i = 0; i < type->nested_type_count(); ++i)
        collect(type->nested_type(i), names);
}

} // namespace

QStringList of(const Schema &schema)
{
    QStringList names;
    const google::protobuf::DescriptorPool *pool = schema.pool();
    if (!pool)
        return names;
    for (const QString &fileName : schema.fileNames()) {
        const google::protobuf::FileDescriptor *file = pool->FindFileByName(fileName.toStdString());
        if (!file)
            continue;
        for (int i = 0; i < file->message_type_count(); ++i)
            collect(file->message_type(i), &names);
    }
    names.sort();
    names.removeDuplicates();
    return names;
}

} // namespace wirescope::MessageTypeNames
