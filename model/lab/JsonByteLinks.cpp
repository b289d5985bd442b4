#include "model/lab/JsonByteLinks.h"

#include "model/json/JsonCodec.h"
#include "model/json/JsonPath.h"

#include <google/protobuf/descriptor.h>

#include <QHash>

#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using Kind = WireSpan::Kind;
using Role = WireSpan::Role;

// The printer never nests deeper than protobuf's own limit; the scanner stops well past it
// so that no text, however it was made, runs the stack out.
constexpr int kMaxScanDepth = 200;

struct JsonMember;

// Where one JSON value is in the text, with its members or elements.
struct JsonNode {
    enum class Type : quint8 { Scalar, Object, Array };
    Type type = Type::Scalar;
    qsizetype start = 0;
    qsizetype end = 0; // one past its last character
    std::vector<JsonMember> members;
    std::vector<JsonNode> elements;
};

struct JsonMember {
    QString key;
    qsizetype keyStart = 0; // its opening quote
    JsonNode value;
};

// Positions of every member and element of JSON text. The text comes from protobuf's
// printer, so this is a scanner, not a validating parser: it stops quietly where the text
// stops making sense and never reads past the end.
class JsonScanner {
public:
    explicit JsonScanner(const QString &text)
        : m_text(text)
    {
    }

    JsonNode scan()
    {
        m_pos = 0;
        return value(0);
    }

private:
    JsonNode value(int depth)
    {
        skipSpace();
        JsonNode node;
        node.start = m_pos;
        const QChar c = peek();
        if (c == u'{' && depth < kMaxScanDepth)
            object(&node, depth);
        else if (c == u'[' && depth < kMaxScanDepth)
            array(&node, depth);
        else if (c == u'"')
            readString();
        else
            skipScalar();
        node.end = m_pos;
        return node;
    }

    void object(JsonNode *node, int depth)
    {
        node->type = JsonNode::Type::Object;
        ++m_pos; // {
        for (;;) {
            skipSpace();
            if (peek() != u'"')
                break;
            JsonMember member;
            member.keyStart = m_pos;
            member.key = readString();
            skipSpace();
            if (peek() != u':')
                break;
            ++m_pos;
            member.value = value(depth + 1);
            node->members.push_back(std::move(member));
            if (!next())
                break;
        }
        closeWith(u'}');
    }

    void array(JsonNode *node, int depth)
    {
        node->type = JsonNode::Type::Array;
        ++m_pos; // [
        skipSpace();
        if (peek() == u']') {
            ++m_pos;
            return;
        }
        for (;;) {
            const qsizetype before = m_pos;
            node->elements.push_back(value(depth + 1));
            if (m_pos == before || !next())
                break;
        }
        closeWith(u']');
    }

    // Past a comma that continues the object or array; false at its end.
    bool next()
    {
        skipSpace();
        if (peek() != u',')
            return false;
        ++m_pos;
        return true;
    }

    void closeWith(QChar close)
    {
        skipSpace();
        if (peek() == close)
            ++m_pos;
    }

    // A string at the opening quote, unescaped (keys are looked up by name).
    QString readString()
    {
        QString out;
        ++m_pos; // "
        while (m_pos < m_text.size() && m_text.at(m_pos) != u'"') {
            QChar c = m_text.at(m_pos++);
            if (c == u'\\' && m_pos < m_text.size())
                c = unescape();
            out.append(c);
        }
        if (m_pos < m_text.size())
            ++m_pos; // "
        return out;
    }

    QChar unescape()
    {
        const QChar c = m_text.at(m_pos++);
        switch (c.unicode()) {
        case u'n':
            return u'\n';
        case u't':
            return u'\t';
        case u'r':
            return u'\r';
        case u'b':
            return u'\b';
        case u'f':
            return u'\f';
        case u'u': {
            bool ok = false;
            const uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
            m_pos = std::min(m_pos + 4, m_text.size());
            return ok ? QChar(char16_t(code)) : QChar::ReplacementCharacter;
        }
        default:
            return c; // \" \\ \/
        }
    }

    void skipScalar()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == u',' || c == u'}' || c == u']' || c.isSpace())
                break;
            ++m_pos;
        }
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }

    const QString &m_text;
    qsizetype m_pos = 0;
};

using Spans = QList<const WireSpan *>;

const WireSpan *valueOf(const WireSpan &field)
{
    for (const WireSpan &child : field.children)
        if (child.role == Role::Value)
            return &child;
    return nullptr;
}

Spans occurrencesOf(const Spans &fields, int number)
{
    Spans found;
    for (const WireSpan *field : fields)
        if (field->fieldNumber == number)
            found.append(field);
    return found;
}

// The fields of a message field's value; occurrences of a singular message merge, as a
// parser merges them, so their fields are taken together.
Spans fieldsInside(const Spans &occurrences)
{
    Spans fields;
    for (const WireSpan *occurrence : occurrences)
        if (const WireSpan *value = valueOf(*occurrence))
            for (const WireSpan &child : value->children)
                if (child.role == Role::Field)
                    fields.append(&child);
    return fields;
}

// One span per element of a repeated field: a packed occurrence gives its Element spans,
// an unpacked one itself. Parsers accept both forms, even mixed.
Spans elementsOf(const Spans &occurrences)
{
    Spans elements;
    for (const WireSpan *occurrence : occurrences) {
        const WireSpan *value = valueOf(*occurrence);
        if (occurrence->kind != Kind::Packed || !value) {
            elements.append(occurrence);
            continue;
        }
        for (const WireSpan &child : value->children)
            if (child.role == Role::Element)
                elements.append(&child);
    }
    return elements;
}

const gp::FieldDescriptor *fieldForKey(const gp::Descriptor *type, const QString &key)
{
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *fd = type->field(i);
        if (QString::fromStdString(fd->json_name()) == key || QString::fromStdString(fd->name()) == key)
            return fd;
    }
    return nullptr;
}

// A message type whose JSON is an object of its own fields. The well-known types print
// specially (a Timestamp as a string, a Struct as any object, an Any with "@type"), so
// they are linked as a whole field.
const gp::Descriptor *linkedInside(const gp::FieldDescriptor *fd)
{
    const gp::Descriptor *type = fd->message_type();
    if (!type || type->file()->name().rfind("google/protobuf/", 0) == 0)
        return nullptr;
    return type;
}

// Walks the JSON of a message together with its fields' spans, one link per member,
// element and map entry, parents before their children.
class Linker {
public:
    explicit Linker(QList<JsonByteLink> *links)
        : m_links(links)
    {
    }

    void message(const JsonNode &object, const gp::Descriptor *type, const Spans &fields, const QString &path,
        int depth)
    {
        if (object.type != JsonNode::Type::Object)
            return;
        // A repeated field printed twice (its occurrences apart in the bytes) continues
        // where its first array stopped.
        QHash<int, int> elementsUsed;
        for (const JsonMember &member : object.members) {
            const gp::FieldDescriptor *fd = fieldForKey(type, member.key);
            if (!fd)
                continue;
            const Spans occurrences = occurrencesOf(fields, fd->number());
            if (occurrences.isEmpty())
                continue;
            const QString memberPath = JsonPath::child(path, member.key);
            add(member.keyStart, member.value.end, occurrences.constFirst()->offset,
                occurrences.constLast()->end(), memberPath, depth);
            if (fd->is_map())
                mapEntries(member.value, fd, occurrences, memberPath, depth + 1);
            else if (fd->is_repeated())
                elements(member.value, fd, elementsOf(occurrences), memberPath, depth + 1,
                    &elementsUsed[fd->number()]);
            else if (const gp::Descriptor *nested = linkedInside(fd))
                message(member.value, nested, fieldsInside(occurrences), memberPath, depth + 1);
        }
    }

private:
    void elements(const JsonNode &array, const gp::FieldDescriptor *fd, const Spans &items,
        const QString &path, int depth, int *used)
    {
        if (array.type != JsonNode::Type::Array)
            return;
        const gp::Descriptor *nested = linkedInside(fd);
        for (int i = 0; i < int(array.elements.size()) && *used + i < items.size(); ++i) {
            const JsonNode &element = array.elements.at(size_t(i));
            const WireSpan *item = items.at(*used + i);
            const QString elementPath = JsonPath::element(path, i);
            add(element.start, element.end, item->offset, item->end(), elementPath, depth);
            if (nested && item->role == Role::Field)
                message(element, nested, fieldsInside({item}), elementPath, depth + 1);
        }
        *used += int(array.elements.size());
    }

    // The printer writes map entries in byte order, so the i-th key is the i-th entry.
    void mapEntries(const JsonNode &object, const gp::FieldDescriptor *fd, const Spans &entries,
        const QString &path, int depth)
    {
        if (object.type != JsonNode::Type::Object)
            return;
        const gp::Descriptor *nested = linkedInside(fd->message_type()->map_value());
        for (int i = 0; i < int(object.members.size()) && i < entries.size(); ++i) {
            const JsonMember &member = object.members.at(size_t(i));
            const WireSpan *entry = entries.at(i);
            const QString entryPath = JsonPath::child(path, member.key);
            add(member.keyStart, member.value.end, entry->offset, entry->end(), entryPath, depth);
            if (nested)
                message(member.value, nested, fieldsInside(occurrencesOf(fieldsInside({entry}), 2)),
                    entryPath, depth + 1);
        }
    }

    void add(qsizetype jsonStart, qsizetype jsonEnd, qint64 byteStart, qint64 byteEnd, const QString &path,
        int depth)
    {
        JsonByteLink link;
        link.jsonOffset = int(jsonStart);
        link.jsonLength = int(jsonEnd - jsonStart);
        link.byteOffset = byteStart;
        link.byteLength = byteEnd - byteStart;
        // JsonPath writes "$.items[1].name"; a link names the field within the message.
        link.path = path.mid(path.startsWith(QStringLiteral("$.")) ? 2 : 1);
        link.depth = depth;
        m_links->append(link);
    }

    QList<JsonByteLink> *m_links;
};

// Of the links holding a position, the deepest (links of one depth do not overlap).
template<typename Holds> int innermost(const QList<JsonByteLink> &links, Holds holds)
{
    int best = -1;
    for (int i = 0; i < links.size(); ++i) {
        if (holds(links.at(i)) && (best < 0 || links.at(i).depth > links.at(best).depth))
            best = i;
    }
    return best;
}

} // namespace

// The compact form differs from the printed one only by whitespace outside strings.
int JsonByteView::jsonBytes() const
{
    const QByteArray utf8 = json.toUtf8();
    int size = 0;
    bool inString = false;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (inString) {
            if (c == '\\' && i + 1 < utf8.size()) {
                ++i;
                ++size;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            continue;
        } else if (c == '"') {
            inString = true;
        }
        ++size;
    }
    return size;
}

namespace JsonByteLinks {

JsonByteView build(const Schema &schema, const gp::Descriptor *type, const WireTree &tree)
{
    JsonByteView view;
    if (!type) {
        view.error = QStringLiteral("no message type to print the bytes as JSON");
        return view;
    }
    QByteArray json;
    QString error;
    if (!JsonCodec::toJson(schema, type, tree.bytes, &json, JsonStyle {}, &error)) {
        view.error = error.isEmpty()
            ? QStringLiteral("the bytes do not decode as %1").arg(QString::fromStdString(type->full_name()))
            : error;
        return view;
    }
    view.json = QString::fromUtf8(json);
    Spans fields;
    for (const WireSpan &span : tree.spans)
        if (span.role == Role::Field)
            fields.append(&span);
    const JsonNode root = JsonScanner(view.json).scan();
    Linker(&view.links).message(root, type, fields, QStringLiteral("$"), 0);
    return view;
}

int linkAtJson(const JsonByteView &view, int jsonOffset)
{
    return innermost(view.links, [jsonOffset](const JsonByteLink &link) {
        return jsonOffset >= link.jsonOffset && jsonOffset < link.jsonOffset + link.jsonLength;
    });
}

int linkAtByte(const JsonByteView &view, qint64 byteOffset)
{
    return innermost(view.links, [byteOffset](const JsonByteLink &link) {
        return byteOffset >= link.byteOffset && byteOffset < link.byteOffset + link.byteLength;
    });
}

} // namespace JsonByteLinks

} // namespace wirescope
