// ShortcutsOverview: Help → Keyboard Shortcuts, every shortcut of a window and its panels.

#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

class QWidget;

namespace wirescope {

// The keyboard shortcuts of a window's actions as an HTML table, grouped by where they work:
// window-wide, in a panel (the collection tree's F2, Delete, ...), in the JSON editor and in
// presenter mode.
class ShortcutsOverview final {
    Q_DECLARE_TR_FUNCTIONS(ShortcutsOverview)

public:
    ShortcutsOverview() = delete;

    static QString table(const QWidget *window);
    // Shows the table in a message box over the window, without a nested event loop.
    static void show(QWidget *window);

private:
    static QString row(const QStringList &keys, const QString &text);
    static void addFixedKeys(QMap<QString, QStringList> &groups);
};

} // namespace wirescope
