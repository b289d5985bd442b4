#pragma once

#include "model/core/CurrentWork.h"
#include "model/schema/Schema.h"

#include <QWidget>

#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QModelIndex;
class QTextBrowser;
class QTreeView;

namespace wirescope {

class HexView;
class WireLayout;
class WireTreeModel;

// What every byte of one message means: a hex view and a field tree side by side, linked
// both ways, an explanation of the selected part with its arithmetic, and the lints. The
// bytes come from one of four sources (the current request body, a response frame, pasted
// hex or base64, a file), each remembered, so switching back shows what it showed. Live
// sources re-annotate on every change and keep the same node selected, so editing a value
// shows its bytes and explanation change at once.
class WireInspector final : public QWidget {
    Q_OBJECT

public:
    enum class Source { Request, Response, Pasted, File };

    explicit WireInspector(QWidget *parent = nullptr);
    ~WireInspector() override;
    Q_DISABLE_COPY_MOVE(WireInspector)

    void setSchema(const SchemaPtr &schema);
    // A source's new bytes and the message type they encode (empty: none known). The
    // current source is re-annotated at once; another one is only remembered.
    void setBytes(Source source, const QByteArray &bytes, const QString &typeName);
    // Shows a source's bytes: as the user picking it in the chooser would.
    void showSource(Source source);
    Source source() const { return m_source; }
    // The type used for the current source; empty for no schema.
    QString typeName() const;
    void setTypeName(const QString &typeName);
    void setGrpcFrame(bool on);

    // The annotation on display; null before the first one arrives.
    const std::shared_ptr<const WireLayout> &wireLayout() const { return m_layout; }
    WireTreeModel *treeModel() const { return m_model; }
    // Selects the innermost node holding the byte, as a click on it would.
    void selectOffset(qint64 offset);
    void copyDump();
    // Tall enough for a dozen rows of hex and tree when the dock first opens.
    QSize sizeHint() const override;

Q_SIGNALS:
    // A new annotation is on display (tests wait on it; large inputs arrive later).
    void annotated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // What one source last delivered and how the user chose to read it.
    struct Input {
        QByteArray bytes;
        QString suppliedType; // what the source said it is
        QString type; // what the user decodes it as
        QString label; // "request body", "frame #3", a file name
    };

    QWidget *createToolBar();
    QWidget *createPanes();
    void reannotate();
    void apply(std::shared_ptr<const WireLayout> layout);
    QByteArray framedInput() const;
    void onCurrentChanged(const QModelIndex &current);
    void showExplanation(const QModelIndex &index);
    void showOverview();
    void updateLints();
    void updateSummary();
    void fillTypeChooser();
    void onTypeChosen();
    void pasteBytes();
    void openFile();
    QList<int> selectedPath() const;
    void restorePath(const QList<int> &path);
    Input &input() { return m_inputs[std::size_t(m_source)]; }
    const Input &input() const { return m_inputs[std::size_t(m_source)]; }

    SchemaPtr m_schema;
    QStringList m_typeNames;
    std::array<Input, 4> m_inputs;
    Source m_source = Source::Request;
    std::shared_ptr<const WireLayout> m_layout;
    CurrentWork m_annotation {this}; // a large input annotated on a worker; a newer input makes it stale
    bool m_dirty = false;

    WireTreeModel *m_model;
    QComboBox *m_sourceChooser = nullptr;
    QComboBox *m_typeChooser = nullptr;
    QCheckBox *m_grpcFrame = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_legend = nullptr;
    HexView *m_hex = nullptr;
    QTreeView *m_tree = nullptr;
    QTextBrowser *m_explanation = nullptr;
    QListWidget *m_lints = nullptr;
};

} // namespace wirescope
