#pragma once

#include <QAbstractItemModel>

#include <functional>
#include <memory>

namespace wirescope {

class WireLayout;
struct WireSpan;
struct WireTree;

// The wire inspector's field tree: every span of an annotated message (field, tag, length,
// value, packed element, gRPC prefix) and every reading of an ambiguous value, as rows.
// Reads a prebuilt WireLayout, so resetting to a large input costs no tree walk here.
// Values may be edited in the Value column: the model only passes the new text on, since
// whoever owns the bytes re-encodes them and hands it a new layout.
class WireTreeModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { FieldColumn, WireTypeColumn, TypeColumn, ValueColumn, BytesColumn, ColumnCount };
    enum Role {
        OffsetRole = Qt::UserRole + 1, // qint64, first byte
        LengthRole, // qint64, byte count
        SpanRoleRole, // int, WireSpan::Role; -1 for a reading
        FieldNumberRole, // int
        ExplanationRole, // QString, WireExplain's text, or a reading's evidence
        IsReadingRole, // bool
    };

    explicit WireTreeModel(QObject *parent = nullptr);
    ~WireTreeModel() override;
    Q_DISABLE_COPY_MOVE(WireTreeModel)

    void setLayout(std::shared_ptr<const WireLayout> layout);
    const std::shared_ptr<const WireLayout> &layout() const { return m_layout; }

    // The row of the innermost span holding the byte; invalid outside the input.
    QModelIndex indexAt(qint64 offset) const;
    QModelIndex indexOfNode(int node, int column = 0) const;
    const WireSpan *spanOf(const QModelIndex &index) const;

    // Which spans' values may be edited and the text an edit starts from. The rules belong
    // to the layer above (the encoding lab), so they come in as functions; without them
    // nothing is editable.
    using SpanTest = std::function<bool(const WireSpan &span)>;
    using SpanText = std::function<QString(const WireTree &tree, const WireSpan &span)>;
    void setValueEditing(SpanTest isEditable, SpanText editText);
    bool isEditable(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Emits valueEditRequested and returns true for an editable Value cell; the data stays
    // as it is until a new layout arrives.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void valueEditRequested(int node, const QString &text);

private:
    QVariant display(int node, int column) const;
    QVariant readingDisplay(int node, int column) const;
    QVariant rawData(int node, int role) const;

    std::shared_ptr<const WireLayout> m_layout;
    SpanTest m_isEditable;
    SpanText m_editText;
};

} // namespace wirescope
