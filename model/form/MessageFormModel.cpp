#include "model/form/MessageFormModel.h"

#include "model/form/FieldAccess.h"
#include "model/form/FormJsonCache.h"
#include "model/form/MessageFormEditor.h"
#include "model/form/MessageFormText.h"
#include "model/form/MessageFormTree.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <QRegularExpression>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

// The editor's changes of rows as this model's notifications. Rows are never fetched from
// inside one (see canFetchMore), so each runs with m_changing raised.
class MessageFormModel::Rows final : public MessageFormEditor::Rows {
public:
    explicit Rows(MessageFormModel &model)
        : m_model(model)
    {
    }

    void beginInsert(const Node *parent, int first, int last) override
    {
        ++m_model.m_changing;
        m_model.beginInsertRows(m_model.indexOf(parent), first, last);
    }
    void endInsert() override
    {
        m_model.endInsertRows();
        --m_model.m_changing;
    }
    void beginRemove(const Node *parent, int first, int last) override
    {
        ++m_model.m_changing;
        m_model.beginRemoveRows(m_model.indexOf(parent), first, last);
    }
    void endRemove() override
    {
        m_model.endRemoveRows();
        --m_model.m_changing;
    }
    bool beginMove(const Node *parent, int from, int to) override
    {
        const QModelIndex index = m_model.indexOf(parent);
        ++m_model.m_changing;
        if (m_model.beginMoveRows(index, from, from, index, to))
            return true;
        --m_model.m_changing;
        return false;
    }
    void endMove() override
    {
        m_model.endMoveRows();
        --m_model.m_changing;
    }
    void changed(const Node *first, const Node *last) override
    {
        Q_EMIT m_model.dataChanged(m_model.indexOf(first), m_model.indexOf(last, ColumnCount - 1));
    }
    void fetch(Node *node) override { m_model.ensureFetched(node); }
    void editing(const Node *node) override
    {
        m_model.noteJsonEdit(node);
        ++m_model.m_revision;
        m_model.m_rejectedNode = nullptr;
        m_model.m_text->forgetDuplicates();
        m_model.m_lastError.clear();
    }
    void edited() override { Q_EMIT m_model.messageChanged(); }
    void rejected(const Node *node, const QString &why, const QString &text) override
    {
        m_model.m_lastError = why;
        m_model.m_rejectedNode = text.isEmpty() ? nullptr : node;
        m_model.m_rejectedText = text;
        m_model.emitRowChanged(node);
        Q_EMIT m_model.editRejected(m_model.indexOf(node, ValueColumn), why);
    }
    void anyTypeChanged(const Node *node) override { Q_EMIT m_model.anyTypeChanged(m_model.indexOf(node)); }

private:
    MessageFormModel &m_model;
};

MessageFormModel::MessageFormModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_tree(std::make_unique<MessageFormTree>())
    , m_rows(std::make_unique<Rows>(*this))
    , m_editor(std::make_unique<MessageFormEditor>(*m_tree, *m_rows))
    , m_text(std::make_unique<MessageFormText>(*m_tree))
    , m_json(std::make_unique<FormJsonCache>())
{
}

MessageFormModel::~MessageFormModel() = default;

void MessageFormModel::setType(const SchemaPtr &schema, const gp::Descriptor *type)
{
    beginResetModel();
    m_tree->reset(schema, type);
    m_text->forgetSchema();
    m_json->clear();
    ++m_revision;
    m_rejectedNode = nullptr;
    ++m_changing; // see canFetchMore: a view that re-reads the tree on reset fetches later
    endResetModel();
    --m_changing;
}

const gp::Descriptor *MessageFormModel::type() const
{
    return m_tree->type();
}

const SchemaPtr &MessageFormModel::schema() const
{
    return m_tree->schema();
}

const gp::Message *MessageFormModel::message() const
{
    return m_tree->message();
}

JsonError MessageFormModel::setJson(const QByteArray &json)
{
    JsonError error;
    if (!m_tree->type()) {
        error.message = QStringLiteral("no message type to read the JSON as");
        return error;
    }
    QByteArray binary;
    if (JsonCodec::toBinary(*m_tree->schema(), m_tree->type(), json, &binary, &error))
        setBinary(binary);
    return error;
}

bool MessageFormModel::setBinary(const QByteArray &binary)
{
    if (!m_tree->type())
        return false;
    std::unique_ptr<gp::Message> fresh = m_tree->schema()->newMessage(m_tree->type());
    if (!fresh || !fresh->ParseFromArray(binary.constData(), int(binary.size())))
        return false;
    // Rows that go are removed while the old message still has them; then the new message
    // takes over and the rows it adds are inserted.
    m_editor->trim(m_tree->root(), fresh);
    m_tree->swapMessage(fresh);
    m_text->forgetDuplicates();
    m_lastError.clear();
    m_json->clear();
    ++m_revision;
    m_tree->setMayRepeatKeys(false); // parsing kept the last entry of each key
    m_rejectedNode = nullptr;
    m_editor->sync(m_tree->root());
    return true;
}

QByteArray MessageFormModel::toBinary() const
{
    return m_tree->toBinary();
}

// The JSON is kept in pieces by FormJsonCache, so an edit reprints only the field (or the
// one element of a long list) it touched.
QByteArray MessageFormModel::toJson() const
{
    if (!m_tree->type())
        return {};
    if (m_jsonRevision != m_revision) {
        m_jsonText = m_json->json(*m_tree->schema(), m_tree->mutableMessage(), m_tree->mayRepeatKeys());
        m_jsonRevision = m_revision;
    }
    return m_jsonText;
}

// --- the tree --------------------------------------------------------------------------

MessageFormModel::Node *MessageFormModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_tree->root();
}

QModelIndex MessageFormModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_tree->root())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

void MessageFormModel::ensureFetched(Node *node)
{
    if (!node->fetched)
        fetchMore(indexOf(node));
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
    if (parent.column() > 0 || !m_tree->message())
        return false;
    const Node *node = nodeOf(parent);
    if (node->fetched)
        return !node->children.empty();
    return m_tree->mayHaveChildren(node);
}

bool MessageFormModel::canFetchMore(const QModelIndex &parent) const
{
    // Rows are never fetched from inside another change's notifications: a handler that
    // walks the tree (QAbstractItemModelTester does) would nest one insertion in another.
    if (parent.column() > 0 || !m_tree->message() || m_changing)
        return false;
    const Node *node = nodeOf(parent);
    return !node->fetched && m_tree->mayHaveChildren(node);
}

void MessageFormModel::fetchMore(const QModelIndex &parent)
{
    if (parent.column() > 0)
        return;
    Node *node = nodeOf(parent);
    if (node->fetched || m_changing)
        return;
    const int count = m_tree->childCountOf(node);
    if (count == 0) {
        node->fetched = true;
        return;
    }
    ++m_changing; // see canFetchMore
    beginInsertRows(parent, 0, count - 1);
    m_tree->makeChildren(node, 0, count);
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
        const Shape shape = m_tree->shapeOf(node);
        if (shape == Shape::Scalar || shape == Shape::Oneof || m_tree->isAny(node))
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
    Node *node = m_tree->root();
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

// --- what rows show ----------------------------------------------------------------------

QVariant MessageFormModel::roleData(const Node *node, int role) const
{
    switch (role) {
    case FieldNumberRole:
        return node->kind == RowKind::Field ? node->field->number() : 0;
    case RowKindRole:
        return int(node->kind);
    case ShapeRole:
        return int(m_tree->shapeOf(node));
    case ValueKindRole:
        if (node->kind == RowKind::Oneof)
            return int(ValueKind::None);
        return int(FieldAccess::valueKind(
            node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field));
    case HasPresenceRole:
        return node->kind == RowKind::Oneof
            || (node->kind == RowKind::Field && !node->field->is_repeated() && node->field->has_presence());
    case IsSetRole:
        return m_tree->isSet(node);
    case PlaceholderRole:
        return m_tree->isSet(node) ? QString() : m_text->placeholder(node);
    case CommentRole:
        return node->kind == RowKind::Field && schema() ? schema()->comment(node->field) : QString();
    case ErrorRole:
        if (!node->error.isEmpty())
            return node->error;
        if (m_tree->isAny(node))
            return m_tree->anyStateOf(node).problem;
        return node->kind == RowKind::MapEntry && m_text->isDuplicateKey(node)
            ? tr("duplicate key: only the last entry with it is sent")
            : QString();
    case ChoicesRole:
        return m_text->choices(node);
    case BytesModeRole:
        return int(m_tree->bytesModeOf(node));
    case PathRole:
        return m_tree->pathOf(node);
    case DuplicateKeyRole:
        return node->kind == RowKind::MapEntry && m_text->isDuplicateKey(node);
    case FieldNameRole:
        return m_tree->fieldText(node);
    case AnyTypeRole: {
        if (!m_tree->isAny(node))
            return QString();
        const QString url = QString::fromStdString(m_tree->anyStateOf(node).url);
        return url.mid(url.lastIndexOf(u'/') + 1);
    }
    case MaskTargetsRole:
        return roleData(node, ValueKindRole).toInt() == int(ValueKind::FieldMask) ? m_text->maskTargets(node)
                                                                                  : QStringList();
    default:
        return {};
    }
}

QVariant MessageFormModel::displayData(const Node *node, int column, int role) const
{
    const bool edit = role == Qt::EditRole;
    switch (column) {
    case FieldColumn:
        // An element's label is its position, which a view draws from the row (FieldNameRole
        // has it too): what DisplayRole holds moves with the element when rows move.
        return node->kind == RowKind::Element ? QString() : m_tree->fieldText(node);
    case ValueColumn:
        // A refused edit comes back to the next editor as it was typed, to be corrected.
        if (edit && node == m_rejectedNode && !node->error.isEmpty())
            return m_rejectedText;
        if (!m_tree->isSet(node))
            return QString();
        if (m_tree->shapeOf(node) == Shape::Scalar)
            return m_text->valueText(node);
        if (edit && m_tree->isAny(node))
            return roleData(node, AnyTypeRole);
        if (edit && node->kind != RowKind::Oneof)
            return QVariant();
        return m_text->summary(node);
    case TypeColumn:
        return edit ? QVariant() : QVariant(m_text->typeText(node));
    default:
        return {};
    }
}

QVariant MessageFormModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_tree->message())
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return displayData(node, index.column(), role);
    case Qt::ToolTipRole:
        return m_text->toolTip(node, roleData(node, ErrorRole).toString());
    case Qt::CheckStateRole:
        if (index.column() == ValueColumn && m_tree->shapeOf(node) == Shape::Scalar
            && roleData(node, ValueKindRole).toInt() == int(ValueKind::Bool))
            return m_tree->isSet(node) && m_text->valueText(node) == u"true" ? Qt::Checked : Qt::Unchecked;
        return {};
    default:
        return roleData(node, role);
    }
}

QStringList MessageFormModel::messageTypeNames() const
{
    return m_text->messageTypeNames();
}

// --- edits -------------------------------------------------------------------------------

bool MessageFormModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !m_tree->message())
        return false;
    Node *node = nodeOf(index);
    if (role == BytesModeRole) {
        node->bytesMode = BytesMode(std::clamp(value.toInt(), 0, int(BytesMode::Base64)));
        emitRowChanged(node);
        return true;
    }
    if (role == Qt::CheckStateRole && index.column() == ValueColumn)
        return m_editor->setValueText(node,
            value.value<Qt::CheckState>() == Qt::Checked ? QStringLiteral("true") : QStringLiteral("false"));
    if (role != Qt::EditRole)
        return false;
    if (index.column() == FieldColumn && node->kind == RowKind::MapEntry)
        return m_editor->setKeyText(node, value.toString());
    if (index.column() == ValueColumn)
        return m_editor->setValueText(node, value.toString());
    return false;
}

void MessageFormModel::emitRowChanged(const Node *node)
{
    if (node != m_tree->root())
        Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
}

// Tells the JSON cache what an edit at `node` may have changed: one element of a top-level
// list, or a top-level field (with the other members of its oneof).
void MessageFormModel::noteJsonEdit(const Node *node)
{
    const Node *top = node;
    const Node *below = nullptr;
    while (top->parent && top->parent != m_tree->root()) {
        below = top;
        top = top->parent;
    }
    if (top == m_tree->root()) {
        m_json->clear();
    } else if (top->kind == RowKind::Oneof) {
        for (int i = 0; i < top->oneof->field_count(); ++i)
            m_json->fieldChanged(top->oneof->field(i));
    } else if (below && below->kind == RowKind::Element) {
        m_json->elementChanged(top->field, below->row);
    } else {
        m_json->fieldChanged(top->field);
    }
}

bool MessageFormModel::setPresent(const QModelIndex &index, bool present)
{
    if (!index.isValid() || !m_tree->message())
        return false;
    return m_editor->setPresent(nodeOf(index), present);
}

bool MessageFormModel::chooseOneof(const QModelIndex &oneof, const QString &memberName)
{
    Node *node = nodeOf(oneof);
    if (!oneof.isValid() || node->kind != RowKind::Oneof)
        return false;
    return m_editor->chooseOneof(node, memberName);
}

QModelIndex MessageFormModel::addElement(const QModelIndex &container, int row)
{
    if (!container.isValid() || !m_tree->message())
        return {};
    return indexOf(m_editor->addElement(nodeOf(container), row));
}

bool MessageFormModel::removeElement(const QModelIndex &element)
{
    Node *node = nodeOf(element);
    if (!element.isValid() || (node->kind != RowKind::Element && node->kind != RowKind::MapEntry))
        return false;
    return m_editor->removeElement(node);
}

bool MessageFormModel::moveElement(const QModelIndex &element, int toRow)
{
    Node *node = nodeOf(element);
    if (!element.isValid() || (node->kind != RowKind::Element && node->kind != RowKind::MapEntry))
        return false;
    return m_editor->moveElement(node, toRow);
}

bool MessageFormModel::setBytes(const QModelIndex &index, const QByteArray &bytes)
{
    if (!index.isValid() || data(index, ValueKindRole).toInt() != int(ValueKind::Bytes))
        return false;
    return m_editor->setBytes(nodeOf(index), bytes);
}

QByteArray MessageFormModel::bytes(const QModelIndex &index) const
{
    if (!index.isValid() || data(index, ValueKindRole).toInt() != int(ValueKind::Bytes))
        return {};
    QByteArray value;
    const MessageFormTree::Slot slot = m_tree->slotOf(nodeOf(index));
    FieldValueText::parseBytes(
        FieldAccess::read(*m_tree->schema(), *slot.message, slot.field, slot.index, BytesMode::Base64),
        BytesMode::Base64, &value, nullptr);
    return value;
}

bool MessageFormModel::setAnyType(const QModelIndex &any, const QString &typeName)
{
    if (!any.isValid() || !m_tree->message() || !m_tree->isAny(nodeOf(any)))
        return false;
    return m_editor->setAnyType(nodeOf(any), typeName);
}

} // namespace wirescope
