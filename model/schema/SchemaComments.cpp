#include "model/schema/Schema.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <algorithm>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// The path a file's source info names a field by: message_type (4), then nested_type (3) for
// each message inside another, then field (2), each with its index. Extensions have none here.
std::vector<int> fieldPath(const gp::FieldDescriptor *field)
{
    if (field->is_extension())
        return {};
    std::vector<int> reversed {field->index(), 2};
    for (const gp::Descriptor *message = field->containing_type(); message;
         message = message->containing_type()) {
        reversed.push_back(message->index());
        reversed.push_back(message->containing_type() ? 3 : 4);
    }
    return {reversed.rbegin(), reversed.rend()};
}

QString commentText(const std::string &leading, const std::string &trailing)
{
    QStringList parts;
    for (const std::string *text : {&leading, &trailing}) {
        const QString trimmed = QString::fromStdString(*text).trimmed();
        if (!trimmed.isEmpty())
            parts.append(trimmed);
    }
    return parts.join(u'\n');
}

} // namespace

// A pool built from protosets or merged sources has the source info; a load of .proto files
// keeps it out of its pool (ParallelSourceDatabase) and in the loaded files, so those are
// searched next. Asked for a tooltip at a time, so the files are searched, not indexed.
QString Schema::comment(const gp::FieldDescriptor *field) const
{
    if (!field)
        return {};
    gp::SourceLocation location;
    if (field->GetSourceLocation(&location))
        return commentText(location.leading_comments, location.trailing_comments);
    const std::vector<int> path = fieldPath(field);
    if (path.empty())
        return {};
    const std::string &fileName = field->file()->name();
    for (const SchemaSource &source : m_sources) {
        for (const gp::FileDescriptorProto &file : source.files) {
            if (file.name() != fileName)
                continue;
            for (const gp::SourceCodeInfo::Location &at : file.source_code_info().location()) {
                if (std::equal(path.begin(), path.end(), at.path().begin(), at.path().end()))
                    return commentText(at.leading_comments(), at.trailing_comments());
            }
            return {};
        }
    }
    return {};
}

} // namespace wirescope
