#include "ui/lab/LabWidgets.h"

#include "model/json/JsonCodec.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTimer>

namespace wirescope::LabWidgets {

QComboBox *createTypeChooser(QWidget *parent)
{
    auto *chooser = new QComboBox(parent);
    chooser->setMinimumContentsLength(20);
    chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    chooser->setToolTip(QComboBox::tr("The message type the JSON is encoded as"));
    return chooser;
}

QString fillTypes(QComboBox *chooser, const QStringList &typeNames, const QString &current)
{
    const QSignalBlocker blocker(chooser);
    chooser->clear();
    chooser->addItems(typeNames);
    const int index = typeNames.indexOf(current);
    chooser->setCurrentIndex(index >= 0 ? index : (typeNames.isEmpty() ? -1 : 0));
    return chooser->currentText();
}

QPlainTextEdit *createCodeEditor(QWidget *parent, int lines)
{
    auto *editor = new QPlainTextEdit(parent);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setTabChangesFocus(true);
    const int frame = 2 * editor->frameWidth() + 8;
    editor->setMinimumHeight(editor->fontMetrics().lineSpacing() * lines + frame);
    return editor;
}

QTimer *createEditPause(QObject *parent)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    timer->setInterval(EditPauseMs);
    return timer;
}

bool fitsLab(qsizetype size, QLabel *error)
{
    if (size <= MaxBytes)
        return true;
    showError(error,
        QCoreApplication::translate("LabWidgets",
            "%1 bytes: too large to compare here; open it in the wire inspector (View \u2192 Wire "
            "Inspector)")
            .arg(size));
    return false;
}

QLabel *createTextLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *createErrorLabel(QWidget *parent)
{
    QLabel *label = createTextLabel(parent);
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, Theme::errorColor());
    label->setPalette(palette);
    label->setVisible(!text.isEmpty());
}

const google::protobuf::Descriptor *encodeJson(
    const SchemaPtr &schema, const QString &typeName, const QString &json, QByteArray *bytes, QLabel *error)
{
    const google::protobuf::Descriptor *type
        = schema && !typeName.isEmpty() ? schema->findMessage(typeName) : nullptr;
    if (!type) {
        showError(
            error, QCoreApplication::translate("LabWidgets", "Choose a message type to encode the JSON as."));
        return nullptr;
    }
    JsonError jsonError;
    if (!JsonCodec::toBinary(*schema, type, json.toUtf8(), bytes, &jsonError)) {
        showError(error, jsonError.toString());
        return nullptr;
    }
    if (!fitsLab(bytes->size(), error))
        return nullptr;
    showError(error, {});
    return type;
}

} // namespace wirescope::LabWidgets
