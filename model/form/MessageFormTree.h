// MessageFormTree: the rows of a message form and what each of them reads in the message.
#pragma once

#include "model/form/MessageFormNode.h"

#include <QCoreApplication>

namespace wirescope {

// The message a MessageFormModel shows and the tree of rows over it, without the Qt model
// around them: which value, message or list a row addresses, what shape it has, whether it
// is set, and the message a google.protobuf.Any row packs (unpacked once read, packed again
// by repackAnys). Rows are made here but added and removed by the model and the editor,
// which tell the views.
class MessageFormTree final {
    Q_DECLARE_TR_FUNCTIONS(MessageFormTree)

public:
    using Node = MessageFormNode;
    using RowKind = MessageFormModel::RowKind;
    using Shape = MessageFormModel::Shape;

    // A value a row addresses: a field of a message, or one element of it (index >= 0).
    struct Slot {
        const google::protobuf::Message *message = nullptr;
        const google::protobuf::FieldDescriptor *field = nullptr;
        int index = -1;
    };
    struct MutableSlot {
        google::protobuf::Message *message = nullptr;
        const google::protobuf::FieldDescriptor *field = nullptr;
        int index = -1;
    };

    MessageFormTree();
    ~MessageFormTree();
    Q_DISABLE_COPY_MOVE(MessageFormTree)

    // Starts over with an empty message of `type` under a root row without children.
    void reset(const SchemaPtr &schema, const google::protobuf::Descriptor *type);
    // Exchanges the message, keeping the rows: a caller brings them in line.
    void swapMessage(std::unique_ptr<google::protobuf::Message> &other) { m_message.swap(other); }
    const SchemaPtr &schema() const { return m_schema; }
    const google::protobuf::Descriptor *type() const { return m_type; }
    const google::protobuf::Message *message() const { return m_message.get(); }
    google::protobuf::Message *mutableMessage() { return m_message.get(); }
    Node *root() const { return m_root.get(); }
    // A map key was edited: the message may hold a key twice, and its bytes keep the last.
    bool mayRepeatKeys() const { return m_mayRepeatKeys; }
    void setMayRepeatKeys(bool may) { m_mayRepeatKeys = may; }
    QByteArray toBinary() const;

    const google::protobuf::Descriptor *messageTypeOf(const Node *node) const;
    Shape shapeOf(const Node *node) const;
    // A row's message: what an Any row packs, or the message stored at the row.
    const google::protobuf::Message *messageOf(const Node *node) const;
    google::protobuf::Message *mutableMessageOf(Node *node);
    // The message stored at the row, an Any row's own fields included.
    const google::protobuf::Message *rawMessageOf(const Node *node) const;
    google::protobuf::Message *mutableRawMessageOf(Node *node);
    // The message whose field the row shows.
    const google::protobuf::Message *ownerOf(const Node *node) const;
    google::protobuf::Message *mutableOwnerOf(Node *node);
    Slot slotOf(const Node *node) const;
    MutableSlot mutableSlotOf(Node *node);

    int childCountOf(const Node *node) const;
    bool mayHaveChildren(const Node *node) const;
    // Appends the rows `from` to `to` (exclusive) to `node`'s children.
    void makeChildren(Node *node, int from, int to);

    bool isSet(const Node *node) const;
    BytesMode bytesModeOf(const Node *node) const;
    // The row's name: its field or oneof, "[2]" for an element, the key of a map entry.
    QString fieldText(const Node *node) const;
    QString pathOf(const Node *node) const;

    bool isAny(const Node *node) const;
    Node::AnyState &anyStateOf(const Node *node) const;
    // The Any has changed since its packed message was read.
    bool anyChanged(const Node *node) const;
    // After an edit below Any rows: each packs its edited message again.
    void repackAnys(Node *node);
    void writeAny(Node *node, const std::string &url, const std::string &value);
    // "type.googleapis.com/a.B" -> "a.B"
    static QString typeNameOfUrl(const std::string &url);

private:
    std::unique_ptr<Node::AnyState> unpack(const std::string &url, const std::string &value) const;

    SchemaPtr m_schema;
    const google::protobuf::Descriptor *m_type = nullptr;
    std::unique_ptr<google::protobuf::Message> m_message;
    std::unique_ptr<Node> m_root;
    const google::protobuf::Descriptor *m_anyType = nullptr; // google.protobuf.Any in the schema
    bool m_mayRepeatKeys = false;
};

} // namespace wirescope
