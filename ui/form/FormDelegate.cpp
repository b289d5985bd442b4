#include "ui/form/FormDelegate.h"

#include "model/form/FieldValueText.h"
#include "model/form/MessageFormModel.h"
#include "ui/form/AnyTypePicker.h"
#include "ui/form/FieldMaskEdit.h"
#include "ui/form/TimestampEdit.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QLineEdit>
#include <QToolTip>
#include <QValidator>

namespace wirescope {

namespace {

using Model = MessageFormModel;

// Lets people type freely (Intermediate) but only commits text the kind accepts, so Enter
// on a half-typed int64 keeps the editor open instead of storing a wrong value.
class FieldTextValidator final : public QValidator {
public:
    FieldTextValidator(ValueKind kind, BytesMode mode, bool emptyClears, QObject *parent)
        : QValidator(parent)
        , m_kind(kind)
        , m_mode(mode)
        , m_emptyClears(emptyClears)
    {
    }

    State validate(QString &input, int &) const override
    {
        if (m_emptyClears && input.trimmed().isEmpty())
            return Acceptable;
        const QString problem = FieldValueText::check(m_kind, input, m_mode);
        if (problem.isEmpty())
            return Acceptable;
        // A number past its type's range is refused as it is typed, with the range: accepted,
        // it would show in the cell while the message kept the old value.
        if (problem.contains(QStringLiteral("out of range"))) {
            if (auto *edit = qobject_cast<QWidget *>(parent()))
                QToolTip::showText(edit->mapToGlobal(QPoint(0, edit->height())), problem, edit);
            return Invalid;
        }
        return Intermediate;
    }

private:
    ValueKind m_kind;
    BytesMode m_mode;
    bool m_emptyClears;
};

ValueKind kindOf(const QModelIndex &index)
{
    return ValueKind(index.data(Model::ValueKindRole).toInt());
}

Model::Shape shapeOf(const QModelIndex &index)
{
    return Model::Shape(index.data(Model::ShapeRole).toInt());
}

} // namespace

FormDelegate::FormDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

FormDelegate::~FormDelegate() = default;

void FormDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto rowKind = Model::RowKind(index.data(Model::RowKindRole).toInt());
    const bool isSet = index.data(Model::IsSetRole).toBool();
    if (index.column() == Model::FieldColumn) {
        if (rowKind == Model::RowKind::Element)
            option->text = index.data(Model::FieldNameRole).toString();
        else if (rowKind == Model::RowKind::MapEntry && option->text.isEmpty())
            option->text = QStringLiteral("\"\"");
        const int number = index.data(Model::FieldNumberRole).toInt();
        if (m_showFieldNumbers && number > 0)
            option->text += QStringLiteral(" = %1").arg(number);
        if (!isSet && rowKind == Model::RowKind::Field)
            option->palette.setColor(QPalette::Text, Theme::mutedTextColor());
    } else if (index.column() == Model::ValueColumn && option->text.isEmpty()) {
        const QString placeholder = index.data(Model::PlaceholderRole).toString();
        if (!placeholder.isEmpty()) {
            option->text = placeholder;
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text, Theme::mutedTextColor());
        }
    } else if (index.column() == Model::TypeColumn) {
        option->palette.setColor(QPalette::Text, Theme::mutedTextColor());
    }
    if (!index.data(Model::ErrorRole).toString().isEmpty() && index.column() != Model::TypeColumn) {
        QColor background = Theme::errorColor();
        background.setAlpha(48);
        option->backgroundBrush = background;
    }
}

QWidget *FormDelegate::createCombo(QWidget *parent, const QModelIndex &index) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("formCombo"));
    const ValueKind kind = kindOf(index);
    if (shapeOf(index) == Model::Shape::Oneof) {
        combo->addItem(tr("(none)"), QString());
        for (const QString &member : index.data(Model::ChoicesRole).toStringList())
            combo->addItem(member, member);
    } else if (kind == ValueKind::Bool) {
        combo->addItem(QStringLiteral("false"), QStringLiteral("false"));
        combo->addItem(QStringLiteral("true"), QStringLiteral("true"));
    } else {
        // Enums are open in proto3: a number the schema does not name can be typed.
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        for (const QString &value : index.data(Model::ChoicesRole).toStringList())
            combo->addItem(value, value);
        combo->lineEdit()->setPlaceholderText(index.data(Model::PlaceholderRole).toString());
    }
    return combo;
}

// The line edit a value kind is typed in: times and masks come with a picker, whose choice
// is committed at once, as a combo box's is.
QLineEdit *FormDelegate::createLineEdit(QWidget *parent, const QModelIndex &index) const
{
    auto *self = const_cast<FormDelegate *>(this);
    const auto commit = [self](QWidget *editor) {
        Q_EMIT self->commitData(editor);
        Q_EMIT self->closeEditor(editor);
    };
    const ValueKind kind = index.column() == Model::ValueColumn ? kindOf(index) : ValueKind::None;
    if (kind == ValueKind::Timestamp) {
        auto *edit = new TimestampEdit(parent);
        connect(edit, &TimestampEdit::picked, self, [commit, edit] { commit(edit); });
        return edit;
    }
    const auto *model = qobject_cast<const MessageFormModel *>(index.model());
    if (kind == ValueKind::FieldMask && model) {
        auto *edit
            = new FieldMaskEdit(model->schema(), index.data(Model::MaskTargetsRole).toStringList(), parent);
        connect(edit, &FieldMaskEdit::picked, self, [commit, edit] { commit(edit); });
        return edit;
    }
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QStringLiteral("formLineEdit"));
    return edit;
}

QWidget *FormDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(option)
    const ValueKind kind = kindOf(index);
    if (index.column() == Model::ValueColumn
        && (shapeOf(index) == Model::Shape::Oneof || kind == ValueKind::Enum || kind == ValueKind::Bool))
        return createCombo(parent, index);
    if (index.column() == Model::ValueColumn && kind == ValueKind::Any)
        return new AnyTypePicker(index.data(Model::ChoicesRole).toStringList(), parent);
    QLineEdit *edit = createLineEdit(parent, index);
    edit->setFrame(false);
    if (index.column() == Model::ValueColumn) {
        const auto rowKind = Model::RowKind(index.data(Model::RowKindRole).toInt());
        const bool emptyClears = rowKind == Model::RowKind::Field;
        const auto mode = BytesMode(index.data(Model::BytesModeRole).toInt());
        edit->setValidator(new FieldTextValidator(kind, mode, emptyClears, edit));
        edit->setPlaceholderText(index.data(Model::PlaceholderRole).toString());
        if (kind == ValueKind::Bytes)
            edit->setToolTip(
                tr("Bytes as %1; switch with the context menu").arg(FieldValueText::bytesModeName(mode)));
    }
    return edit;
}

void FormDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString text = index.data(Qt::EditRole).toString();
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int found = combo->findData(text);
        if (found >= 0)
            combo->setCurrentIndex(found);
        else if (combo->isEditable())
            combo->setEditText(text);
        return;
    }
    if (auto *edit = qobject_cast<QLineEdit *>(editor))
        edit->setText(text);
}

void FormDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    QString text;
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int current = combo->findText(combo->currentText());
        text = current >= 0 ? combo->itemData(current).toString() : combo->currentText();
    } else if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        text = edit->text();
    }
    // Committing what is already there must not turn an unset default into a set value.
    if (text == index.data(Qt::EditRole).toString())
        return;
    model->setData(index, text, Qt::EditRole);
}

} // namespace wirescope
