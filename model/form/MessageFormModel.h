#pragma once

#include "model/form/FieldValueText.h"
#include "model/json/JsonCodec.h"
#include "model/schema/Schema.h"

#include <QAbstractItemModel>

#include <memory>

namespace google::protobuf {
class Descriptor;
class Message;
} // namespace google::protobuf

namespace wirescope {

class FormJsonCache;
class MessageFormEditor;
class MessageFormText;
class MessageFormTree;
struct MessageFormNode;

// A request body as a tree of fields: the form view of one dynamic message, which the
// model owns. Rows are a message's fields (a oneof groups its members under one row),
// the elements of a repeated field or the entries of a map (key in the Field column).
// Children are made only when a row is expanded (fetchMore), so a recursive type or a
// repeated field of 100,000 elements costs nothing until someone looks at it.
// Edits go through setData (text in the JSON mapping's spelling for each kind) and the
// operations below; JSON comes in through setJson and goes out through toJson, so the
// form and a JSON editor stay two views of the same message.
// A google.protobuf.Any row takes a type name (any message type of the schema; or JSON as
// the mapping writes an Any) and then shows the message it packs as rows below it,
// repacked after every edit there. A refused edit comes back as typed in EditRole.
// The message and its rows are a MessageFormTree, edited by a MessageFormEditor; what rows
// show besides values comes from MessageFormText. This class is their Qt model.
class MessageFormModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { FieldColumn, ValueColumn, TypeColumn, ColumnCount };

    // What a row stands for.
    enum class RowKind : quint8 { Field, Oneof, Element, MapEntry };
    Q_ENUM(RowKind)
    // What a row holds: one value, a nested message, a list, a map, or a oneof choice.
    enum class Shape : quint8 { Scalar, Message, List, Map, Oneof };
    Q_ENUM(Shape)

    enum Role {
        FieldNumberRole = Qt::UserRole + 1, // int; 0 for elements, entries and oneofs
        RowKindRole, // RowKind as int
        ShapeRole, // Shape as int
        ValueKindRole, // ValueKind as int: the value editor this row needs
        HasPresenceRole, // bool: set and unset are distinct states
        IsSetRole, // bool
        PlaceholderRole, // QString: the default, shown when unset
        CommentRole, // QString: the field's comment in its .proto
        ErrorRole, // QString: the last rejected edit, a duplicate key, an Any the schema cannot read
        ChoicesRole, // QStringList: enum values, oneof members, or the message types an Any can pack
        BytesModeRole, // BytesMode as int; settable
        PathRole, // QString: "address.lines[2]", stable across edits
        DuplicateKeyRole, // bool, map entries
        FieldNameRole, // QString: the field's name without decoration
        AnyTypeRole, // QString: an Any's packed type, full name; empty when it has none
        MaskTargetsRole, // QStringList: types a FieldMask most likely names fields of, likeliest first
    };

    explicit MessageFormModel(QObject *parent = nullptr);
    ~MessageFormModel() override;
    Q_DISABLE_COPY_MOVE(MessageFormModel)

    // Starts over with an empty message of `type`; the schema is kept alive meanwhile.
    void setType(const SchemaPtr &schema, const google::protobuf::Descriptor *type);
    const google::protobuf::Descriptor *type() const;
    const SchemaPtr &schema() const;

    // Replaces the message; on an error the model keeps its last valid state.
    JsonError setJson(const QByteArray &json);
    bool setBinary(const QByteArray &binary);
    QByteArray toJson() const;
    QByteArray toBinary() const;
    const google::protobuf::Message *message() const;

    // Editing operations; each returns false (and changes nothing) where it does not apply.
    bool setPresent(const QModelIndex &index, bool present);
    bool clear(const QModelIndex &index) { return setPresent(index, false); }
    QModelIndex addElement(const QModelIndex &container, int row = -1);
    bool removeElement(const QModelIndex &element);
    bool moveElement(const QModelIndex &element, int toRow);
    // An empty name clears the oneof; choosing a member clears the others.
    bool chooseOneof(const QModelIndex &oneof, const QString &memberName);
    bool setBytes(const QModelIndex &index, const QByteArray &bytes);
    QByteArray bytes(const QModelIndex &index) const;
    // Packs an empty message of the type (full name or type URL) into an Any row; an empty
    // name unsets it. Choosing the type it already has keeps its value.
    bool setAnyType(const QModelIndex &any, const QString &typeName);
    // Every message type of the schema, sorted: what an Any row can pack.
    QStringList messageTypeNames() const;
    // Changes with every change of the message, so a caller that debounces its rewrite of
    // the JSON can tell whether there is anything to rewrite. toJson is cached per revision.
    quint64 revision() const { return m_revision; }

    // The row of a path as PathRole spells it (JSON field names work too), fetching the
    // rows it passes through.
    QModelIndex indexOfPath(const QString &path);
    QString lastError() const { return m_lastError; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After every edit made through setData or the operations above; not after setJson,
    // setBinary or setType, whose caller already has the new content.
    void messageChanged();
    void editRejected(const QModelIndex &index, const QString &why);
    // An Any row's packed type changed through an edit: its rows are new, a view may open it.
    void anyTypeChanged(const QModelIndex &any);

private:
    using Node = MessageFormNode;
    class Rows;

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    void ensureFetched(Node *node);
    QVariant roleData(const Node *node, int role) const;
    QVariant displayData(const Node *node, int column, int role) const;
    void noteJsonEdit(const Node *node);
    void emitRowChanged(const Node *node);

    std::unique_ptr<MessageFormTree> m_tree;
    std::unique_ptr<Rows> m_rows; // how m_editor's changes of rows reach the views
    std::unique_ptr<MessageFormEditor> m_editor;
    std::unique_ptr<MessageFormText> m_text;
    QString m_lastError;
    int m_changing = 0; // inside begin/end of a row change
    std::unique_ptr<FormJsonCache> m_json;
    mutable QByteArray m_jsonText;
    mutable quint64 m_jsonRevision = ~quint64(0);
    quint64 m_revision = 0;
    const Node *m_rejectedNode = nullptr; // the row whose last edit was refused, and its text
    QString m_rejectedText;
};

} // namespace wirescope
