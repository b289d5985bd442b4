#pragma once

#include "model/mock/Stub.h"
#include "model/schema/MethodRef.h"

#include <QDialog>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace wirescope {

class JsonEditor;
class KeyValueTable;
class StubBodyEditor;

// Edits one stub of a mock's folder: the method it answers (from the schema), its
// priority, what it matches (a subset of the request body, regular expressions on body
// fields, metadata) and what it answers (one body, a stream, or an error; delay, headers,
// trailers). Save checks the stub as the mock will read it and writes its file only when
// it passes; otherwise it says why and writes nothing.
class StubEditorDialog final : public QDialog {
    Q_OBJECT

public:
    enum class Mode { Single, Stream, Error };

    // `folder` is where the stub's file goes; `schema` lists the methods and checks the stub.
    StubEditorDialog(const SchemaPtr &schema, const QString &folder, QWidget *parent = nullptr);
    ~StubEditorDialog() override;
    Q_DISABLE_COPY_MOVE(StubEditorDialog)

    // A new stub for `method`, answering with an example of its response type.
    void startNew(const QString &method, const QString &fileName);
    // Edits `stub`; `fileName` (relative to the folder) is its file, `existing` when it is
    // on disk already (a renamed stub's old file is removed on save).
    void setStub(const Stub &stub, const QString &fileName, bool existing);
    // The stub as the fields hold it; false with *error when a field is not valid JSON or of
    // the wrong shape (the schema's own checks come on save).
    bool collect(Stub *stub, QString *error) const;

    Mode mode() const;
    void setMode(Mode mode);
    QString folder() const { return m_folder; }
    QString fileName() const;
    // Checks and writes the stub; on success the dialog is accepted. False with the reason
    // shown in the dialog (errorText()) and nothing written.
    bool save();
    QString savedPath() const { return m_savedPath; }
    QString errorText() const { return m_errorText; }

Q_SIGNALS:
    void saved(const QString &path);

private:
    QWidget *createHeader();
    QWidget *createMatchPage();
    QWidget *createRespondPage();
    QWidget *createRespondRow();
    QGroupBox *createStatusGroup();
    void setStatus(const std::optional<Stub::Status> &status);
    void onMethodChanged();
    void onModeChanged();
    void updateModeWidgets();
    void checkMatchBody();
    bool collectMessages(Stub *stub, QString *error) const;
    void showError(const QString &text);
    static QStringList methodNames(const Schema &schema);

    SchemaPtr m_schema;
    QString m_folder;
    QString m_originalPath; // the file being edited; empty for a new stub
    QString m_savedPath;
    QString m_exampleText; // the body as last prefilled, replaced when the method changes
    QList<QJsonObject> m_details; // an error's details, kept as they were (no field edits them)
    MethodRef m_method;
    Mode m_mode = Mode::Single;
    bool m_streamEndsInError = false; // the status group's check, kept while it is not checkable
    QString m_errorText;

    QLineEdit *m_fileName = nullptr;
    QComboBox *m_methodBox = nullptr;
    QSpinBox *m_priority = nullptr;
    JsonEditor *m_matchBody = nullptr;
    QLabel *m_matchError = nullptr;
    QTimer *m_matchTimer = nullptr;
    KeyValueTable *m_bodyMatches = nullptr;
    KeyValueTable *m_matchMetadata = nullptr;
    QComboBox *m_modeBox = nullptr;
    QSpinBox *m_delay = nullptr;
    QSpinBox *m_repeat = nullptr;
    QLabel *m_repeatLabel = nullptr;
    QComboBox *m_answer = nullptr;
    QLabel *m_answerLabel = nullptr;
    QGroupBox *m_statusGroup = nullptr;
    QComboBox *m_statusCode = nullptr;
    QLineEdit *m_statusMessage = nullptr;
    QTabWidget *m_respondTabs = nullptr;
    StubBodyEditor *m_body = nullptr;
    KeyValueTable *m_headers = nullptr;
    KeyValueTable *m_trailers = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace wirescope
