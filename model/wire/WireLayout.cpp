#include "model/wire/WireLayout.h"

#include "model/wire/WireAnnotator.h"

#include <algorithm>

namespace wirescope {

namespace {

// One reading with nothing inside says no more than the value's own line already does.
bool showsReadings(const WireSpan &span)
{
    return span.readings.size() > 1
        || (span.readings.size() == 1 && !span.readings.constFirst().children.isEmpty());
}

} // namespace

std::shared_ptr<const WireLayout> WireLayout::build(WireTree tree)
{
    // The constructor is private so nodes can only point into a tree that never moves.
    std::shared_ptr<WireLayout> layout(new WireLayout);
    layout->m_tree = std::move(tree);
    layout->buildNodes();
    layout->buildRuns(layout->m_tree.spans, 0);
    return layout;
}

std::shared_ptr<const WireLayout> WireLayout::annotate(
    const QByteArray &bytes, const SchemaPtr &schema, const QString &typeName, bool grpcFrame)
{
    const google::protobuf::Descriptor *type
        = schema && !typeName.isEmpty() ? schema->findMessage(typeName) : nullptr;
    WireAnnotateOptions options;
    options.grpcFrame = grpcFrame;
    options.maxFields = MaxFields;
    return build(WireAnnotator::annotate(bytes, type, options));
}

void WireLayout::buildNodes()
{
    const WireTree &tree = m_tree;
    m_rootCount = int(tree.spans.size());
    m_nodes.reserve(std::size_t(m_rootCount) * 4);
    for (int i = 0; i < m_rootCount; ++i)
        m_nodes.push_back(Node {&tree.spans.at(i), nullptr, -1, i, 0, 0, 0, 0});
    // Breadth first, so every node's children land next to each other.
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        appendChildren(int(i));
}

void WireLayout::appendChildren(int node)
{
    const int first = int(m_nodes.size());
    const WireSpan *span = m_nodes[std::size_t(node)].span;
    const QList<WireSpan> &children = span ? span->children : m_nodes[std::size_t(node)].reading->children;
    int row = 0;
    for (const WireSpan &child : children)
        m_nodes.push_back(Node {&child, nullptr, node, row++, 0, 0, 0, 0});
    if (span && showsReadings(*span)) {
        const int count = int(span->readings.size());
        for (int i = 0; i < count; ++i)
            m_nodes.push_back(Node {nullptr, &span->readings.at(i), node, row++, 0, 0, i, count});
    }
    Node &self = m_nodes[std::size_t(node)];
    self.firstChild = first;
    self.childCount = row;
}

void WireLayout::buildRuns(const QList<WireSpan> &spans, int fieldNumber)
{
    int index = 0;
    for (const WireSpan &span : spans) {
        const int field = span.role == WireSpan::Role::Field ? span.fieldNumber : fieldNumber;
        if (const QList<WireSpan> *children = WireAnnotator::innerSpans(span))
            buildRuns(*children, field);
        else if (span.length > 0)
            m_runs.push_back(Run {span.offset, span.length, span.role, field, index});
        ++index;
    }
}

int WireLayout::childAt(int first, int count, qint64 offset) const
{
    // Span children come first and are sorted by offset; readings follow them.
    const auto begin = m_nodes.cbegin() + first;
    const auto spansEnd = std::find_if(begin, begin + count, [](const Node &n) { return n.span == nullptr; });
    auto it = std::upper_bound(
        begin, spansEnd, offset, [](qint64 at, const Node &n) { return at < n.span->offset; });
    while (it != begin) {
        --it;
        if (it->span->contains(offset))
            return int(it - m_nodes.cbegin());
        if (it->span->length > 0)
            break;
    }
    // No span child holds it: descend into the likeliest reading, when it has fields.
    if (spansEnd != begin + count && spansEnd->reading->children.size() > 0)
        return int(spansEnd - m_nodes.cbegin());
    return -1;
}

int WireLayout::nodeAt(qint64 offset) const
{
    int found = -1;
    int first = 0;
    int count = m_rootCount;
    while (count > 0) {
        const int hit = childAt(first, count, offset);
        if (hit < 0)
            break;
        found = hit;
        first = m_nodes[std::size_t(hit)].firstChild;
        count = m_nodes[std::size_t(hit)].childCount;
    }
    // A reading node is a grouping, not a place in the bytes: report its value instead.
    while (found >= 0 && !m_nodes[std::size_t(found)].span)
        found = m_nodes[std::size_t(found)].parent;
    return found;
}

std::size_t WireLayout::firstRunFrom(qint64 offset) const
{
    const auto it = std::upper_bound(m_runs.cbegin(), m_runs.cend(), offset,
        [](qint64 at, const Run &run) { return at < run.offset + run.length; });
    return std::size_t(it - m_runs.cbegin());
}

} // namespace wirescope
