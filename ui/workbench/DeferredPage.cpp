#include "ui/workbench/DeferredPage.h"

#include <QVBoxLayout>

namespace wirescope {

DeferredPage::DeferredPage(const QString &objectName, Factory factory, QWidget *parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
{
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

QWidget *DeferredPage::content()
{
    if (!m_content) {
        m_content = m_factory(this);
        m_factory = nullptr; // what it captured is not needed again
        layout()->addWidget(m_content);
        // Children are shown before the page's show event: one made in it shows itself, laid
        // out now so the frame that shows the page has it in place.
        if (isVisible()) {
            m_content->show();
            layout()->activate();
        }
    }
    return m_content;
}

void DeferredPage::showEvent(QShowEvent *event)
{
    content();
    QWidget::showEvent(event);
}

} // namespace wirescope
