#pragma once

#include "model/lab/SchemaEvolution.h"
#include "model/schema/Schema.h"

#include <QWidget>

class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeView;
class QTreeWidget;

namespace wirescope {

class ProtoVersionEditor;
class WireTreeModel;

// The lab's schema evolution window: two versions of a message type side by side, a writer
// (new) and a reader (old), each .proto text edited in place or a type of the loaded schema;
// a message typed as JSON for the writer (encoded when typing pauses; small messages only);
// and what the reader makes of its bytes: every change judged with its reason, the worst
// verdict on top (for this message and, where worse, for the schema), the bytes decoded
// both ways, and the fields the reader keeps only as unknown bytes. "Swap direction" asks
// the opposite question: what a new reader makes of old data.
class EvolutionWindow final : public QWidget {
    Q_OBJECT

public:
    explicit EvolutionWindow(SchemaPtr appSchema, QWidget *parent = nullptr);
    ~EvolutionWindow() override;
    Q_DISABLE_COPY_MOVE(EvolutionWindow)

    void setAppSchema(SchemaPtr schema);
    // Exchanges writer and reader; the JSON becomes the old bytes as the new writer prints them.
    void swapDirection();

    // The reading on display: null before the first one.
    const EvolutionReading *reading() const { return m_hasReading ? &m_reading : nullptr; }

private:
    QWidget *createEditors();
    QWidget *createResults();
    QTreeWidget *createChangeList(QWidget *parent);
    QTreeView *createWireTree(WireTreeModel *model, const QString &name);
    void encodeWriter();
    void reread();
    void showReading();
    void fillChanges();
    void updateVerdict();
    void updateUnknownNote();
    void linkTrees(const QModelIndex &current, bool fromWritten);

    SchemaPtr m_appSchema;
    // The last bytes that encoded, with the writer type (and its schema, which owns it).
    QByteArray m_bytes;
    SchemaPtr m_bytesSchema;
    const google::protobuf::Descriptor *m_bytesType = nullptr;
    EvolutionReading m_reading;
    bool m_hasReading = false;
    bool m_linking = false; // one tree follows the other: do not follow back

    ProtoVersionEditor *m_writer = nullptr;
    ProtoVersionEditor *m_reader = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_jsonError = nullptr;
    QPushButton *m_swap = nullptr;
    QLabel *m_verdict = nullptr;
    QTreeWidget *m_changes = nullptr;
    QLabel *m_unknownNote = nullptr;
    WireTreeModel *m_writtenModel;
    WireTreeModel *m_readModel;
    QTreeView *m_writtenTree = nullptr;
    QTreeView *m_readTree = nullptr;
    QTimer *m_editPause = nullptr;
};

} // namespace wirescope
