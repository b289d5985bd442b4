#include "model/form/FormJsonCache.h"

#include "model/json/JsonCodec.h"
#include "model/schema/Schema.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <set>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// What JsonCodec prints around the fields of a message, and around the elements of a
// top-level list (the indentation is JsonCodec's: two spaces a level).
const QByteArray ObjectOpen = QByteArrayLiteral("{\n");
const QByteArray ObjectClose = QByteArrayLiteral("\n}");
const QByteArray ListClose = QByteArrayLiteral("\n  ]");
const QByteArray Separator = QByteArrayLiteral(",\n");
constexpr int FieldIndent = 2;
constexpr int ElementIndent = 4;

// Past this share of a list's elements changed, printing the list again is cheaper.
constexpr int ReprintDivisor = 8;

void copyElement(const gp::Message &from, gp::Message *to, const gp::FieldDescriptor *f, int i)
{
    const gp::Reflection *r = from.GetReflection();
    const gp::Reflection *w = to->GetReflection();
    switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
        return w->AddInt32(to, f, r->GetRepeatedInt32(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_INT64:
        return w->AddInt64(to, f, r->GetRepeatedInt64(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        return w->AddUInt32(to, f, r->GetRepeatedUInt32(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        return w->AddUInt64(to, f, r->GetRepeatedUInt64(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
        return w->AddDouble(to, f, r->GetRepeatedDouble(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        return w->AddFloat(to, f, r->GetRepeatedFloat(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        return w->AddBool(to, f, r->GetRepeatedBool(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_ENUM:
        return w->AddEnumValue(to, f, r->GetRepeatedEnumValue(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_STRING:
        return w->AddString(to, f, r->GetRepeatedString(from, f, i));
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        w->AddMessage(to, f)->CopyFrom(r->GetRepeatedMessage(from, f, i));
        return;
    }
}

// Where the values at one indentation start in lines [from, to) of `text`: the lines
// indented exactly `indent` spaces that open a value (a closing bracket or a deeper line
// belongs to the value before).
std::vector<qsizetype> valueStarts(const QByteArray &text, qsizetype from, qsizetype to, int indent)
{
    std::vector<qsizetype> starts;
    for (qsizetype line = from; line < to;) {
        const char *p = text.constData() + line;
        if (line + indent < to && std::all_of(p, p + indent, [](char c) { return c == ' '; })
            && p[indent] != ' ' && p[indent] != '}' && p[indent] != ']')
            starts.push_back(line);
        const qsizetype next = text.indexOf('\n', line);
        line = next < 0 || next >= to ? to : next + 1;
    }
    return starts;
}

// A message printed, without the braces around its fields.
bool printAlone(const Schema &schema, const gp::Message &part, bool dedupe, QByteArray *text)
{
    std::string bytes;
    part.SerializeToString(&bytes);
    if (dedupe) {
        const std::unique_ptr<gp::Message> unique(part.New());
        if (unique->ParseFromString(bytes)) {
            bytes.clear();
            unique->SerializeToString(&bytes);
        }
    }
    QByteArray json;
    if (!JsonCodec::toJson(schema, part.GetDescriptor(),
            QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())), &json, JsonStyle {}, nullptr))
        return false;
    if (!json.startsWith(ObjectOpen) || !json.endsWith(ObjectClose))
        return false;
    *text = json.mid(ObjectOpen.size(), json.size() - ObjectOpen.size() - ObjectClose.size());
    return true;
}

} // namespace

// One top-level field's lines, as in the whole message's JSON but without the separator.
// For a list, once an element was edited: where each element's text starts.
struct FormJsonCache::Piece {
    QByteArray text;
    bool valid = false;
    std::vector<qsizetype> starts;
    std::set<int> dirty;

    // The elements' starts: lines indented exactly one level deeper than the field that
    // open a value (a closing bracket or a deeper line belongs to the element before).
    bool split(int count)
    {
        starts.clear();
        const qsizetype headerEnd = text.indexOf('\n') + 1;
        if (headerEnd <= 0 || !text.endsWith(ListClose))
            return false;
        starts = valueStarts(text, headerEnd, text.size() - ListClose.size(), ElementIndent);
        return int(starts.size()) == count;
    }

    void splice(int index, const QByteArray &element)
    {
        const qsizetype begin = starts[size_t(index)];
        const qsizetype stop = size_t(index) + 1 < starts.size()
            ? starts[size_t(index) + 1] - Separator.size()
            : text.size() - ListClose.size();
        text.replace(begin, stop - begin, element);
        const qsizetype delta = element.size() - (stop - begin);
        for (size_t i = size_t(index) + 1; i < starts.size(); ++i)
            starts[i] += delta;
    }
};

FormJsonCache::FormJsonCache() = default;
FormJsonCache::~FormJsonCache() = default;

void FormJsonCache::clear()
{
    m_pieces.clear();
}

void FormJsonCache::fieldChanged(const gp::FieldDescriptor *field)
{
    if (const gp::OneofDescriptor *oneof = field->real_containing_oneof()) {
        for (int i = 0; i < oneof->field_count(); ++i)
            m_pieces.erase(oneof->field(i)->number());
    }
    m_pieces.erase(field->number());
}

void FormJsonCache::elementChanged(const gp::FieldDescriptor *field, int index)
{
    const auto it = m_pieces.find(field->number());
    if (it == m_pieces.end())
        return;
    if (!field->is_repeated() || field->is_map())
        m_pieces.erase(it);
    else
        it->second.dirty.insert(index);
}

QByteArray FormJsonCache::json(const Schema &schema, gp::Message *root, bool dedupe)
{
    std::vector<const gp::FieldDescriptor *> fields;
    root->GetReflection()->ListFields(*root, &fields);
    std::map<int, Piece> kept;
    for (const gp::FieldDescriptor *field : fields) {
        if (auto it = m_pieces.find(field->number()); it != m_pieces.end())
            kept.emplace(field->number(), std::move(it->second));
    }
    m_pieces.swap(kept);
    if (fields.empty())
        return QByteArrayLiteral("{}");
    // New content: one print of the whole message costs less than one per field.
    if (fields.size() > 1 && std::none_of(fields.begin(), fields.end(), [this](const gp::FieldDescriptor *f) {
            const auto it = m_pieces.find(f->number());
            return it != m_pieces.end() && it->second.valid;
        }))
        printAll(schema, *root, fields, dedupe);
    qsizetype size = ObjectOpen.size() + ObjectClose.size();
    for (const gp::FieldDescriptor *field : fields) {
        Piece &piece = m_pieces[field->number()];
        if (!update(schema, root, field, &piece, dedupe)) {
            m_pieces.clear();
            return {};
        }
        size += piece.text.size() + Separator.size();
    }
    QByteArray out;
    out.reserve(size);
    out += ObjectOpen;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += Separator;
        out += m_pieces[fields[i]->number()].text;
    }
    out += ObjectClose;
    return out;
}

bool FormJsonCache::update(const Schema &schema, gp::Message *root, const gp::FieldDescriptor *field,
    Piece *piece, bool dedupe) const
{
    const int count = field->is_repeated() ? root->GetReflection()->FieldSize(*root, field) : 0;
    if (piece->valid && !piece->dirty.empty()
        && (int(piece->dirty.size()) > count / ReprintDivisor || *piece->dirty.rbegin() >= count
            || (int(piece->starts.size()) != count && !piece->split(count))))
        piece->valid = false;
    if (!piece->valid) {
        piece->starts.clear();
        piece->dirty.clear();
        piece->valid = printField(schema, root, field, dedupe, &piece->text);
        return piece->valid;
    }
    for (const int index : piece->dirty) {
        QByteArray element;
        if (!printElement(schema, *root, field, index, dedupe, &element))
            return false;
        piece->splice(index, element);
    }
    piece->dirty.clear();
    return true;
}

void FormJsonCache::printAll(const Schema &schema, const gp::Message &root,
    const std::vector<const gp::FieldDescriptor *> &fields, bool dedupe)
{
    QByteArray text;
    if (!printAlone(schema, root, dedupe, &text))
        return;
    const std::vector<qsizetype> starts = valueStarts(text, 0, text.size(), FieldIndent);
    if (starts.size() != fields.size())
        return; // each field is printed alone instead
    for (size_t i = 0; i < fields.size(); ++i) {
        const qsizetype stop = i + 1 < starts.size() ? starts[i + 1] - Separator.size() : text.size();
        Piece &piece = m_pieces[fields[i]->number()];
        piece = Piece {};
        piece.text = text.mid(starts[i], stop - starts[i]);
        piece.valid = true;
    }
}

// The field is moved into an empty message of the same type and back: for a list of
// 100,000 elements that is a swap of pointers, not a copy.
bool FormJsonCache::printField(const Schema &schema, gp::Message *root, const gp::FieldDescriptor *field,
    bool dedupe, QByteArray *text) const
{
    const std::unique_ptr<gp::Message> part(root->New());
    const std::vector<const gp::FieldDescriptor *> moved {field};
    root->GetReflection()->SwapFields(root, part.get(), moved);
    const bool ok = printAlone(schema, *part, dedupe, text);
    root->GetReflection()->SwapFields(root, part.get(), moved);
    return ok;
}

bool FormJsonCache::printElement(const Schema &schema, const gp::Message &root,
    const gp::FieldDescriptor *field, int index, bool dedupe, QByteArray *text) const
{
    const std::unique_ptr<gp::Message> part(root.New());
    copyElement(root, part.get(), field, index);
    QByteArray list;
    if (!printAlone(schema, *part, dedupe, &list))
        return false;
    const qsizetype headerEnd = list.indexOf('\n') + 1;
    if (headerEnd <= 0 || !list.endsWith(ListClose))
        return false;
    *text = list.mid(headerEnd, list.size() - headerEnd - ListClose.size());
    return true;
}

} // namespace wirescope
