// MessageFormTree: reading a message form's rows out of the message, Any rows unpacked.
#include "model/form/MessageFormTree.h"

#include "model/form/FieldAccess.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// A message's rows: its fields in declaration order, except that each real oneof takes
// one row where its first member is declared.
template<typename Fn> void forEachMember(const gp::Descriptor *type, Fn fn)
{
    int row = 0;
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *field = type->field(i);
        const gp::OneofDescriptor *oneof = field->real_containing_oneof();
        if (oneof && oneof->field(0) != field)
            continue;
        fn(row++, oneof ? nullptr : field, oneof);
    }
}

int memberCount(const gp::Descriptor *type)
{
    int count = 0;
    forEachMember(type, [&count](int, const gp::FieldDescriptor *, const gp::OneofDescriptor *) { ++count; });
    return count;
}

constexpr int TypeUrlNumber = 1;
constexpr int ValueNumber = 2;

// The Any's two fields without copying them.
struct Packed {
    const std::string *url;
    const std::string *value;
    std::string urlScratch;
    std::string valueScratch;

    explicit Packed(const gp::Message &any)
    {
        const gp::Reflection *r = any.GetReflection();
        const gp::Descriptor *type = any.GetDescriptor();
        url = &r->GetStringReference(any, type->FindFieldByNumber(TypeUrlNumber), &urlScratch);
        value = &r->GetStringReference(any, type->FindFieldByNumber(ValueNumber), &valueScratch);
    }
    Q_DISABLE_COPY_MOVE(Packed)
};

void writePacked(gp::Message *any, const std::string &url, const std::string &value)
{
    const gp::Reflection *r = any->GetReflection();
    const gp::Descriptor *type = any->GetDescriptor();
    r->SetString(any, type->FindFieldByNumber(TypeUrlNumber), url);
    r->SetString(any, type->FindFieldByNumber(ValueNumber), value);
}

} // namespace

MessageFormTree::MessageFormTree()
    : m_root(std::make_unique<Node>())
{
}

MessageFormTree::~MessageFormTree() = default;

void MessageFormTree::reset(const SchemaPtr &schema, const gp::Descriptor *type)
{
    m_root = std::make_unique<Node>();
    m_message.reset(); // before the schema it may come from
    m_schema = schema;
    m_type = schema ? type : nullptr;
    if (m_type)
        m_message = m_schema->newMessage(m_type);
    if (!m_message)
        m_type = nullptr;
    m_anyType = m_type ? m_type->file()->pool()->FindMessageTypeByName("google.protobuf.Any") : nullptr;
    m_mayRepeatKeys = false;
}

QByteArray MessageFormTree::toBinary() const
{
    if (!m_message)
        return {};
    std::string out;
    m_message->SerializeToString(&out);
    // Map entries edited as a list may repeat a key; a reader keeps the last one, and so
    // does this second pass, so the JSON printer never sees a key twice. Only an edited
    // key can repeat one: parsing keeps one entry per key.
    if (m_mayRepeatKeys) {
        const std::unique_ptr<gp::Message> unique(m_message->New());
        if (unique->ParseFromString(out)) {
            out.clear();
            unique->SerializeToString(&out);
        }
    }
    return QByteArray(out.data(), qsizetype(out.size()));
}

const gp::Descriptor *MessageFormTree::messageTypeOf(const Node *node) const
{
    if (node == m_root.get())
        return m_type;
    if (isAny(node))
        return anyStateOf(node).type;
    if (node->kind == RowKind::MapEntry)
        return node->field->message_type()->map_value()->message_type();
    return node->field ? node->field->message_type() : nullptr;
}

MessageFormTree::Shape MessageFormTree::shapeOf(const Node *node) const
{
    if (node == m_root.get())
        return Shape::Message;
    if (node->kind == RowKind::Oneof)
        return Shape::Oneof;
    if (node->kind == RowKind::Field && node->field->is_map())
        return Shape::Map;
    if (node->kind == RowKind::Field && node->field->is_repeated())
        return Shape::List;
    const gp::FieldDescriptor *value
        = node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field;
    const ValueKind kind = FieldAccess::valueKind(value);
    return kind == ValueKind::Message || kind == ValueKind::Any ? Shape::Message : Shape::Scalar;
}

const gp::Message *MessageFormTree::ownerOf(const Node *node) const
{
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return ownerOf(node->parent);
    const Node *container = node->parent;
    if (node->kind == RowKind::Field && container->kind == RowKind::Oneof)
        container = container->parent;
    return messageOf(container);
}

gp::Message *MessageFormTree::mutableOwnerOf(Node *node)
{
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return mutableOwnerOf(node->parent);
    Node *container = node->parent;
    if (node->kind == RowKind::Field && container->kind == RowKind::Oneof)
        container = container->parent;
    return mutableMessageOf(container);
}

// A row's message: what an Any row packs, or the message stored at the row.
const gp::Message *MessageFormTree::messageOf(const Node *node) const
{
    if (node != m_root.get() && isAny(node)) {
        if (const Node::AnyState &any = anyStateOf(node); any.unpacked)
            return any.unpacked.get();
    }
    return rawMessageOf(node);
}

gp::Message *MessageFormTree::mutableMessageOf(Node *node)
{
    if (node != m_root.get() && isAny(node)) {
        if (Node::AnyState &any = anyStateOf(node); any.unpacked)
            return any.unpacked.get();
    }
    return mutableRawMessageOf(node);
}

const gp::Message *MessageFormTree::rawMessageOf(const Node *node) const
{
    if (node == m_root.get())
        return m_message.get();
    const gp::Message *owner = ownerOf(node);
    const gp::Reflection *r = owner->GetReflection();
    switch (node->kind) {
    case RowKind::Field:
        return &r->GetMessage(*owner, node->field);
    case RowKind::Element:
        return &r->GetRepeatedMessage(*owner, node->field, node->row);
    case RowKind::MapEntry: {
        const gp::Message &entry = r->GetRepeatedMessage(*owner, node->field, node->row);
        return &entry.GetReflection()->GetMessage(entry, entry.GetDescriptor()->map_value());
    }
    case RowKind::Oneof:
        break;
    }
    return owner;
}

gp::Message *MessageFormTree::mutableRawMessageOf(Node *node)
{
    if (node == m_root.get())
        return m_message.get();
    gp::Message *owner = mutableOwnerOf(node);
    const gp::Reflection *r = owner->GetReflection();
    switch (node->kind) {
    case RowKind::Field:
        return r->MutableMessage(owner, node->field);
    case RowKind::Element:
        return r->MutableRepeatedMessage(owner, node->field, node->row);
    case RowKind::MapEntry: {
        gp::Message *entry = r->MutableRepeatedMessage(owner, node->field, node->row);
        return entry->GetReflection()->MutableMessage(entry, entry->GetDescriptor()->map_value());
    }
    case RowKind::Oneof:
        break;
    }
    return owner;
}

MessageFormTree::Slot MessageFormTree::slotOf(const Node *node) const
{
    const gp::Message *owner = ownerOf(node);
    if (node->kind == RowKind::MapEntry) {
        const gp::Message &entry = owner->GetReflection()->GetRepeatedMessage(*owner, node->field, node->row);
        return {&entry, entry.GetDescriptor()->map_value(), -1};
    }
    return {owner, node->field, node->kind == RowKind::Element ? node->row : -1};
}

MessageFormTree::MutableSlot MessageFormTree::mutableSlotOf(Node *node)
{
    gp::Message *owner = mutableOwnerOf(node);
    if (node->kind == RowKind::MapEntry) {
        gp::Message *entry = owner->GetReflection()->MutableRepeatedMessage(owner, node->field, node->row);
        return {entry, entry->GetDescriptor()->map_value(), -1};
    }
    return {owner, node->field, node->kind == RowKind::Element ? node->row : -1};
}

int MessageFormTree::childCountOf(const Node *node) const
{
    if (!m_message)
        return 0;
    switch (shapeOf(node)) {
    case Shape::Message: {
        const gp::Descriptor *type = messageTypeOf(node);
        return type ? memberCount(type) : 0;
    }
    case Shape::List:
    case Shape::Map: {
        const gp::Message *owner = ownerOf(node);
        return owner->GetReflection()->FieldSize(*owner, node->field);
    }
    case Shape::Oneof:
        return node->oneof->field_count();
    case Shape::Scalar:
        break;
    }
    return 0;
}

void MessageFormTree::makeChildren(Node *node, int from, int to)
{
    const auto add
        = [node](int row, RowKind kind, const gp::FieldDescriptor *field, const gp::OneofDescriptor *oneof) {
              auto child = std::make_unique<Node>();
              child->kind = kind;
              child->parent = node;
              child->row = row;
              child->field = field;
              child->oneof = oneof;
              node->children.push_back(std::move(child));
          };
    node->children.reserve(size_t(to));
    switch (shapeOf(node)) {
    case Shape::Message:
        forEachMember(messageTypeOf(node),
            [&](int row, const gp::FieldDescriptor *field, const gp::OneofDescriptor *oneof) {
                if (row >= from && row < to)
                    add(row, oneof ? RowKind::Oneof : RowKind::Field, field, oneof);
            });
        break;
    case Shape::List:
    case Shape::Map:
        for (int row = from; row < to; ++row)
            add(row, node->field->is_map() ? RowKind::MapEntry : RowKind::Element, node->field, nullptr);
        break;
    case Shape::Oneof:
        for (int row = from; row < to; ++row)
            add(row, RowKind::Field, node->oneof->field(row), nullptr);
        break;
    case Shape::Scalar:
        break;
    }
}

bool MessageFormTree::mayHaveChildren(const Node *node) const
{
    // A message row's type decides; no need to count the rows of a 1,000-field type here.
    if (shapeOf(node) == Shape::Message) {
        const gp::Descriptor *type = messageTypeOf(node);
        return type && type->field_count() > 0;
    }
    return childCountOf(node) > 0;
}

bool MessageFormTree::isSet(const Node *node) const
{
    if (node == m_root.get() || node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return true;
    if (node->kind == RowKind::Oneof) {
        const gp::Message *owner = messageOf(node->parent);
        return owner->GetReflection()->GetOneofFieldDescriptor(*owner, node->oneof) != nullptr;
    }
    const gp::Message *owner = ownerOf(node);
    const gp::Reflection *r = owner->GetReflection();
    return node->field->is_repeated() ? r->FieldSize(*owner, node->field) > 0
                                      : r->HasField(*owner, node->field);
}

BytesMode MessageFormTree::bytesModeOf(const Node *node) const
{
    if (node->bytesMode != BytesMode::Text || shapeOf(node) != Shape::Scalar)
        return node->bytesMode;
    const Slot slot = slotOf(node);
    // Binary data shown as text would be mangled on the way back; show it as hex instead.
    if (slot.field->type() == gp::FieldDescriptor::TYPE_BYTES
        && !FieldValueText::isReadableText(FieldAccess::readBytes(*slot.message, slot.field, slot.index)))
        return BytesMode::Hex;
    return BytesMode::Text;
}

QString MessageFormTree::fieldText(const Node *node) const
{
    switch (node->kind) {
    case RowKind::Field:
        return QString::fromStdString(node->field->name());
    case RowKind::Oneof:
        return QString::fromStdString(node->oneof->name());
    case RowKind::Element:
        return QStringLiteral("[%1]").arg(node->row);
    case RowKind::MapEntry: {
        const gp::Message *owner = ownerOf(node);
        const gp::Message &entry = owner->GetReflection()->GetRepeatedMessage(*owner, node->field, node->row);
        return FieldAccess::read(*m_schema, entry, entry.GetDescriptor()->map_key(), -1, BytesMode::Text);
    }
    }
    return {};
}

QString MessageFormTree::pathOf(const Node *node) const
{
    if (node == m_root.get())
        return {};
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return pathOf(node->parent) + QStringLiteral("[%1]").arg(node->row);
    const Node *container = node->parent;
    if (node->kind == RowKind::Field && container->kind == RowKind::Oneof)
        container = container->parent;
    const QString prefix = pathOf(container);
    const QString name = QString::fromStdString(node->oneof ? node->oneof->name() : node->field->name());
    return prefix.isEmpty() ? name : prefix + u'.' + name;
}

// --- Any rows ----------------------------------------------------------------------------

bool MessageFormTree::isAny(const Node *node) const
{
    if (!m_anyType || node == m_root.get() || node->kind == RowKind::Oneof)
        return false;
    if (node->kind == RowKind::Field && node->field->is_repeated())
        return false;
    const gp::FieldDescriptor *value
        = node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field;
    return value->message_type() == m_anyType;
}

// Read once and kept while rows show it; without rows it is read again when the Any
// changed, so a summary never shows a stale value.
MessageFormTree::Node::AnyState &MessageFormTree::anyStateOf(const Node *node) const
{
    if (node->any && (!node->children.empty() || !anyChanged(node)))
        return *node->any;
    const Packed packed(*rawMessageOf(node));
    node->any = unpack(*packed.url, *packed.value);
    return *node->any;
}

std::unique_ptr<MessageFormTree::Node::AnyState> MessageFormTree::unpack(
    const std::string &url, const std::string &value) const
{
    auto state = std::make_unique<Node::AnyState>();
    state->url = url;
    state->value = value;
    if (url.empty())
        return state;
    const QString name = typeNameOfUrl(url);
    const gp::Descriptor *type = m_schema->findMessage(name);
    if (!type) {
        state->problem = tr("%1 is not a type of the schema: the %2 bytes it packs are kept as they are")
                             .arg(name)
                             .arg(value.size());
        return state;
    }
    std::unique_ptr<gp::Message> message = m_schema->newMessage(type);
    if (!message || !message->ParseFromString(value)) {
        state->problem = tr("the %1 bytes packed are not a valid %2: they are kept as they are")
                             .arg(value.size())
                             .arg(name);
        return state;
    }
    state->type = type;
    state->unpacked = std::move(message);
    return state;
}

bool MessageFormTree::anyChanged(const Node *node) const
{
    if (!node->any)
        return false;
    const Packed packed(*rawMessageOf(node));
    return *packed.url != node->any->url || *packed.value != node->any->value;
}

// After an edit below Any rows: each packs its edited message again, the innermost first,
// so the outer ones pack what the inner ones now hold.
void MessageFormTree::repackAnys(Node *node)
{
    for (Node *row = node->parent; row && row != m_root.get(); row = row->parent) {
        if (!isAny(row) || !row->any || !row->any->unpacked)
            continue;
        std::string value;
        row->any->unpacked->SerializeToString(&value);
        if (m_mayRepeatKeys) {
            const std::unique_ptr<gp::Message> unique(row->any->unpacked->New());
            if (unique->ParseFromString(value)) {
                value.clear();
                unique->SerializeToString(&value);
            }
        }
        writePacked(mutableRawMessageOf(row), row->any->url, value);
        row->any->value = std::move(value);
    }
}

void MessageFormTree::writeAny(Node *node, const std::string &url, const std::string &value)
{
    writePacked(mutableRawMessageOf(node), url, value);
}

QString MessageFormTree::typeNameOfUrl(const std::string &url)
{
    const QString text = QString::fromStdString(url);
    return text.mid(text.lastIndexOf(u'/') + 1);
}

} // namespace wirescope
