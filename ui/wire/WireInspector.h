#pragma once

#include "model/core/CurrentWork.h"
#include "model/schema/Schema.h"

#include <QWidget>

#include <QFont>
#include <QPair>

#include <array>
#include <memory>
#include <optional>

class QLabel;
class QListWidget;
class QModelIndex;
class QSplitter;
class QTextBrowser;
class QTreeView;
class QUndoStack;

namespace wirescope {

class HexView;
class WireLayout;
class WireSourceBar;
class WireTreeModel;
struct WireEditState;
struct WireSpan;

// What every byte of one message means: a hex view and a field tree side by side, linked
// both ways, an explanation of the selected part with its arithmetic, and the lints. The
// bytes come from one of four sources (the current request body, a response frame, pasted
// hex or base64, a file), each remembered, so switching back shows what it showed. Live
// sources re-annotate on every change and keep the same node selected, so editing a value
// shows its bytes and explanation change at once. It is also a place to experiment: bytes
// typed, pasted or deleted in the hex view and values edited in the tree re-encode the
// message at once, with the changed bytes marked and every step undoable. A live source
// (the request body, a response frame) is never edited in place: its first edit copies it
// into the pasted source, so what the app sends never changes behind the user's back.
class WireInspector final : public QWidget {
    Q_OBJECT

public:
    enum class Source { Request, Response, Pasted, File };

    explicit WireInspector(QWidget *parent = nullptr);
    ~WireInspector() override;
    Q_DISABLE_COPY_MOVE(WireInspector)

    void setSchema(const SchemaPtr &schema);
    // A source's new bytes and the message type they encode (empty: none known). The
    // current source is re-annotated at once; another one is only remembered. Pasted bytes
    // are labelled "pasted bytes" unless `label` says what they are ("lesson: Varints").
    void setBytes(Source source, const QByteArray &bytes, const QString &typeName, const QString &label = {});
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
    // A source's bytes as it holds them (without the gRPC prefix the view may add).
    QByteArray sourceBytes(Source source) const;
    // What a source is called ("request body", "pasted bytes", "lesson: Varints") and the
    // message type it is decoded as (empty: none).
    QString sourceLabel(Source source) const { return m_inputs[std::size_t(source)].label; }
    QString sourceType(Source source) const { return m_inputs[std::size_t(source)].type; }

    // Every byte and value edit, undoable; Ctrl+Z and Ctrl+Shift+Z within the inspector.
    QUndoStack *undoStack() const { return m_undo; }
    // Presenter mode: hex, tree and explanation in large type, the source and type rows
    // hidden, the summary kept.
    void setPresentation(bool on);
    bool isPresenting() const { return m_presenting; }
    // Selects the node whose span has exactly this offset and length (and WireSpan::Role
    // `role`, unless -1), expanding its parents; false if there is none.
    bool selectSpan(qint64 offset, qint64 length, int role = -1);
    // Writes the annotated dump as WireExport's HTML (.html, .htm) or SVG (.svg).
    bool exportTo(const QString &path, QString *error = nullptr);
    // Tall enough for a dozen rows of hex and tree when the dock first opens.
    QSize sizeHint() const override;

Q_SIGNALS:
    // A new annotation is on display (tests wait on it; large inputs arrive later).
    void annotated();
    // The bytes changed by an edit in the inspector, an undo or a redo.
    void bytesEdited();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // What one source last delivered and how the user chose to read it.
    struct Input {
        QByteArray bytes;
        QString suppliedType; // what the source said it is
        QString type; // what the user decodes it as
        QString label; // "request body", "frame #3", a file name
        // A bare message, framed by the gRPC switch for display: the live sources and an
        // edited copy of one. Other bytes are read as they are, as framed when the switch is on.
        bool addsFrame = false;

        // Writes this identity into `state`, to be given back when the edit is undone or redone.
        void describe(WireEditState &state) const;
    };

    struct StoredEdit;

    // Where to put the caret and selection once an edit's annotation is on display.
    struct Place {
        qint64 caret = -1;
        bool lowNibble = false;
        QList<int> path;
    };

    QWidget *createToolBar();
    QWidget *createPanes();
    void createTree(QWidget *parent);
    QWidget *createStatusRow(QWidget *parent);
    void sizeColumns();
    void reannotate();
    void apply(std::shared_ptr<const WireLayout> layout);
    QByteArray framedInput() const;
    qint64 displayPrefix() const;
    void onCurrentChanged(const QModelIndex &current);
    void showExplanation(const QModelIndex &index);
    void showOverview();
    void updateLints();
    void updateSummary();
    void onTypeChosen(const QString &type);
    void pasteBytes();
    void openFile();

    void onHexOffsetClicked(qint64 offset);
    void onEditRequested(qint64 offset, qint64 removed, const QByteArray &inserted, qint64 caretAfter);
    void editValue(int node, const QString &text);
    void editCurrentValue();
    void refuseLongValue(const QModelIndex &index);
    QList<const WireSpan *> spanChain(int node) const;
    void pushEdit(
        const QString &text, StoredEdit edit, WireEditState after, qint64 editOffset, qint64 typedAt);
    WireEditState currentState() const;
    void showEditState(int source, const WireEditState &state);
    void restorePlace(const Place &place);
    void showEditError(const QString &message, int node);
    void clearEditMarks();
    void updateEditMode();
    QList<int> selectedPath() const;
    void restorePath(const QList<int> &path);
    Input &input() { return m_inputs[std::size_t(m_source)]; }
    const Input &input() const { return m_inputs[std::size_t(m_source)]; }

    SchemaPtr m_schema;
    std::array<Input, 4> m_inputs;
    Source m_source = Source::Request;
    std::shared_ptr<const WireLayout> m_layout;
    CurrentWork m_annotation {this}; // a large input annotated on a worker; a newer input makes it stale
    bool m_dirty = false;
    QUndoStack *m_undo;
    QList<QPair<qint64, qint64>> m_highlights; // bytes the last edit changed
    std::optional<Place> m_restore; // an edit's place, for when its annotation arrives
    bool m_followingHex = false; // the tree follows a byte the user clicked or moved to
    bool m_presenting = false;
    std::array<QFont, 3> m_normalFonts; // hex, tree, explanation outside presenter mode

    WireTreeModel *m_model;
    WireSourceBar *m_bar = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_legend = nullptr;
    QLabel *m_editMode = nullptr;
    QLabel *m_editError = nullptr;
    HexView *m_hex = nullptr;
    QSplitter *m_panes = nullptr; // hex, tree, explanation and lints
    QTreeView *m_tree = nullptr;
    QTextBrowser *m_explanation = nullptr;
    QListWidget *m_lints = nullptr;
};

} // namespace wirescope
