#pragma once

#include "model/lab/WireCompare.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace wirescope {

class WireLayout;

// Encodings set side by side and aligned by field (WireCompare::align), as a tree: one row
// per field occurrence, nested fields under their message, and for each encoding the
// field's bytes and size, so sizes that differ stand next to each other with the reason.
// Holds the layouts the aligned rows point into, so the rows never outlive their spans.
//
// Columns: FieldColumn, then two per encoding (bytesColumn, sizeColumn), then noteColumn().
class WireCompareModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Role {
        OffsetRole
        = Qt::UserRole + 1, // qint64: the field's first byte in the column's encoding; -1 if absent
        LengthRole, // qint64: the field's size in the column's encoding; -1 if absent or not a side column
        SideRole, // int: the encoding a column shows; -1 for the field and note columns
        FieldNumberRole, // int
        DepthRole, // int: 0 for top-level fields
        SizesDifferRole, // bool: the encodings spend different byte counts on the field
    };
    static constexpr int FieldColumn = 0;
    static constexpr int bytesColumn(int side) { return 1 + 2 * side; }
    static constexpr int sizeColumn(int side) { return 2 + 2 * side; }
    int noteColumn() const { return 1 + 2 * sideCount(); }

    explicit WireCompareModel(QObject *parent = nullptr);
    ~WireCompareModel() override;
    Q_DISABLE_COPY_MOVE(WireCompareModel)

    // One label and one layout per encoding, in column order; a null layout counts as an
    // empty encoding. Resets the model: the number of columns follows the encodings.
    void setEncodings(const QStringList &labels, QList<std::shared_ptr<const WireLayout>> layouts);
    int sideCount() const { return int(m_layouts.size()); }
    const QList<WireCompareRow> &rows() const { return m_rows; }

    const WireCompareRow *rowOf(const QModelIndex &index) const;
    // The field's span in one encoding; null where that encoding lacks the field.
    const WireSpan *cellOf(const QModelIndex &index, int side) const;
    // The innermost row whose field holds the byte of one encoding; invalid when none does.
    QModelIndex indexAt(int side, qint64 offset) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int parent = -1; // index into m_rows
        int row = 0; // among its siblings
        QList<int> children;
    };

    // One row's cell, in the index a row's parent is looked up in.
    struct IndexedCell {
        const WireSpan *span = nullptr;
        int row = 0;
    };
    // By depth, then by encoding: the cells there, sorted by offset.
    using CellIndex = std::vector<std::vector<std::vector<IndexedCell>>>;

    void buildTree();
    std::vector<int> parentRows() const;
    CellIndex indexCells() const;
    static int holderOf(const CellIndex &index, int depth, int side, const WireSpan *inner, int before);
    int sideOfColumn(int column) const;
    QVariant display(const WireCompareRow &row, int column, int side) const;
    QVariant toolTip(const WireCompareRow &row, int column, int side) const;
    QString hexOf(const WireSpan *span, int side, int maxBytes) const;

    QStringList m_labels;
    QList<std::shared_ptr<const WireLayout>> m_layouts;
    WireTree m_empty; // stands in for an encoding without a layout
    QList<WireCompareRow> m_rows;
    std::vector<Node> m_nodes; // parallel to m_rows
    QList<int> m_roots;
};

} // namespace wirescope
