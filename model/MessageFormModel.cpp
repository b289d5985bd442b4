#include "model/MessageFormModel.h"

#include "model/FieldAccess.h"
#include "model/FormJsonCache.h"
#include "model/MessageFormNode.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <QRegularExpression>

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

} // namespace

MessageFormModel::MessageFormModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_json(std::make_unique<FormJsonCache>())
{
}

MessageFormModel::~MessageFormModel() = default;

void MessageFormModel::setType(const SchemaPtr &schema, const gp::Descriptor *type)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_duplicates.clear();
    m_message.reset(); // before the schema it may come from
    m_schema = schema;
    m_type = schema ? type : nullptr;
    if (m_type)
        m_message = m_schema->newMessage(m_type);
    if (!m_message)
        m_type = nullptr;
    m_anyType = m_type ? m_type->file()->pool()->FindMessageTypeByName("google.protobuf.Any") : nullptr;
    m_typeNames.reset();
    m_json->clear();
    ++m_revision;
    m_mayRepeatKeys = false;
    m_rejectedNode = nullptr;
    ++m_changing; // see canFetchMore: a view that re-reads the tree on reset fetches later
    endResetModel();
    --m_changing;
}

JsonError MessageFormModel::setJson(const QByteArray &json)
{
    JsonError error;
    if (!m_type) {
        error.message = QStringLiteral("no message type to read the JSON as");
        return error;
    }
    QByteArray binary;
    if (JsonCodec::toBinary(*m_schema, m_type, json, &binary, &error))
        setBinary(binary);
    return error;
}

bool MessageFormModel::setBinary(const QByteArray &binary)
{
    if (!m_type)
        return false;
    std::unique_ptr<gp::Message> fresh = m_schema->newMessage(m_type);
    if (!fresh || !fresh->ParseFromArray(binary.constData(), int(binary.size())))
        return false;
    // Rows that go are removed while the old message still has them; then the new message
    // takes over and the rows it adds are inserted.
    trim(m_root.get(), fresh);
    m_message.swap(fresh);
    m_duplicates.clear();
    m_lastError.clear();
    m_json->clear();
    ++m_revision;
    m_mayRepeatKeys = false; // parsing kept the last entry of each key
    m_rejectedNode = nullptr;
    sync(m_root.get());
    return true;
}

QByteArray MessageFormModel::toBinary() const
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

// The JSON is kept in pieces by FormJsonCache, so an edit reprints only the field (or the
// one element of a long list) it touched.
QByteArray MessageFormModel::toJson() const
{
    if (!m_type)
        return {};
    if (m_jsonRevision != m_revision) {
        m_jsonText = m_json->json(*m_schema, m_message.get(), m_mayRepeatKeys);
        m_jsonRevision = m_revision;
    }
    return m_jsonText;
}

// --- the tree --------------------------------------------------------------------------

MessageFormModel::Node *MessageFormModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex MessageFormModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

const gp::Descriptor *MessageFormModel::messageTypeOf(const Node *node) const
{
    if (node == m_root.get())
        return m_type;
    if (isAny(node))
        return anyStateOf(node).type;
    if (node->kind == RowKind::MapEntry)
        return node->field->message_type()->map_value()->message_type();
    return node->field ? node->field->message_type() : nullptr;
}

MessageFormModel::Shape MessageFormModel::shapeOf(const Node *node) const
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

const gp::Message *MessageFormModel::ownerOf(const Node *node) const
{
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return ownerOf(node->parent);
    const Node *container = node->parent;
    if (node->kind == RowKind::Field && container->kind == RowKind::Oneof)
        container = container->parent;
    return messageOf(container);
}

gp::Message *MessageFormModel::mutableOwnerOf(Node *node)
{
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry)
        return mutableOwnerOf(node->parent);
    Node *container = node->parent;
    if (node->kind == RowKind::Field && container->kind == RowKind::Oneof)
        container = container->parent;
    return mutableMessageOf(container);
}

// A row's message: what an Any row packs, or the message stored at the row.
const gp::Message *MessageFormModel::messageOf(const Node *node) const
{
    if (node != m_root.get() && isAny(node)) {
        if (const AnyState &any = anyStateOf(node); any.unpacked)
            return any.unpacked.get();
    }
    return rawMessageOf(node);
}

gp::Message *MessageFormModel::mutableMessageOf(Node *node)
{
    if (node != m_root.get() && isAny(node)) {
        if (AnyState &any = anyStateOf(node); any.unpacked)
            return any.unpacked.get();
    }
    return mutableRawMessageOf(node);
}

const gp::Message *MessageFormModel::rawMessageOf(const Node *node) const
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

gp::Message *MessageFormModel::mutableRawMessageOf(Node *node)
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

MessageFormModel::Slot MessageFormModel::slotOf(const Node *node) const
{
    const gp::Message *owner = ownerOf(node);
    if (node->kind == RowKind::MapEntry) {
        const gp::Message &entry = owner->GetReflection()->GetRepeatedMessage(*owner, node->field, node->row);
        return {&entry, entry.GetDescriptor()->map_value(), -1};
    }
    return {owner, node->field, node->kind == RowKind::Element ? node->row : -1};
}

MessageFormModel::MutableSlot MessageFormModel::mutableSlotOf(Node *node)
{
    gp::Message *owner = mutableOwnerOf(node);
    if (node->kind == RowKind::MapEntry) {
        gp::Message *entry = owner->GetReflection()->MutableRepeatedMessage(owner, node->field, node->row);
        return {entry, entry->GetDescriptor()->map_value(), -1};
    }
    return {owner, node->field, node->kind == RowKind::Element ? node->row : -1};
}

int MessageFormModel::childCountOf(const Node *node) const
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

void MessageFormModel::makeChildren(Node *node, int from, int to)
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

void MessageFormModel::ensureFetched(Node *node)
{
    if (!node->fetched)
        fetchMore(indexOf(node));
}

// Removes the rows that `next` no longer has, top-down, so every notification is sent while
// the rows it names still exist in the current message.
void MessageFormModel::trim(Node *node, std::unique_ptr<gp::Message> &next)
{
    if (!node->fetched)
        return;
    if (isAny(node)) {
        m_message.swap(next);
        const bool changed = anyChanged(node);
        m_message.swap(next);
        if (changed) {
            dropAnyRows(node); // they show a packed message that is going
            return;
        }
    }
    m_message.swap(next);
    const int want = childCountOf(node);
    m_message.swap(next);
    if (want < int(node->children.size())) {
        ++m_changing; // see canFetchMore
        beginRemoveRows(indexOf(node), want, int(node->children.size()) - 1);
        node->children.resize(size_t(want));
        endRemoveRows();
        --m_changing;
    }
    for (const auto &child : node->children)
        trim(child.get(), next);
}

// Removes the element rows of every list and map under `node` before what they show is
// cleared, while they can still be read. Other rows stay: a message has the same fields
// set or not.
void MessageFormModel::dropChildren(Node *node)
{
    const Shape shape = shapeOf(node);
    if ((shape == Shape::List || shape == Shape::Map) && !node->children.empty()) {
        ++m_changing; // see canFetchMore
        beginRemoveRows(indexOf(node), 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
        --m_changing;
        return;
    }
    for (const auto &child : node->children)
        dropChildren(child.get());
}

// Brings the rows under `node` in line with the message after it changed underneath them:
// lists and maps may have grown or shrunk; every other row keeps its place.
void MessageFormModel::sync(Node *node)
{
    node->error.clear();
    if (isAny(node) && anyChanged(node))
        dropAnyRows(node);
    if (!node->fetched)
        return;
    const int want = childCountOf(node);
    const int have = int(node->children.size());
    if (want < have) {
        ++m_changing; // see canFetchMore
        beginRemoveRows(indexOf(node), want, have - 1);
        node->children.resize(size_t(want));
        endRemoveRows();
        --m_changing;
    } else if (want > have) {
        ++m_changing; // see canFetchMore
        beginInsertRows(indexOf(node), have, want - 1);
        makeChildren(node, have, want);
        endInsertRows();
        --m_changing;
    }
    for (const auto &child : node->children)
        sync(child.get());
    if (!node->children.empty())
        Q_EMIT dataChanged(
            indexOf(node->children.front().get()), indexOf(node->children.back().get(), ColumnCount - 1));
}

QModelIndex MessageFormModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(node->children.size())
        || (parent.isValid() && parent.column() != 0))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex MessageFormModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int MessageFormModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int MessageFormModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

bool MessageFormModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0 || !m_message)
        return false;
    const Node *node = nodeOf(parent);
    if (node->fetched)
        return !node->children.empty();
    return mayHaveChildren(node);
}

bool MessageFormModel::mayHaveChildren(const Node *node) const
{
    // A message row's type decides; no need to count the rows of a 1,000-field type here.
    if (shapeOf(node) == Shape::Message) {
        const gp::Descriptor *type = messageTypeOf(node);
        return type && type->field_count() > 0;
    }
    return childCountOf(node) > 0;
}

bool MessageFormModel::canFetchMore(const QModelIndex &parent) const
{
    // Rows are never fetched from inside another change's notifications: a handler that
    // walks the tree (QAbstractItemModelTester does) would nest one insertion in another.
    if (parent.column() > 0 || !m_message || m_changing)
        return false;
    const Node *node = nodeOf(parent);
    return !node->fetched && mayHaveChildren(node);
}

void MessageFormModel::fetchMore(const QModelIndex &parent)
{
    if (parent.column() > 0)
        return;
    Node *node = nodeOf(parent);
    if (node->fetched || m_changing)
        return;
    const int count = childCountOf(node);
    if (count == 0) {
        node->fetched = true;
        return;
    }
    ++m_changing; // see canFetchMore
    beginInsertRows(parent, 0, count - 1);
    makeChildren(node, 0, count);
    node->fetched = true;
    endInsertRows();
    --m_changing;
}

QVariant MessageFormModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

Qt::ItemFlags MessageFormModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Node *node = nodeOf(index);
    if (index.column() == FieldColumn && node->kind == RowKind::MapEntry)
        flags |= Qt::ItemIsEditable;
    if (index.column() == ValueColumn) {
        const Shape shape = shapeOf(node);
        if (shape == Shape::Scalar || shape == Shape::Oneof || isAny(node))
            flags |= Qt::ItemIsEditable;
        if (shape == Shape::Scalar && data(index, ValueKindRole).toInt() == int(ValueKind::Bool))
            flags |= Qt::ItemIsUserCheckable;
    }
    return flags;
}

// --- finding rows by path ----------------------------------------------------------------

QModelIndex MessageFormModel::indexOfPath(const QString &path)
{
    static const QRegularExpression token(QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)|\\[([0-9]+)\\]"));
    Node *node = m_root.get();
    for (auto it = token.globalMatch(path); it.hasNext();) {
        const auto match = it.next();
        ensureFetched(node);
        Node *next = nullptr;
        if (!match.captured(2).isEmpty()) {
            const int row = match.captured(2).toInt();
            if (row < int(node->children.size()))
                next = node->children[size_t(row)].get();
        } else {
            const std::string name = match.captured(1).toStdString();
            for (const auto &child : node->children) {
                if (child->kind == RowKind::Oneof && child->oneof->name() != name) {
                    ensureFetched(child.get());
                    for (const auto &member : child->children) {
                        if (member->field->name() == name || member->field->json_name() == name)
                            next = member.get();
                    }
                } else if ((child->oneof && child->oneof->name() == name)
                    || (child->field
                        && (child->field->name() == name || child->field->json_name() == name))) {
                    next = child.get();
                }
                if (next)
                    break;
            }
        }
        if (!next)
            return {};
        node = next;
    }
    return indexOf(node);
}

QString MessageFormModel::pathOf(const Node *node) const
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

} // namespace wirescope
