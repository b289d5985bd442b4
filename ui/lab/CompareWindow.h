#pragma once

#include "model/lab/ProtoSnippet.h"
#include "model/lab/WireCompare.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QModelIndex;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace wirescope {

class EncodingColumn;
class JsonBytesPane;
class WireCompareModel;

// The lab's comparison window. Encodings side by side: the same value as int32, sint32 and
// sfixed32, field 15 against field 16, packed against unpacked … (WireCompare's presets, or
// the user's own messages of the loaded schema), one editable column each, their fields
// aligned in rows below with the reason their sizes differ; selecting a row outlines that
// field's bytes in every column. Or JSON beside bytes: one message as JSON text and as
// bytes, each field linked both ways, with the two sizes compared.
class CompareWindow final : public QWidget {
    Q_OBJECT

public:
    enum class Mode { SideBySide, JsonBesideBytes };

    // The preset id that stands for the user's own messages, typed against the app's schema.
    static const QString CustomId;

    explicit CompareWindow(SchemaPtr appSchema, QWidget *parent = nullptr);
    ~CompareWindow() override;
    Q_DISABLE_COPY_MOVE(CompareWindow)

    void setAppSchema(SchemaPtr schema);
    // Shows a built-in comparison by its WireComparison::id, or CustomId; false when no
    // comparison has that id.
    bool showPreset(const QString &id);
    void setMode(Mode mode);

private:
    // What the columns show: a preset's compiled snippet or the app's schema, and the sides.
    struct Setup {
        SchemaPtr schema;
        QString explanation;
        QList<WireComparison::Side> sides;
    };

    QWidget *createTopBar();
    QWidget *createSidesPage();
    void fillPresetChooser();
    void showComparison(int chooserIndex);
    Setup presetSetup(const QString &id);
    Setup customSetup() const;
    void setColumnCount(int count);
    void realign();
    void onRowChanged(const QModelIndex &current);
    void showNote(const QModelIndex &current);
    void onByteClicked(int side, qint64 offset);
    void seedJsonPane();
    QList<int> currentPath() const;
    void restorePath(const QList<int> &path);

    SchemaPtr m_appSchema;
    SchemaPtr m_schema; // what the columns encode with now
    QStringList m_typeNames;
    QHash<QString, ProtoSnippetResult> m_compiled; // by preset id: compiled once
    bool m_loading = false; // the columns are being refilled: align once at the end

    WireCompareModel *m_model;
    QComboBox *m_presetChooser = nullptr;
    QComboBox *m_modeChooser = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_note = nullptr;
    QSplitter *m_columnSplitter = nullptr;
    QList<EncodingColumn *> m_columns;
    QTreeView *m_rows = nullptr;
    JsonBytesPane *m_jsonPane = nullptr;
};

} // namespace wirescope
