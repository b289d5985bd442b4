#pragma once

#include "model/schema/Schema.h"

#include <QStringList>

class QComboBox;
class QLabel;
class QObject;
class QPlainTextEdit;
class QTimer;
class QWidget;

namespace wirescope {

// The small widgets every lab window builds the same way: a message type chooser, a code
// editor a few lines tall, and an error line under an editor that appears only when needed.
namespace LabWidgets {

// The lab windows are for small teaching messages. Aligning, annotating and linking run on
// the GUI thread, so a message past this size is refused with a pointer to the wire
// inspector rather than stalling the window after every pause in typing.
constexpr qsizetype MaxBytes = 64 * 1024;
// How long typing pauses before a JSON editor's text is encoded again.
constexpr int EditPauseMs = 200;

// A single-shot timer of EditPauseMs: connect an editor's textChanged to its start().
QTimer *createEditPause(QObject *parent);
// Whether a message of `size` bytes is small enough for a lab window (MaxBytes); if not,
// shows why in `error`, naming the size and where to look at it instead.
bool fitsLab(qsizetype size, QLabel *error);

QComboBox *createTypeChooser(QWidget *parent);
// Replaces the choices without emitting; keeps `current` chosen when it is one of them,
// else the first. Returns the type now chosen (empty when there are none).
QString fillTypes(QComboBox *chooser, const QStringList &typeNames, const QString &current);

// Monospace, not wrapped, about `lines` lines tall.
QPlainTextEdit *createCodeEditor(QWidget *parent, int lines);

// Plain text that wraps and can be selected and copied: explanations, notes, reasons.
QLabel *createTextLabel(QWidget *parent, const QString &objectName = {});
QLabel *createErrorLabel(QWidget *parent);
// Shows the text in the error colour, or hides the label when the text is empty.
void showError(QLabel *label, const QString &text);

// The JSON as a message of the type, in bytes; the type it was encoded as, or null with the
// reason shown in `error` (which is cleared on success). Bytes past MaxBytes are refused.
const google::protobuf::Descriptor *encodeJson(
    const SchemaPtr &schema, const QString &typeName, const QString &json, QByteArray *bytes, QLabel *error);

} // namespace LabWidgets

} // namespace wirescope
