#pragma once

#include <QWidget>

#include <functional>

namespace wirescope {

// A tab page whose content is made the first time the page is shown or asked for. A request
// tab opens with most of its pages hidden (Tests, Load, Frames, Sizes), and making them all
// cost as much as the rest of the tab: deferring them is what lets a new request, and the
// window's first request, show without waiting for pages nobody has looked at yet.
//
// The page carries the content's object name, so a search for that name (the tour, a test
// switching tabs) finds the page even before its content exists; a search by type and name
// finds the content once it is made. The owner keeps whatever it would have handed the
// content meanwhile, and hands it over in `factory`.
class DeferredPage final : public QWidget {
    Q_OBJECT

public:
    // `factory` makes the content as a child of the page it is given.
    using Factory = std::function<QWidget *(QWidget *page)>;

    DeferredPage(const QString &objectName, Factory factory, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeferredPage)

    // The content, made now if it was not yet.
    QWidget *content();
    bool isMade() const { return m_content != nullptr; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    Factory m_factory;
    QWidget *m_content = nullptr;
};

} // namespace wirescope
