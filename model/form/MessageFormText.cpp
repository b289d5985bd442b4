// MessageFormText: summaries, placeholders, types, tool tips and choices of form rows.
#include "model/form/MessageFormText.h"

#include "model/form/FieldAccess.h"
#include "model/form/FieldMaskPaths.h"
#include "model/form/MessageFormTree.h"
#include "model/schema/MessageTypeNames.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using RowKind = MessageFormModel::RowKind;
using Shape = MessageFormModel::Shape;

QString countText(int count, const QString &one, const QString &many)
{
    return count == 1 ? QStringLiteral("1 %1").arg(one) : QStringLiteral("%1 %2").arg(count).arg(many);
}

} // namespace

MessageFormText::MessageFormText(const MessageFormTree &tree)
    : m_tree(tree)
{
}

void MessageFormText::forgetSchema()
{
    m_duplicates.clear();
    m_typeNames.reset();
}

QString MessageFormText::valueText(const Node *node) const
{
    const MessageFormTree::Slot slot = m_tree.slotOf(node);
    return FieldAccess::read(
        *m_tree.schema(), *slot.message, slot.field, slot.index, m_tree.bytesModeOf(node));
}

QString MessageFormText::summary(const Node *node) const
{
    switch (m_tree.shapeOf(node)) {
    case Shape::Message: {
        if (m_tree.isAny(node))
            return anySummary(node);
        std::vector<const gp::FieldDescriptor *> fields;
        const gp::Message *message = m_tree.messageOf(node);
        message->GetReflection()->ListFields(*message, &fields);
        return fields.empty()
            ? QStringLiteral("{ }")
            : QStringLiteral("{ %1 }").arg(countText(int(fields.size()), tr("field"), tr("fields")));
    }
    case Shape::List:
        return QStringLiteral("[ %1 ]").arg(countText(m_tree.childCountOf(node), tr("item"), tr("items")));
    case Shape::Map:
        return QStringLiteral("{ %1 }").arg(countText(m_tree.childCountOf(node), tr("entry"), tr("entries")));
    case Shape::Oneof: {
        const gp::Message *owner = m_tree.messageOf(node->parent);
        const gp::FieldDescriptor *chosen
            = owner->GetReflection()->GetOneofFieldDescriptor(*owner, node->oneof);
        return chosen ? QString::fromStdString(chosen->name()) : QString();
    }
    case Shape::Scalar:
        break;
    }
    return valueText(node);
}

QString MessageFormText::placeholder(const Node *node) const
{
    switch (m_tree.shapeOf(node)) {
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

QString MessageFormText::typeText(const Node *node) const
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

QString MessageFormText::toolTip(const Node *node, const QString &error) const
{
    QString text;
    if (node->kind == RowKind::Field) {
        text = m_tree.schema() ? m_tree.schema()->comment(node->field) : QString();
        const QString where = tr("%1 = %2 (%3)")
                                  .arg(QString::fromStdString(node->field->name()))
                                  .arg(node->field->number())
                                  .arg(FieldAccess::typeName(node->field));
        text = text.isEmpty() ? where : text + u'\n' + where;
    } else if (node->kind == RowKind::Oneof) {
        text = tr("oneof %1: setting one member clears the others")
                   .arg(QString::fromStdString(node->oneof->name()));
    }
    if (m_tree.isAny(node))
        text += (text.isEmpty() ? QString() : QStringLiteral("\n"))
            + tr("Pick the type of the message it packs; its fields appear below");
    return error.isEmpty() ? text : (text.isEmpty() ? error : text + u'\n' + error);
}

bool MessageFormText::isDuplicateKey(const Node *entry) const
{
    const Node *map = entry->parent;
    auto it = m_duplicates.find(map);
    if (it == m_duplicates.end()) {
        QSet<int> rows;
        QHash<QString, int> firstRow;
        const gp::Message *owner = m_tree.ownerOf(map);
        const gp::Reflection *r = owner->GetReflection();
        const int count = r->FieldSize(*owner, map->field);
        for (int row = 0; row < count; ++row) {
            const gp::Message &e = r->GetRepeatedMessage(*owner, map->field, row);
            const QString key
                = FieldAccess::read(*m_tree.schema(), e, e.GetDescriptor()->map_key(), -1, BytesMode::Text);
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

QStringList MessageFormText::choices(const Node *node) const
{
    QStringList names;
    if (node->kind == RowKind::Oneof) {
        for (int i = 0; i < node->oneof->field_count(); ++i)
            names.append(QString::fromStdString(node->oneof->field(i)->name()));
        return names;
    }
    if (m_tree.isAny(node))
        return messageTypeNames();
    const gp::FieldDescriptor *value
        = node->kind == RowKind::MapEntry ? node->field->message_type()->map_value() : node->field;
    if (const gp::FieldDescriptor *inner
        = value->message_type() ? FieldAccess::wrappedField(value->message_type()) : nullptr)
        value = inner;
    return FieldAccess::enumChoices(value);
}

QString MessageFormText::anySummary(const Node *node) const
{
    const MessageFormNode::AnyState &any = m_tree.anyStateOf(node);
    if (any.url.empty())
        return tr("no type");
    if (!any.type)
        return tr("%1 (unknown)").arg(MessageFormTree::typeNameOfUrl(any.url));
    std::vector<const gp::FieldDescriptor *> fields;
    any.unpacked->GetReflection()->ListFields(*any.unpacked, &fields);
    const QString name = QString::fromStdString(any.type->name());
    if (fields.empty())
        return QStringLiteral("%1 { }").arg(name);
    return fields.size() == 1 ? QStringLiteral("%1 { 1 %2 }").arg(name, tr("field"))
                              : QStringLiteral("%1 { %2 %3 }").arg(name).arg(fields.size()).arg(tr("fields"));
}

QStringList MessageFormText::messageTypeNames() const
{
    if (!m_typeNames)
        m_typeNames = m_tree.schema() ? MessageTypeNames::of(*m_tree.schema()) : QStringList();
    return *m_typeNames;
}

QStringList MessageFormText::maskTargets(const Node *node) const
{
    if (node == m_tree.root() || node->kind == RowKind::Oneof)
        return {};
    return FieldMaskPaths::targets(m_tree.ownerOf(node)->GetDescriptor(), node->field);
}

} // namespace wirescope
