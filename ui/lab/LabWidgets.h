#pragma once

#include "model/schema/Schema.h"

#include <QStringList>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QWidget;

namespace wirescope {

// The small widgets every lab window builds the same way: a message type chooser, a code
// editor a few lines tall, and an error line under an editor that appears only when needed.
namespace LabWidgets {

QComboBox *createTypeChooser(QWidget *parent);
// Replaces the choices without emitting; keeps `current` chosen when it is one of them,
// else the first. Returns the type now chosen (empty when there are none).
QString fillTypes(QComboBox *chooser, const QStringList &typeNames, const QString &current);

// Monospace, not wrapped, about `lines` lines tall.
QPlainTextEdit *createCodeEditor(QWidget *parent, int lines);

QLabel *createErrorLabel(QWidget *parent);
// Shows the text in the error colour, or hides the label when the text is empty.
void showError(QLabel *label, const QString &text);

// The JSON as a message of the type, in bytes; the type it was encoded as, or null with the
// reason shown in `error` (which is cleared on success).
const google::protobuf::Descriptor *encodeJson(
    const SchemaPtr &schema, const QString &typeName, const QString &json, QByteArray *bytes, QLabel *error);

} // namespace LabWidgets

} // namespace wirescope
