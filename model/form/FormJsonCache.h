#pragma once

#include <QByteArray>

#include <map>
#include <memory>
#include <vector>

namespace google::protobuf {
class FieldDescriptor;
class Message;
} // namespace google::protobuf

namespace wirescope {

class Schema;

// The JSON of a form's message kept in pieces, one per top-level field, so that an edit
// reprints only the field it touched; an edit inside one element of a top-level list
// reprints that element alone and splices it into the list's text. What it returns is
// byte for byte what JsonCodec::toJson prints for the whole message: a 100,000-element
// body costs one full print, and each element edit after it a small one.
class FormJsonCache final {
public:
    FormJsonCache();
    ~FormJsonCache();
    Q_DISABLE_COPY_MOVE(FormJsonCache)

    // Everything changed (a new message).
    void clear();
    // A top-level field changed, or may have: it is printed again, with the other members
    // of its oneof.
    void fieldChanged(const google::protobuf::FieldDescriptor *field);
    // One element of a top-level repeated field changed; the list has as many as before.
    void elementChanged(const google::protobuf::FieldDescriptor *field, int index);

    // `root` is the message the pieces are of. Its fields are moved out one at a time to
    // be printed alone and moved back, so it is unchanged afterwards. `dedupe`: a map may
    // repeat a key, so each piece is re-read (keeping the last entry of a key) first.
    // Empty when the message cannot be printed (an Any of a type the schema lacks).
    QByteArray json(const Schema &schema, google::protobuf::Message *root, bool dedupe);

private:
    struct Piece;

    bool update(const Schema &schema, google::protobuf::Message *root,
        const google::protobuf::FieldDescriptor *field, Piece *piece, bool dedupe) const;
    void printAll(const Schema &schema, const google::protobuf::Message &root,
        const std::vector<const google::protobuf::FieldDescriptor *> &fields, bool dedupe);
    bool printField(const Schema &schema, google::protobuf::Message *root,
        const google::protobuf::FieldDescriptor *field, bool dedupe, QByteArray *text) const;
    bool printElement(const Schema &schema, const google::protobuf::Message &root,
        const google::protobuf::FieldDescriptor *field, int index, bool dedupe, QByteArray *text) const;

    std::map<int, Piece> m_pieces; // by field number
};

} // namespace wirescope
