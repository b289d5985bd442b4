#include "ui/form/AnyTypePicker.h"

#include <QCompleter>
#include <QLineEdit>

namespace wirescope {

AnyTypePicker::AnyTypePicker(const QStringList &typeNames, QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("anyTypePicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(20);
    addItem(tr("(none)"), QString());
    for (const QString &name : typeNames)
        addItem(name, name);
    // A schema has hundreds of types: match anywhere in the name, not only at its start.
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    lineEdit()->setPlaceholderText(tr("Type to search the message types"));
    setToolTip(tr("The type of the message the Any packs; its fields appear below the row"));
}

AnyTypePicker::~AnyTypePicker() = default;

QString AnyTypePicker::typeName() const
{
    const QString text = currentText().trimmed();
    const int found = findText(text);
    return found >= 0 ? itemData(found).toString() : text;
}

void AnyTypePicker::setTypeName(const QString &name)
{
    const int found = findData(name);
    if (found >= 0)
        setCurrentIndex(found);
    else
        setEditText(name);
}

} // namespace wirescope
