#pragma once

#include "model/core/Diagnostic.h"
#include "model/schema/Schema.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;

namespace wirescope {

// One version of a message type in the evolution window: .proto text compiled after a pause
// in typing, its errors by line and column, and the type chosen from it, or a type of the
// loaded schema instead. Keeps the last schema that compiled, so a typo mid-edit does not
// blank what the window shows.
class ProtoVersionEditor final : public QWidget {
    Q_OBJECT

public:
    // What a swap exchanges between the writer and the reader.
    struct State {
        QString protoText;
        bool fromLoadedSchema = false;
        QString typeName;
    };

    // `name` prefixes the children's object names: writerProto, writerProtoErrors,
    // writerSource, writerType.
    ProtoVersionEditor(const QString &title, const QString &name, QWidget *parent = nullptr);
    ~ProtoVersionEditor() override;
    Q_DISABLE_COPY_MOVE(ProtoVersionEditor)

    void setAppSchema(SchemaPtr schema);
    State state() const;
    // Compiles at once, without waiting for a pause, and emits nothing: the caller updates.
    void setState(const State &state);

    // The chosen type, in schema(); null when nothing usable compiled or was chosen.
    const google::protobuf::Descriptor *type() const;
    SchemaPtr schema() const;

Q_SIGNALS:
    // The chosen type is another one, or the same name in a newly compiled schema.
    void typeChanged();

private:
    void compile();
    void showDiagnostics(const Diagnostics &diagnostics);
    void fillTypes(const QString &preferred);
    void onSourceChosen();
    void onTypeChosen();
    void jumpTo(QListWidgetItem *item);
    bool fromLoadedSchema() const;

    SchemaPtr m_appSchema;
    SchemaPtr m_compiled; // the last snippet that compiled without errors
    QTimer m_debounce;
    QPlainTextEdit *m_proto = nullptr;
    QListWidget *m_errors = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_type = nullptr;
};

} // namespace wirescope
