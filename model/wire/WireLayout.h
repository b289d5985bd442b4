#pragma once

#include "model/schema/Schema.h"
#include "model/wire/WireSpan.h"

#include <memory>
#include <vector>

namespace wirescope {

// A WireTree made ready to draw: its spans and readings flattened into nodes with parent
// links (what an item model needs) and its bytes cut into colored runs (what a hex view
// needs). Built in one pass on any thread, so a megabyte of input is never walked on the
// GUI thread; immutable afterwards and shared by the views through a shared_ptr.
class WireLayout final {
public:
    // A span, or one reading of an ambiguous length-delimited value (then span is null).
    // Children of a node are contiguous in nodes(), in byte order.
    struct Node {
        const WireSpan *span = nullptr;
        const WireReading *reading = nullptr;
        int parent = -1;
        int row = 0;
        int firstChild = 0;
        int childCount = 0;
        int readingRank = 0; // reading nodes: 0 is the likeliest
        int readingCount = 0; // reading nodes: how many readings the value has
    };
    // Bytes drawn in one color: a leaf span and the field it belongs to.
    struct Run {
        qint64 offset = 0;
        qint64 length = 0;
        WireSpan::Role role = WireSpan::Role::Value;
        int fieldNumber = 0; // of the innermost field around it; 0 for gRPC frame bytes
        int index = 0; // position among its siblings, to tell packed elements apart
    };

    ~WireLayout() = default;
    Q_DISABLE_COPY_MOVE(WireLayout)

    static std::shared_ptr<const WireLayout> build(WireTree tree);
    // The views annotate at most this many fields: beyond it a tree and its nodes cost more
    // memory than a desktop should spend, and the rest is one "past the limit" span.
    static constexpr qint64 MaxFields = 100000;

    // Annotates and lays out. An empty typeName, or one the schema lacks, means no schema.
    static std::shared_ptr<const WireLayout> annotate(
        const QByteArray &bytes, const SchemaPtr &schema, const QString &typeName, bool grpcFrame);

    const WireTree &tree() const { return m_tree; }
    const std::vector<Node> &nodes() const { return m_nodes; }
    int rootCount() const { return m_rootCount; }
    const std::vector<Run> &runs() const { return m_runs; }

    // The innermost node holding the byte, as WireAnnotator::findSpanAt picks it; -1 if none.
    int nodeAt(qint64 offset) const;
    // The first run that ends after `offset`: where a painter starts for a row.
    std::size_t firstRunFrom(qint64 offset) const;

private:
    WireLayout() = default;
    void buildNodes();
    void appendChildren(int node);
    void buildRuns(const QList<WireSpan> &spans, int fieldNumber);
    int childAt(int first, int count, qint64 offset) const;

    WireTree m_tree;
    std::vector<Node> m_nodes;
    int m_rootCount = 0;
    std::vector<Run> m_runs;
};

} // namespace wirescope
