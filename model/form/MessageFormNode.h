#pragma once

#include "model/form/MessageFormModel.h"

#include <memory>
#include <string>
#include <vector>

namespace google::protobuf {
class FieldDescriptor;
class OneofDescriptor;
} // namespace google::protobuf

namespace wirescope {

// One row of a MessageFormModel. It names what it shows (a field, a oneof, an element or
// a map entry by its row) but holds no value: values are read from the message through
// the path of rows above it (MessageFormTree), so edits never leave a stale copy behind (an
// Any row's unpacked message is the one copy, written back after each edit). Small on
// purpose: an expanded list of 100,000 elements has 100,000 of them.
struct MessageFormNode {
    // What a google.protobuf.Any row packs, unpacked so that the rows below read and edit it
    // like any other message. `url` and `value` are what it was read from (or last written
    // back), so a change made around it (new JSON, a cleared field) is noticed.
    struct AnyState {
        std::string url;
        std::string value;
        const google::protobuf::Descriptor *type = nullptr; // nullptr: none, or not readable
        std::unique_ptr<google::protobuf::Message> unpacked;
        QString problem; // why the value is not shown as rows
    };

    // The root is a Field row without a field.
    MessageFormModel::RowKind kind = MessageFormModel::RowKind::Field;
    bool fetched = false;
    BytesMode bytesMode = BytesMode::Text;
    int row = 0;
    MessageFormNode *parent = nullptr;
    const google::protobuf::FieldDescriptor *field = nullptr; // list's field for elements and entries
    const google::protobuf::OneofDescriptor *oneof = nullptr;
    QString error; // the last rejected edit of this row
    mutable std::unique_ptr<AnyState> any; // Any rows: what it packs, once read
    std::vector<std::unique_ptr<MessageFormNode>> children;
};

} // namespace wirescope
