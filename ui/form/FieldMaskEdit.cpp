#include "ui/form/FieldMaskEdit.h"

#include "ui/form/FieldMaskPicker.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QStyle>

namespace wirescope {

FieldMaskEdit::FieldMaskEdit(const SchemaPtr &schema, const QStringList &targets, QWidget *parent)
    : QLineEdit(parent)
    , m_schema(schema)
    , m_targets(targets)
{
    setObjectName(QStringLiteral("fieldMaskEdit"));
    setToolTip(tr("Field paths joined by commas, e.g. title,author.displayName"));
    if (!m_schema || m_targets.isEmpty())
        return;
    QAction *pick
        = addAction(Theme::standardIcon(QStyle::SP_FileDialogListView), QLineEdit::TrailingPosition);
    pick->setObjectName(QStringLiteral("fieldMaskPickAction"));
    pick->setToolTip(tr("Pick the paths from the fields of %1").arg(m_targets.first()));
    connect(pick, &QAction::triggered, this, &FieldMaskEdit::openPicker);
}

FieldMaskEdit::~FieldMaskEdit() = default;

void FieldMaskEdit::openPicker()
{
    if (m_picker || !m_schema)
        return;
    // A child of the editor: while it is open, the item view does not take the editor away.
    m_picker = new FieldMaskPicker(m_schema, m_targets, text(), this);
    m_picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_picker, &QDialog::accepted, this, [this] {
        setText(m_picker->text());
        setFocus();
        Q_EMIT picked();
    });
    m_picker->open();
}

} // namespace wirescope
