// How MessageFormModel changes its message: text edits, presence, lists, maps and oneofs.
#include "model/MessageFormModel.h"

#include "model/FieldAccess.h"
#include "model/FormJsonCache.h"
#include "model/MessageFormNode.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

bool MessageFormModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !m_message)
        return false;
    Node *node = nodeOf(index);
    if (role == BytesModeRole) {
        node->bytesMode = BytesMode(std::clamp(value.toInt(), 0, int(BytesMode::Base64)));
        emitRowChanged(node);
        return true;
    }
    if (role == Qt::CheckStateRole && index.column() == ValueColumn)
        return setValueText(node,
            value.value<Qt::CheckState>() == Qt::Checked ? QStringLiteral("true") : QStringLiteral("false"));
    if (role != Qt::EditRole)
        return false;
    if (index.column() == FieldColumn && node->kind == RowKind::MapEntry)
        return setKeyText(node, value.toString());
    if (index.column() == ValueColumn)
        return setValueText(node, value.toString());
    return false;
}

// Writes into a scratch message first, so that a rejected edit leaves no trace: not even
// the presence of the messages on the way to the field.
bool MessageFormModel::dryRun(const Slot &slot, const QString &text, BytesMode mode, QString *error) const
{
    const std::unique_ptr<gp::Message> scratch(slot.message->New());
    int index = -1;
    if (slot.index >= 0) {
        FieldAccess::addDefault(scratch.get(), slot.field);
        index = 0;
    }
    return FieldAccess::write(*m_schema, scratch.get(), slot.field, index, text, mode, error);
}

bool MessageFormModel::setValueText(Node *node, const QString &text)
{
    const Shape shape = shapeOf(node);
    if (shape == Shape::Oneof)
        return chooseOneof(indexOf(node), text.trimmed());
    if (isAny(node))
        return setAnyText(node, text);
    if (shape != Shape::Scalar)
        return reject(node, tr("%1 is edited through its rows").arg(fieldText(node)));
    const Slot slot = slotOf(node);
    const ValueKind kind = FieldAccess::valueKind(slot.field);
    // An empty box on a field means "back to unset", except where empty is itself a value.
    if (node->kind == RowKind::Field && text.trimmed().isEmpty() && kind != ValueKind::String
        && kind != ValueKind::Bytes)
        return setPresent(indexOf(node), false) || !isSet(node);
    const BytesMode mode = bytesModeOf(node);
    QString error;
    if (!dryRun(slot, text, mode, &error))
        return reject(node, error, text);
    dropClearedSiblings(node);
    const MutableSlot target = mutableSlotOf(node);
    FieldAccess::write(*m_schema, target.message, target.field, target.index, text, mode, &error);
    edited(node);
    return true;
}

// Writing below a oneof member that is not the one set clears the one that is: its rows go
// first, while they can still be read.
void MessageFormModel::dropClearedSiblings(Node *node)
{
    for (Node *row = node; row && row != m_root.get(); row = row->parent) {
        Node *group = row->parent;
        if (!group || group->kind != RowKind::Oneof)
            continue;
        const gp::Message *owner = messageOf(group->parent);
        const gp::FieldDescriptor *current
            = owner->GetReflection()->GetOneofFieldDescriptor(*owner, group->oneof);
        for (const auto &member : group->children) {
            if (current && current != row->field && member->field == current)
                dropChildren(member.get());
        }
    }
}

bool MessageFormModel::setKeyText(Node *node, const QString &text)
{
    const gp::Message *owner = ownerOf(node);
    const gp::Message &entry = owner->GetReflection()->GetRepeatedMessage(*owner, node->field, node->row);
    const gp::FieldDescriptor *key = entry.GetDescriptor()->map_key();
    QString error;
    if (!dryRun({&entry, key, -1}, text, BytesMode::Text, &error))
        return reject(node, error);
    dropClearedSiblings(node);
    m_mayRepeatKeys = true;
    gp::Message *target = mutableOwnerOf(node);
    gp::Message *mutableEntry
        = target->GetReflection()->MutableRepeatedMessage(target, node->field, node->row);
    FieldAccess::write(*m_schema, mutableEntry, key, -1, text, BytesMode::Text, &error);
    edited(node);
    return true;
}

bool MessageFormModel::reject(Node *node, const QString &why, const QString &text)
{
    node->error = why;
    m_lastError = why;
    m_rejectedNode = text.isEmpty() ? nullptr : node;
    m_rejectedText = text;
    emitRowChanged(node);
    Q_EMIT editRejected(indexOf(node, ValueColumn), why);
    return false;
}

void MessageFormModel::emitRowChanged(const Node *node)
{
    if (node != m_root.get())
        Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
}

// After an edit: the rows below may have changed shape, the rows above their summaries,
// and a oneof on the way up may have dropped the member that was set before.
void MessageFormModel::edited(Node *node)
{
    // Any rows on the way up pack the edit first: a sync above them compares what they
    // hold with what they were read from.
    repackAnys(node);
    noteJsonEdit(node);
    ++m_revision;
    m_rejectedNode = nullptr;
    m_duplicates.clear();
    m_lastError.clear();
    sync(node);
    for (Node *row = node; row && row != m_root.get(); row = row->parent) {
        emitRowChanged(row);
        if (row->parent && row->parent->kind == RowKind::Oneof && row->parent != node)
            sync(row->parent);
    }
    Q_EMIT messageChanged();
}

// Tells the JSON cache what an edit at `node` may have changed: one element of a top-level
// list, or a top-level field (with the other members of its oneof).
void MessageFormModel::noteJsonEdit(const Node *node)
{
    const Node *top = node;
    const Node *below = nullptr;
    while (top->parent && top->parent != m_root.get()) {
        below = top;
        top = top->parent;
    }
    if (top == m_root.get()) {
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
    if (!index.isValid() || !m_message)
        return false;
    Node *node = nodeOf(index);
    if (node->kind == RowKind::Oneof) {
        if (present)
            return isSet(node);
        if (isSet(node)) {
            for (const auto &member : node->children)
                dropChildren(member.get());
            gp::Message *owner = mutableMessageOf(node->parent);
            owner->GetReflection()->ClearOneof(owner, node->oneof);
            edited(node);
        }
        return true;
    }
    if (node->kind != RowKind::Field)
        return false;
    const bool hasPresence = !node->field->is_repeated() && node->field->has_presence();
    if (present && !hasPresence)
        return false;
    if (present == isSet(node))
        return true;
    if (present)
        dropClearedSiblings(node);
    else
        dropChildren(node);
    gp::Message *owner = mutableOwnerOf(node);
    if (present)
        FieldAccess::setDefault(owner, node->field);
    else
        owner->GetReflection()->ClearField(owner, node->field);
    edited(node);
    return true;
}

bool MessageFormModel::chooseOneof(const QModelIndex &oneof, const QString &memberName)
{
    Node *node = nodeOf(oneof);
    if (!oneof.isValid() || node->kind != RowKind::Oneof)
        return false;
    if (memberName.isEmpty())
        return setPresent(oneof, false);
    const gp::FieldDescriptor *member = nullptr;
    for (int i = 0; i < node->oneof->field_count(); ++i) {
        if (QString::fromStdString(node->oneof->field(i)->name()) == memberName)
            member = node->oneof->field(i);
    }
    if (!member)
        return reject(node, tr("%1 is not a member of %2").arg(memberName, fieldText(node)));
    const gp::Message *current = messageOf(node->parent);
    if (current->GetReflection()->GetOneofFieldDescriptor(*current, node->oneof) == member)
        return true;
    for (const auto &row : node->children)
        dropChildren(row.get());
    FieldAccess::setDefault(mutableMessageOf(node->parent), member);
    edited(node);
    return true;
}

std::optional<QString> MessageFormModel::unusedKey(const Node *map) const
{
    const gp::Message *owner = ownerOf(map);
    const gp::Reflection *r = owner->GetReflection();
    const gp::FieldDescriptor *key = map->field->message_type()->map_key();
    QSet<QString> used;
    const int count = r->FieldSize(*owner, map->field);
    for (int row = 0; row < count; ++row)
        used.insert(FieldAccess::read(
            *m_schema, r->GetRepeatedMessage(*owner, map->field, row), key, -1, BytesMode::Text));
    if (key->type() == gp::FieldDescriptor::TYPE_BOOL) {
        for (const QString &candidate : {QStringLiteral("false"), QStringLiteral("true")}) {
            if (!used.contains(candidate))
                return candidate;
        }
        return std::nullopt;
    }
    const bool text = key->type() == gp::FieldDescriptor::TYPE_STRING;
    if (text && !used.contains(QString()))
        return QString();
    for (int n = text ? 1 : 0;; ++n) {
        const QString candidate = text ? QStringLiteral("key%1").arg(n) : QString::number(n);
        if (!used.contains(candidate))
            return candidate;
    }
}

QModelIndex MessageFormModel::addElement(const QModelIndex &container, int row)
{
    Node *node = nodeOf(container);
    if (!container.isValid() || !m_message)
        return {};
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry) {
        row = node->row + 1; // after the selected element
        node = node->parent;
    }
    const Shape shape = shapeOf(node);
    if (shape != Shape::List && shape != Shape::Map)
        return {};
    const std::optional<QString> key = shape == Shape::Map ? unusedKey(node) : QString();
    if (!key) {
        reject(node, tr("both keys of a bool map are in use"));
        return {};
    }
    ensureFetched(node);
    dropClearedSiblings(node);
    gp::Message *owner = mutableOwnerOf(node);
    const int count = owner->GetReflection()->FieldSize(*owner, node->field);
    FieldAccess::addDefault(owner, node->field);
    if (shape == Shape::Map) {
        gp::Message *entry = owner->GetReflection()->MutableRepeatedMessage(owner, node->field, count);
        QString ignored;
        FieldAccess::write(
            *m_schema, entry, entry->GetDescriptor()->map_key(), -1, *key, BytesMode::Text, &ignored);
    }
    ++m_changing; // see canFetchMore
    beginInsertRows(indexOf(node), count, count);
    makeChildren(node, count, count + 1);
    endInsertRows();
    --m_changing;
    Node *added = node->children.back().get();
    if (row >= 0 && row < count)
        moveElement(indexOf(added), row); // moveElement reports the edit
    else
        edited(node);
    return indexOf(added);
}

bool MessageFormModel::removeElement(const QModelIndex &element)
{
    Node *node = nodeOf(element);
    if (!element.isValid() || (node->kind != RowKind::Element && node->kind != RowKind::MapEntry))
        return false;
    Node *list = node->parent;
    const int row = node->row;
    gp::Message *owner = mutableOwnerOf(list);
    const gp::Reflection *r = owner->GetReflection();
    const int count = r->FieldSize(*owner, list->field);
    for (int i = row; i + 1 < count; ++i)
        r->SwapElements(owner, list->field, i, i + 1);
    r->RemoveLast(owner, list->field);
    ++m_changing; // see canFetchMore
    beginRemoveRows(indexOf(list), row, row);
    list->children.erase(list->children.begin() + row);
    for (size_t i = size_t(row); i < list->children.size(); ++i)
        list->children[i]->row = int(i);
    endRemoveRows();
    --m_changing;
    edited(list);
    return true;
}

bool MessageFormModel::moveElement(const QModelIndex &element, int toRow)
{
    Node *node = nodeOf(element);
    if (!element.isValid() || (node->kind != RowKind::Element && node->kind != RowKind::MapEntry))
        return false;
    Node *list = node->parent;
    const int from = node->row;
    if (toRow < 0 || toRow >= int(list->children.size()))
        return false;
    if (toRow == from)
        return true;
    const QModelIndex parent = indexOf(list);
    ++m_changing;
    if (!beginMoveRows(parent, from, from, parent, toRow > from ? toRow + 1 : toRow)) {
        --m_changing;
        return false;
    }
    gp::Message *owner = mutableOwnerOf(list);
    const gp::Reflection *r = owner->GetReflection();
    const int step = toRow > from ? 1 : -1;
    for (int i = from; i != toRow; i += step)
        r->SwapElements(owner, list->field, i, i + step);
    auto &rows = list->children;
    if (toRow > from)
        std::rotate(rows.begin() + from, rows.begin() + from + 1, rows.begin() + toRow + 1);
    else
        std::rotate(rows.begin() + toRow, rows.begin() + from, rows.begin() + from + 1);
    for (int i = std::min(from, toRow); i <= std::max(from, toRow); ++i)
        rows[size_t(i)]->row = i;
    endMoveRows();
    --m_changing;
    edited(list);
    return true;
}

bool MessageFormModel::setBytes(const QModelIndex &index, const QByteArray &bytes)
{
    Node *node = nodeOf(index);
    if (!index.isValid() || data(index, ValueKindRole).toInt() != int(ValueKind::Bytes))
        return false;
    node->bytesMode = FieldValueText::isReadableText(bytes) ? BytesMode::Text : BytesMode::Hex;
    dropClearedSiblings(node);
    const MutableSlot target = mutableSlotOf(node);
    QString error;
    FieldAccess::write(*m_schema, target.message, target.field, target.index,
        QString::fromLatin1(bytes.toBase64()), BytesMode::Base64, &error);
    edited(node);
    return true;
}

QByteArray MessageFormModel::bytes(const QModelIndex &index) const
{
    if (!index.isValid() || data(index, ValueKindRole).toInt() != int(ValueKind::Bytes))
        return {};
    QByteArray value;
    const Slot slot = slotOf(nodeOf(index));
    FieldValueText::parseBytes(
        FieldAccess::read(*m_schema, *slot.message, slot.field, slot.index, BytesMode::Base64),
        BytesMode::Base64, &value, nullptr);
    return value;
}

} // namespace wirescope
