#pragma once

#include "model/MessageFormModel.h"

#include <memory>
#include <vector>

namespace wirescope {

// One row of a MessageFormModel. It names what it shows (a field, a oneof, an element or
// a map entry by its row) but holds no value: values are read from the message through
// the path of rows above it, so edits never leave a stale copy behind. Small on purpose:
// an expanded list of 100,000 elements has 100,000 of them.
struct MessageFormModel::Node {
    RowKind kind = RowKind::Field; // the root is a Field row without a field
    bool fetched = false;
    BytesMode bytesMode = BytesMode::Text;
    int row = 0;
    Node *parent = nullptr;
    const google::protobuf::FieldDescriptor *field = nullptr; // list's field for elements and entries
    const google::protobuf::OneofDescriptor *oneof = nullptr;
    QString error; // the last rejected edit of this row
    std::vector<std::unique_ptr<Node>> children;
};

} // namespace wirescope
