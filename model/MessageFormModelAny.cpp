// How MessageFormModel shows and edits a google.protobuf.Any: a type picked from the
// schema, the message it packs unpacked into rows below it, and packed again after every
// edit there. An Any whose type the schema does not have keeps its bytes untouched.
#include "model/MessageFormModel.h"

#include "model/FieldAccess.h"
#include "model/FieldMaskPaths.h"
#include "model/MessageFormNode.h"
#include "model/MessageTypeNames.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

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

QString typeNameOfUrl(const std::string &url)
{
    const QString text = QString::fromStdString(url);
    return text.mid(text.lastIndexOf(u'/') + 1);
}

} // namespace

bool MessageFormModel::isAny(const Node *node) const
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
MessageFormModel::AnyState &MessageFormModel::anyStateOf(const Node *node) const
{
    if (node->any && (!node->children.empty() || !anyChanged(node)))
        return *node->any;
    const Packed packed(*rawMessageOf(node));
    node->any = unpack(*packed.url, *packed.value);
    return *node->any;
}

std::unique_ptr<MessageFormModel::AnyState> MessageFormModel::unpack(
    const std::string &url, const std::string &value) const
{
    auto state = std::make_unique<AnyState>();
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

bool MessageFormModel::anyChanged(const Node *node) const
{
    if (!node->any)
        return false;
    const Packed packed(*rawMessageOf(node));
    return *packed.url != node->any->url || *packed.value != node->any->value;
}

// Removes the rows of a packed message that is no longer there, while they can still be
// read, and forgets it.
void MessageFormModel::dropAnyRows(Node *node)
{
    if (!node->children.empty()) {
        ++m_changing; // see canFetchMore
        beginRemoveRows(indexOf(node), 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
        --m_changing;
    }
    node->any.reset();
}

// After an edit below Any rows: each packs its edited message again, the innermost first,
// so the outer ones pack what the inner ones now hold.
void MessageFormModel::repackAnys(Node *node)
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

bool MessageFormModel::setAnyType(const QModelIndex &any, const QString &typeName)
{
    if (!any.isValid() || !m_message || !isAny(nodeOf(any)))
        return false;
    return setAnyTypeOf(nodeOf(any), typeName);
}

// JSON as the mapping writes an Any ({"@type": ..., fields}) replaces it; anything else is
// the name of the type to pack.
bool MessageFormModel::setAnyText(Node *node, const QString &text)
{
    if (!text.trimmed().startsWith(u'{'))
        return setAnyTypeOf(node, text);
    const Slot slot = slotOf(node);
    QString error;
    if (!dryRun(slot, text, BytesMode::Text, &error))
        return reject(node, error, text);
    const gp::Descriptor *before = anyStateOf(node).type;
    dropClearedSiblings(node);
    const MutableSlot target = mutableSlotOf(node);
    FieldAccess::write(*m_schema, target.message, target.field, target.index, text, BytesMode::Text, &error);
    edited(node);
    if (anyStateOf(node).type != before)
        Q_EMIT anyTypeChanged(indexOf(node));
    return true;
}

bool MessageFormModel::setAnyTypeOf(Node *node, const QString &typeName)
{
    const QString name = typeName.trimmed().mid(typeName.trimmed().lastIndexOf(u'/') + 1);
    if (name.isEmpty()) {
        if (node->kind == RowKind::Field)
            return setPresent(indexOf(node), false);
        // An element cannot be left out; it becomes an Any without a type.
        if (anyStateOf(node).url.empty() && anyStateOf(node).value.empty())
            return true;
        dropClearedSiblings(node);
        writePacked(mutableRawMessageOf(node), {}, {});
        edited(node);
        Q_EMIT anyTypeChanged(indexOf(node));
        return true;
    }
    const gp::Descriptor *type = m_schema->findMessage(name);
    if (!type)
        return reject(node, tr("%1 is not a message type of the schema").arg(name), typeName);
    if (anyStateOf(node).type == type && isSet(node))
        return true;
    dropClearedSiblings(node);
    // A new type starts from an empty message: the old value means nothing to it.
    writePacked(mutableRawMessageOf(node), typeUrl(type), {});
    edited(node);
    Q_EMIT anyTypeChanged(indexOf(node));
    return true;
}

QString MessageFormModel::anySummary(const Node *node) const
{
    const AnyState &any = anyStateOf(node);
    if (any.url.empty())
        return tr("no type");
    if (!any.type)
        return tr("%1 (unknown)").arg(typeNameOfUrl(any.url));
    std::vector<const gp::FieldDescriptor *> fields;
    any.unpacked->GetReflection()->ListFields(*any.unpacked, &fields);
    const QString name = QString::fromStdString(any.type->name());
    if (fields.empty())
        return QStringLiteral("%1 { }").arg(name);
    return fields.size() == 1 ? QStringLiteral("%1 { 1 %2 }").arg(name, tr("field"))
                              : QStringLiteral("%1 { %2 %3 }").arg(name).arg(fields.size()).arg(tr("fields"));
}

QStringList MessageFormModel::messageTypeNames() const
{
    if (!m_typeNames)
        m_typeNames = m_schema ? MessageTypeNames::of(*m_schema) : QStringList();
    return *m_typeNames;
}

QStringList MessageFormModel::maskTargets(const Node *node) const
{
    if (node == m_root.get() || node->kind == RowKind::Oneof)
        return {};
    return FieldMaskPaths::targets(ownerOf(node)->GetDescriptor(), node->field);
}

} // namespace wirescope
