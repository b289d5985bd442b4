#pragma once

#include "model/schema/Schema.h"
#include "ui/form/FieldMaskPicker.h"

#include <QLineEdit>
#include <QPointer>

namespace wirescope {

// The editor of a google.protobuf.FieldMask: its paths as text, and a button that opens a
// FieldMaskPicker over the message types the mask most likely refers to.
class FieldMaskEdit final : public QLineEdit {
    Q_OBJECT

public:
    FieldMaskEdit(const SchemaPtr &schema, const QStringList &targets, QWidget *parent = nullptr);
    ~FieldMaskEdit() override;
    Q_DISABLE_COPY_MOVE(FieldMaskEdit)

    // Opens the picker (window-modal, not blocking) on the current text.
    void openPicker();
    // The open picker, or nullptr.
    FieldMaskPicker *picker() const { return m_picker; }

Q_SIGNALS:
    // Paths were chosen in the picker and written to the text.
    void picked();

private:
    SchemaPtr m_schema;
    QStringList m_targets;
    QPointer<FieldMaskPicker> m_picker;
};

} // namespace wirescope
