#include "ui/request/MethodRow.h"

#include "model/schema/MethodRef.h"
#include "ui/workbench/Theme.h"

#include <QHBoxLayout>
#include <QLabel>

namespace wirescope {

MethodRow::MethodRow(QWidget *parent)
    : QWidget(parent)
    , m_kindBadge(new QLabel(this))
    , m_methodLabel(new QLabel(this))
{
    m_methodLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_methodLabel->setTextFormat(Qt::RichText);
    // Long type names wrap rather than widen the window past a laptop's screen.
    m_methodLabel->setWordWrap(true);
    m_methodLabel->setMinimumWidth(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_kindBadge);
    layout->addWidget(m_methodLabel, 1);
}

void MethodRow::setMethod(const MethodRef &method, const QString &name)
{
    const QString muted = Theme::mutedTextColor().name(QColor::HexArgb);
    if (!method.isValid()) {
        m_kindBadge->clear();
        m_methodLabel->setText(tr("<b>%1</b> <span style=\"color:%2\">\u2014 not in the loaded schema</span>")
                                   .arg(name.toHtmlEscaped(), muted));
        return;
    }
    m_kindBadge->setPixmap(Theme::callKindIcon(method.kind()).pixmap(Theme::badgeSize()));
    m_kindBadge->setToolTip(callKindName(method.kind()));
    m_methodLabel->setText(
        QStringLiteral("<b>%1</b> <span style=\"color:%2\">(%3) \u2192 %4</span>")
            .arg(name.toHtmlEscaped(), muted, method.requestTypeName(), method.responseTypeName()));
}

} // namespace wirescope
