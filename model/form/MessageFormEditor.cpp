// MessageFormEditor: edits of a message form, checked first, then written and the rows synced.
#include "model/form/MessageFormEditor.h"

#include "model/form/FieldAccess.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using RowKind = MessageFormModel::RowKind;
using Shape = MessageFormModel::Shape;

} // namespace

MessageFormEditor::MessageFormEditor(MessageFormTree &tree, Rows &rows)
    : m_tree(tree)
    , m_rows(rows)
{
}

// Writes into a scratch message first, so that a rejected edit leaves no trace: not even
// the presence of the messages on the way to the field.
bool MessageFormEditor::dryRun(const Slot &slot, const QString &text, BytesMode mode, QString *error) const
{
    const std::unique_ptr<gp::Message> scratch(slot.message->New());
    int index = -1;
    if (slot.index >= 0) {
        FieldAccess::addDefault(scratch.get(), slot.field);
        index = 0;
    }
    return FieldAccess::write(*m_tree.schema(), scratch.get(), slot.field, index, text, mode, error);
}

bool MessageFormEditor::setValueText(Node *node, const QString &text)
{
    const Shape shape = m_tree.shapeOf(node);
    if (shape == Shape::Oneof)
        return chooseOneof(node, text.trimmed());
    if (m_tree.isAny(node))
        return setAnyText(node, text);
    if (shape != Shape::Scalar)
        return reject(node, tr("%1 is edited through its rows").arg(m_tree.fieldText(node)));
    const Slot slot = m_tree.slotOf(node);
    const ValueKind kind = FieldAccess::valueKind(slot.field);
    // An empty box on a field means "back to unset", except where empty is itself a value.
    if (node->kind == RowKind::Field && text.trimmed().isEmpty() && kind != ValueKind::String
        && kind != ValueKind::Bytes)
        return setPresent(node, false) || !m_tree.isSet(node);
    const BytesMode mode = m_tree.bytesModeOf(node);
    QString error;
    if (!dryRun(slot, text, mode, &error))
        return reject(node, error, text);
    dropClearedSiblings(node);
    const MessageFormTree::MutableSlot target = m_tree.mutableSlotOf(node);
    FieldAccess::write(*m_tree.schema(), target.message, target.field, target.index, text, mode, &error);
    edited(node);
    return true;
}

// Writing below a oneof member that is not the one set clears the one that is: its rows go
// first, while they can still be read.
void MessageFormEditor::dropClearedSiblings(Node *node)
{
    for (Node *row = node; row && row != m_tree.root(); row = row->parent) {
        Node *group = row->parent;
        if (!group || group->kind != RowKind::Oneof)
            continue;
        const gp::Message *owner = m_tree.messageOf(group->parent);
        const gp::FieldDescriptor *current
            = owner->GetReflection()->GetOneofFieldDescriptor(*owner, group->oneof);
        for (const auto &member : group->children) {
            if (current && current != row->field && member->field == current)
                dropChildren(member.get());
        }
    }
}

bool MessageFormEditor::setKeyText(Node *node, const QString &text)
{
    const gp::Message *owner = m_tree.ownerOf(node);
    const gp::Message &entry = owner->GetReflection()->GetRepeatedMessage(*owner, node->field, node->row);
    const gp::FieldDescriptor *key = entry.GetDescriptor()->map_key();
    QString error;
    if (!dryRun({&entry, key, -1}, text, BytesMode::Text, &error))
        return reject(node, error);
    dropClearedSiblings(node);
    m_tree.setMayRepeatKeys(true);
    gp::Message *target = m_tree.mutableOwnerOf(node);
    gp::Message *mutableEntry
        = target->GetReflection()->MutableRepeatedMessage(target, node->field, node->row);
    FieldAccess::write(*m_tree.schema(), mutableEntry, key, -1, text, BytesMode::Text, &error);
    edited(node);
    return true;
}

bool MessageFormEditor::reject(Node *node, const QString &why, const QString &text)
{
    node->error = why;
    m_rows.rejected(node, why, text);
    return false;
}

void MessageFormEditor::rowChanged(const Node *node)
{
    if (node != m_tree.root())
        m_rows.changed(node, node);
}

// After an edit: the rows below may have changed shape, the rows above their summaries,
// and a oneof on the way up may have dropped the member that was set before.
void MessageFormEditor::edited(Node *node)
{
    // Any rows on the way up pack the edit first: a sync above them compares what they
    // hold with what they were read from.
    m_tree.repackAnys(node);
    m_rows.editing(node);
    sync(node);
    for (Node *row = node; row && row != m_tree.root(); row = row->parent) {
        rowChanged(row);
        if (row->parent && row->parent->kind == RowKind::Oneof && row->parent != node)
            sync(row->parent);
    }
    m_rows.edited();
}

bool MessageFormEditor::setPresent(Node *node, bool present)
{
    if (node->kind == RowKind::Oneof) {
        if (present)
            return m_tree.isSet(node);
        if (m_tree.isSet(node)) {
            for (const auto &member : node->children)
                dropChildren(member.get());
            gp::Message *owner = m_tree.mutableMessageOf(node->parent);
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
    if (present == m_tree.isSet(node))
        return true;
    if (present)
        dropClearedSiblings(node);
    else
        dropChildren(node);
    gp::Message *owner = m_tree.mutableOwnerOf(node);
    if (present)
        FieldAccess::setDefault(owner, node->field);
    else
        owner->GetReflection()->ClearField(owner, node->field);
    edited(node);
    return true;
}

bool MessageFormEditor::chooseOneof(Node *node, const QString &memberName)
{
    if (memberName.isEmpty())
        return setPresent(node, false);
    const gp::FieldDescriptor *member = nullptr;
    for (int i = 0; i < node->oneof->field_count(); ++i) {
        if (QString::fromStdString(node->oneof->field(i)->name()) == memberName)
            member = node->oneof->field(i);
    }
    if (!member)
        return reject(node, tr("%1 is not a member of %2").arg(memberName, m_tree.fieldText(node)));
    const gp::Message *current = m_tree.messageOf(node->parent);
    if (current->GetReflection()->GetOneofFieldDescriptor(*current, node->oneof) == member)
        return true;
    for (const auto &row : node->children)
        dropChildren(row.get());
    FieldAccess::setDefault(m_tree.mutableMessageOf(node->parent), member);
    edited(node);
    return true;
}

std::optional<QString> MessageFormEditor::unusedKey(const Node *map) const
{
    const gp::Message *owner = m_tree.ownerOf(map);
    const gp::Reflection *r = owner->GetReflection();
    const gp::FieldDescriptor *key = map->field->message_type()->map_key();
    QSet<QString> used;
    const int count = r->FieldSize(*owner, map->field);
    for (int row = 0; row < count; ++row)
        used.insert(FieldAccess::read(
            *m_tree.schema(), r->GetRepeatedMessage(*owner, map->field, row), key, -1, BytesMode::Text));
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

MessageFormEditor::Node *MessageFormEditor::addElement(Node *node, int row)
{
    if (node->kind == RowKind::Element || node->kind == RowKind::MapEntry) {
        row = node->row + 1; // after the selected element
        node = node->parent;
    }
    const Shape shape = m_tree.shapeOf(node);
    if (shape != Shape::List && shape != Shape::Map)
        return nullptr;
    const std::optional<QString> key = shape == Shape::Map ? unusedKey(node) : QString();
    if (!key) {
        reject(node, tr("both keys of a bool map are in use"));
        return nullptr;
    }
    if (!node->fetched)
        m_rows.fetch(node);
    dropClearedSiblings(node);
    gp::Message *owner = m_tree.mutableOwnerOf(node);
    const int count = owner->GetReflection()->FieldSize(*owner, node->field);
    FieldAccess::addDefault(owner, node->field);
    if (shape == Shape::Map) {
        gp::Message *entry = owner->GetReflection()->MutableRepeatedMessage(owner, node->field, count);
        QString ignored;
        FieldAccess::write(
            *m_tree.schema(), entry, entry->GetDescriptor()->map_key(), -1, *key, BytesMode::Text, &ignored);
    }
    m_rows.beginInsert(node, count, count);
    m_tree.makeChildren(node, count, count + 1);
    m_rows.endInsert();
    Node *added = node->children.back().get();
    if (row >= 0 && row < count)
        moveElement(added, row); // moveElement reports the edit
    else
        edited(node);
    return added;
}

bool MessageFormEditor::removeElement(Node *node)
{
    Node *list = node->parent;
    const int row = node->row;
    gp::Message *owner = m_tree.mutableOwnerOf(list);
    const gp::Reflection *r = owner->GetReflection();
    const int count = r->FieldSize(*owner, list->field);
    for (int i = row; i + 1 < count; ++i)
        r->SwapElements(owner, list->field, i, i + 1);
    r->RemoveLast(owner, list->field);
    m_rows.beginRemove(list, row, row);
    list->children.erase(list->children.begin() + row);
    for (size_t i = size_t(row); i < list->children.size(); ++i)
        list->children[i]->row = int(i);
    m_rows.endRemove();
    edited(list);
    return true;
}

bool MessageFormEditor::moveElement(Node *node, int toRow)
{
    Node *list = node->parent;
    const int from = node->row;
    if (toRow < 0 || toRow >= int(list->children.size()))
        return false;
    if (toRow == from)
        return true;
    if (!m_rows.beginMove(list, from, toRow > from ? toRow + 1 : toRow))
        return false;
    gp::Message *owner = m_tree.mutableOwnerOf(list);
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
    m_rows.endMove();
    edited(list);
    return true;
}

bool MessageFormEditor::setBytes(Node *node, const QByteArray &bytes)
{
    node->bytesMode = FieldValueText::isReadableText(bytes) ? BytesMode::Text : BytesMode::Hex;
    dropClearedSiblings(node);
    const MessageFormTree::MutableSlot target = m_tree.mutableSlotOf(node);
    QString error;
    FieldAccess::write(*m_tree.schema(), target.message, target.field, target.index,
        QString::fromLatin1(bytes.toBase64()), BytesMode::Base64, &error);
    edited(node);
    return true;
}

// --- Any rows ----------------------------------------------------------------------------

// JSON as the mapping writes an Any ({"@type": ..., fields}) replaces it; anything else is
// the name of the type to pack.
bool MessageFormEditor::setAnyText(Node *node, const QString &text)
{
    if (!text.trimmed().startsWith(u'{'))
        return setAnyType(node, text);
    const Slot slot = m_tree.slotOf(node);
    QString error;
    if (!dryRun(slot, text, BytesMode::Text, &error))
        return reject(node, error, text);
    const gp::Descriptor *before = m_tree.anyStateOf(node).type;
    dropClearedSiblings(node);
    const MessageFormTree::MutableSlot target = m_tree.mutableSlotOf(node);
    FieldAccess::write(
        *m_tree.schema(), target.message, target.field, target.index, text, BytesMode::Text, &error);
    edited(node);
    if (m_tree.anyStateOf(node).type != before)
        m_rows.anyTypeChanged(node);
    return true;
}

bool MessageFormEditor::setAnyType(Node *node, const QString &typeName)
{
    const QString name = typeName.trimmed().mid(typeName.trimmed().lastIndexOf(u'/') + 1);
    if (name.isEmpty()) {
        if (node->kind == RowKind::Field)
            return setPresent(node, false);
        // An element cannot be left out; it becomes an Any without a type.
        if (m_tree.anyStateOf(node).url.empty() && m_tree.anyStateOf(node).value.empty())
            return true;
        dropClearedSiblings(node);
        m_tree.writeAny(node, {}, {});
        edited(node);
        m_rows.anyTypeChanged(node);
        return true;
    }
    const gp::Descriptor *type = m_tree.schema()->findMessage(name);
    if (!type)
        return reject(node, tr("%1 is not a message type of the schema").arg(name), typeName);
    if (m_tree.anyStateOf(node).type == type && m_tree.isSet(node))
        return true;
    dropClearedSiblings(node);
    // A new type starts from an empty message: the old value means nothing to it.
    m_tree.writeAny(node, typeUrl(type), {});
    edited(node);
    m_rows.anyTypeChanged(node);
    return true;
}

// --- keeping the rows in line with the message ---------------------------------------------

// Removes the rows that `next` no longer has, top-down, so every notification is sent while
// the rows it names still exist in the current message.
void MessageFormEditor::trim(Node *node, std::unique_ptr<gp::Message> &next)
{
    if (!node->fetched)
        return;
    if (m_tree.isAny(node)) {
        m_tree.swapMessage(next);
        const bool changed = m_tree.anyChanged(node);
        m_tree.swapMessage(next);
        if (changed) {
            dropAnyRows(node); // they show a packed message that is going
            return;
        }
    }
    m_tree.swapMessage(next);
    const int want = m_tree.childCountOf(node);
    m_tree.swapMessage(next);
    if (want < int(node->children.size())) {
        m_rows.beginRemove(node, want, int(node->children.size()) - 1);
        node->children.resize(size_t(want));
        m_rows.endRemove();
    }
    for (const auto &child : node->children)
        trim(child.get(), next);
}

// Removes the element rows of every list and map under `node` before what they show is
// cleared, while they can still be read. Other rows stay: a message has the same fields
// set or not.
void MessageFormEditor::dropChildren(Node *node)
{
    const Shape shape = m_tree.shapeOf(node);
    if ((shape == Shape::List || shape == Shape::Map) && !node->children.empty()) {
        m_rows.beginRemove(node, 0, int(node->children.size()) - 1);
        node->children.clear();
        m_rows.endRemove();
        return;
    }
    for (const auto &child : node->children)
        dropChildren(child.get());
}

// Brings the rows under `node` in line with the message after it changed underneath them:
// lists and maps may have grown or shrunk; every other row keeps its place.
void MessageFormEditor::sync(Node *node)
{
    node->error.clear();
    if (m_tree.isAny(node) && m_tree.anyChanged(node))
        dropAnyRows(node);
    if (!node->fetched)
        return;
    const int want = m_tree.childCountOf(node);
    const int have = int(node->children.size());
    if (want < have) {
        m_rows.beginRemove(node, want, have - 1);
        node->children.resize(size_t(want));
        m_rows.endRemove();
    } else if (want > have) {
        m_rows.beginInsert(node, have, want - 1);
        m_tree.makeChildren(node, have, want);
        m_rows.endInsert();
    }
    for (const auto &child : node->children)
        sync(child.get());
    if (!node->children.empty())
        m_rows.changed(node->children.front().get(), node->children.back().get());
}

// Removes the rows of a packed message that is no longer there, while they can still be
// read, and forgets it.
void MessageFormEditor::dropAnyRows(Node *node)
{
    if (!node->children.empty()) {
        m_rows.beginRemove(node, 0, int(node->children.size()) - 1);
        node->children.clear();
        m_rows.endRemove();
    }
    node->any.reset();
}

} // namespace wirescope
