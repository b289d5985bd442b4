#pragma once

#include "model/core/CurrentWork.h"
#include "model/request/RequestDraft.h"
#include "model/schema/MethodRef.h"

#include <QTabWidget>

#include <functional>

class QLabel;
class QTimer;

namespace wirescope {

class JsonEditor;
class MessageFormModel;
class MessageFormView;
struct RequestBodyCheck;

// A request's body: the JSON editor and the form, two views of one message kept in step,
// and the line under them that says whether the body encodes (checked as it is typed, a
// large body on a worker). Send reuses the bytes of the last check when the text has not
// changed since, so a large body is encoded once.
class RequestBodyEditor final : public QTabWidget {
    Q_OBJECT

public:
    explicit RequestBodyEditor(QWidget *parent = nullptr);
    ~RequestBodyEditor() override;
    Q_DISABLE_COPY_MOVE(RequestBodyEditor)

    JsonEditor *editor() const { return m_editor; }
    MessageFormView *formView() const { return m_formView; }
    // The check's verdict; the tab places it under its pages.
    QLabel *validationLabel() const { return m_validation; }

    QString text() const;
    void setText(const QString &text);
    // `name` is what the request asks for, shown while no schema defines it.
    void setMethod(const MethodRef &method, const QString &name);
    void setVariables(RequestDraft::Variables variables) { m_variables = std::move(variables); }
    // Names elsewhere in the request (its metadata) that did not resolve, shown with the verdict.
    void setOtherUnresolved(std::function<QStringList()> names) { m_otherUnresolved = std::move(names); }

    // Checks the body now; validateSoon() after a pause in typing.
    void validate();
    void validateSoon();
    bool isChecking() const { return m_check.isRunning(); }
    // The bytes the last check found, for the wire inspector and the sizes.
    QByteArray requestBytes() const { return m_requestBytes; }
    // The last check's messages when it checked exactly `wireText`; false when it did not.
    bool takeChecked(const QString &wireText, QList<QByteArray> *messages, QStringList *typedMessages) const;
    void showJson();
    void focusBody();

Q_SIGNALS:
    // Typed or changed through the form: the request may differ from its saved state.
    void edited();
    // The body encoded again after a change.
    void checked(const QByteArray &binary);

private:
    void applyCheck(const QString &text, const QStringList &unresolved, const RequestBodyCheck &check);
    void showValid(const QByteArray &binary, const QStringList &unresolved, int messageCount = 1);
    void updateForm(const QString &text, const RequestBodyCheck &check);
    void onFormChanged();
    void remember(const QString &wireText, const QByteArray &binary, const QList<QByteArray> &messages = {},
        const QStringList &typedMessages = {});
    QStringList otherUnresolved() const;
    QString resolve(const QString &text, QStringList *unresolved) const;

    MethodRef m_method;
    QString m_methodName;
    RequestDraft::Variables m_variables;
    std::function<QStringList()> m_otherUnresolved;
    JsonEditor *m_editor = nullptr;
    MessageFormModel *m_form = nullptr;
    MessageFormView *m_formView = nullptr;
    QLabel *m_validation = nullptr;
    QTimer *m_validateTimer = nullptr;
    QString m_formText; // the editor text the form last took in or wrote
    QByteArray m_requestBytes;
    // The last body found valid, resolved, and its bytes: what Send uses when it is unchanged.
    QString m_checkedWireText;
    QByteArray m_checkedBinary;
    QList<QByteArray> m_checkedMessages; // a stream body of several messages: each one's bytes
    QStringList m_checkedTexts;
    CurrentWork m_check {this}; // a large body's check on a worker; a newer edit makes it stale
};

} // namespace wirescope
