// What MessageFormModel's rows show: text, placeholders, types and the custom roles.
#include "model/MessageFormModel.h"

#include "model/FieldAccess.h"
#include "model/MessageFormNode.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

QString countText(int count, const QString &one, const QString &many)
{
    return count == 1 ? QStringLiteral("1 %1").arg(one) : QStringLiteral("%1 %2").arg(count).arg(many);
}

} // namespace

bool MessageFormModel::isSet(const Node *node) const
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

BytesMode MessageFormModel::bytesModeOf(const Node *node) const
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

QString MessageFormModel::valueText(const Node *node) const
{
    const Slot slot = slotOf(node);
    return FieldAccess::read(*m_schema, *slot.message, slot.field, slot.index, bytesModeOf(node));
}

QString MessageFormModel::summary(const Node *node) const
{
    switch (shapeOf(node)) {
    case Shape::Message: {
        if (isAny(node))
            return anySummary(node);
        std::vector<const gp::FieldDescriptor *> fields;
        const gp::Message *message = messageOf(node);
        message->GetReflection()->ListFields(*message, &fields);
        return fields.empty()
            ? QStringLiteral("{ }")
            : QStringLiteral("{ %1 }").arg(countText(int(fields.size()), tr("field"), tr("fields")));
    }
    case Shape::List:
        return QStringLiteral("[ %1 ]").arg(countText(childCountOf(node), tr("item"), tr("items")));
    case Shape::Map:
        return QStringLiteral("{ %1 }").arg(countText(childCountOf(node), tr("entry"), tr("entries")));
    case Shape::Oneof: {
        const gp::Message *owner = messageOf(node->parent);
        const gp::FieldDescriptor *chosen
            = owner->GetReflection()->GetOneofFieldDescriptor(*owner, node->oneof);
        return chosen ? QString::fromStdString(chosen->name()) : QString();
    }
    case Shape::Scalar:
        break;
    }
    return valueText(node);
}

QString MessageFormModel::placeholder(const Node *node) const
{
    switch (shapeOf(node)) {
    case Shape::Message:
        return tr("not set");
    case Shape::List:
    case Shape::Map:
        return tr("empty");
    case Shape::Oneof:
        return tr("none");
    case Shape::Scalar:
        break;
    }
    if (node->field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
        return FieldAccess::isWrapper(node->field) ? QStringLiteral("null") : tr("not set");
    // An unset scalar reads as its default: the value a receiver will see.
    const QString text = valueText(node);
    return text.isEmpty() ? QStringLiteral("\"\"") : text;
}

QString MessageFormModel::fieldText(const Node *node) const
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

QString MessageFormModel::typeText(const Node *node) const
{
    switch (node->kind) {
    case RowKind::Field:
        return FieldAccess::typeName(node->field);
    case RowKind::Oneof:
        return QStringLiteral("oneof");
    case RowKind::Element:
    case RowKind::MapEntry:
        return FieldAccess::elementTypeName(node->field);
    }
    return {};
}

QString MessageFormModel::toolTip(const Node *node) const
{
    QString text;
    if (node->kind == RowKind::Field) {
        text = FieldAccess::comment(node->field);
        const QString where = tr("%1 = %2 (%3)")
                                  .arg(QString::fromStdString(node->field->name()))
                                  .arg(node->field->number())
                                  .arg(FieldAccess::typeName(node->field));
        text = text.isEmpty() ? where : text + u'\n' + where;
    } else if (node->kind == RowKind::Oneof) {
        text = tr("oneof %1: setting one member clears the others")
                   .arg(QString::fromStdString(node->oneof->name()));
    }
    if (isAny(node))
        text += (text.isEmpty() ? QString() : QStringLiteral("\n"))
            + tr("Pick the type of the message it packs; its fields appear below");
    const QString error = roleData(node, ErrorRole).toString();
    return error.isEmpty() ? text : (text.isEmpty() ? error : text + u'\n' + error);
}

bool MessageFormModel::isDuplicateKey(const Node *entry) const
{
    const Node *map = entry->parent;
    auto it = m_duplicates.find(map);
    if (it == m_duplicates.end()) {
        QSet<int> rows;
        QHash<QString, int> firstRow;
        const gp::Message *owner = ownerOf(map);
        const gp::Reflection *r = owner->GetReflection();
        const int count = r->FieldSize(*owner, map->field);
        for (int row = 0; row < count; ++row) {
            const gp::Message &e = r->GetRepeatedMessage(*owner, map->field, row);
            const QString key
                = FieldAccess::read(*m_schema, e, e.GetDescriptor()->map_key(), -1, BytesMode::Text);
            if (const auto seen = firstRow.constFind(key); seen != firstRow.constEnd()) {
                rows.insert(*seen);
                rows.insert(row);
            } else {
                firstRow.insert(key, row);
            }
        }
        it = m_duplicates.insert(map, rows);
    }
    return it->contains(entry->row);
}

QVariant MessageFormModel::roleData(const Node *node, int role) const
{
    switch (role) {
    case FieldNumberRole:
        return node->kind == RowKind::Field ? node->field->number() : 0;
    case RowKindRole:
        return int(node->kind);
    case ShapeRole:
        return int(shapeOf(node));
    case ValueKindRole:
        if (node->kind == RowKind::Oneof)
            return int(ValueKind::None);
        return int(FieldAccess::valueKind(
            node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field));
    case HasPresenceRole:
        return node->kind == RowKind::Oneof
            || (node->kind == RowKind::Field && !node->field->is_repeated() && node->field->has_presence());
    case IsSetRole:
        return isSet(node);
    case PlaceholderRole:
        return isSet(node) ? QString() : placeholder(node);
    case CommentRole:
        return node->kind == RowKind::Field ? FieldAccess::comment(node->field) : QString();
    case ErrorRole:
        if (!node->error.isEmpty())
            return node->error;
        if (isAny(node))
            return anyStateOf(node).problem;
        return node->kind == RowKind::MapEntry && isDuplicateKey(node)
            ? tr("duplicate key: only the last entry with it is sent")
            : QString();
    case ChoicesRole:
        return choices(node);
    case BytesModeRole:
        return int(bytesModeOf(node));
    case PathRole:
        return pathOf(node);
    case DuplicateKeyRole:
        return node->kind == RowKind::MapEntry && isDuplicateKey(node);
    case FieldNameRole:
        return fieldText(node);
    case AnyTypeRole: {
        if (!isAny(node))
            return QString();
        const QString url = QString::fromStdString(anyStateOf(node).url);
        return url.mid(url.lastIndexOf(u'/') + 1);
    }
    case MaskTargetsRole:
        return roleData(node, ValueKindRole).toInt() == int(ValueKind::FieldMask) ? maskTargets(node)
                                                                                  : QStringList();
    default:
        return {};
    }
}

QStringList MessageFormModel::choices(const Node *node) const
{
    QStringList names;
    if (node->kind == RowKind::Oneof) {
        for (int i = 0; i < node->oneof->field_count(); ++i)
            names.append(QString::fromStdString(node->oneof->field(i)->name()));
        return names;
    }
    if (isAny(node))
        return messageTypeNames();
    const gp::FieldDescriptor *value
        = node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field;
    if (const gp::FieldDescriptor *inner
        = value->message_type() ? FieldAccess::wrappedField(value->message_type()) : nullptr)
        value = inner;
    return FieldAccess::enumChoices(value);
}

QVariant MessageFormModel::displayData(const Node *node, int column, int role) const
{
    const bool edit = role == Qt::EditRole;
    switch (column) {
    case FieldColumn:
        // An element's label is its position, which a view draws from the row (FieldNameRole
        // has it too): what DisplayRole holds moves with the element when rows move.
        return node->kind == RowKind::Element ? QString() : fieldText(node);
    case ValueColumn:
        // A refused edit comes back to the next editor as it was typed, to be corrected.
        if (edit && node == m_rejectedNode && !node->error.isEmpty())
            return m_rejectedText;
        if (!isSet(node))
            return QString();
        if (shapeOf(node) == Shape::Scalar)
            return valueText(node);
        if (edit && isAny(node))
            return roleData(node, AnyTypeRole);
        if (edit && node->kind != RowKind::Oneof)
            return QVariant();
        return summary(node);
    case TypeColumn:
        return edit ? QVariant() : QVariant(typeText(node));
    default:
        return {};
    }
}

QVariant MessageFormModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_message)
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return displayData(node, index.column(), role);
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::CheckStateRole:
        if (index.column() == ValueColumn && shapeOf(node) == Shape::Scalar
            && roleData(node, ValueKindRole).toInt() == int(ValueKind::Bool))
            return isSet(node) && valueText(node) == u"true" ? Qt::Checked : Qt::Unchecked;
        return {};
    default:
        return roleData(node, role);
    }
}

} // namespace wirescope
