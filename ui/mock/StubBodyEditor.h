#pragma once

#include "model/schema/MethodRef.h"

#include <QTabWidget>

class QTimer;

namespace wirescope {

class JsonEditor;
class MessageFormModel;
class MessageFormView;

// A stub's answer body: the JSON editor and a form of the method's response type, two views
// of one message kept in step as the request body's are. The JSON may hold {{request.…}}
// templates; where one stands for a number or a message the form cannot show it, and says
// so while keeping the last body that fits. A stream's items are edited as JSON only.
class StubBodyEditor final : public QTabWidget {
    Q_OBJECT

public:
    explicit StubBodyEditor(QWidget *parent = nullptr);
    ~StubBodyEditor() override;
    Q_DISABLE_COPY_MOVE(StubBodyEditor)

    JsonEditor *editor() const { return m_editor; }
    MessageFormView *formView() const { return m_formView; }

    // The form edits a message of the method's response type.
    void setMethod(const MethodRef &method);
    QString text() const;
    void setText(const QString &text);
    // Off, only the JSON page can be used (a stream's items, which the form cannot hold).
    void setFormEnabled(bool enabled);

private:
    void showInForm();
    void onFormChanged();

    MethodRef m_method;
    MessageFormModel *m_form;
    MessageFormView *m_formView;
    JsonEditor *m_editor;
    QTimer *m_syncTimer;
    QString m_formText; // the JSON the form last took in or wrote
    bool m_formEnabled = true;
};

} // namespace wirescope
