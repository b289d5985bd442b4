#include "ui/workbench/WorkbenchActions.h"

#include "model/lab/Lessons.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>

namespace wirescope {

WorkbenchActions::WorkbenchActions(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
    const auto ctrl = [](Qt::Key key) { return QKeySequence(Qt::CTRL | key); };
    const auto ctrlShift = [](Qt::Key key) { return QKeySequence(Qt::CTRL | Qt::SHIFT | key); };
    newCollection
        = make(tr("&New Collection\u2026"), {}, tr("Create a collection folder to save requests in"));
    openCollection
        = make(tr("Open &Collection\u2026"), {ctrlShift(Qt::Key_O)}, tr("Open a collection folder"));
    closeCollection = make(tr("Close Collection"), {});
    importCollection = make(tr("Import Collection from File\u2026"), {},
        tr("Unpack a collection exported as one file into a new folder"));
    exportCollection = make(tr("Export Collection to File\u2026"), {},
        tr("Write the whole collection as one file (secrets stay out)"));
    saveRequest = make(tr("&Save Request"), {QKeySequence::Save}, tr("Save the request into the collection"));
    saveRequestAs = make(tr("Save Request &As\u2026"), {ctrlShift(Qt::Key_S)},
        tr("Save the request into the collection under a new name"));
    undoCollection = new QAction(tr("&Undo"), window);
    redoCollection = new QAction(tr("&Redo"), window);
    undoCollection->setShortcut(QKeySequence::Undo);
    redoCollection->setShortcut(QKeySequence::Redo);
    for (QAction *action : {undoCollection, redoCollection})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyAsGrpcurl = make(tr("Copy as &grpcurl Command"), {ctrlShift(Qt::Key_C)},
        tr("Copy the request as a grpcurl command line, variables resolved"));
    copyAsGrpcurl->setObjectName(QStringLiteral("copyAsGrpcurlAction"));
    pasteGrpcurl = make(tr("&Paste grpcurl Command"), {ctrlShift(Qt::Key_V)},
        tr("Make a request from a grpcurl command line on the clipboard"));
    editEnvironments
        = make(tr("&Environments\u2026"), {}, tr("Edit the collection's environments and secrets"));
    importProtos = make(tr("&Import .proto Files\u2026"), {ctrl(Qt::Key_I)},
        tr("Import .proto files and their import paths"));
    openProtoset = make(tr("&Open Protoset\u2026"), {ctrl(Qt::Key_O)},
        tr("Open a FileDescriptorSet (protoc --descriptor_set_out)"));
    reloadReflection = make(tr("&Reload Reflection"), {QKeySequence(Qt::Key_F5)},
        tr("Load the schema from the server again (F5)"));
    startMock = make(tr("Start &Mock Server\u2026"), {},
        tr("Serve the loaded schema from a local mock, answered by stubs or examples"));
    startMock->setObjectName(QStringLiteral("startMockAction"));
    quit = make(tr("&Quit"), {QKeySequence::Quit});
    focusTarget = make(tr("Go to &Target"), {ctrl(Qt::Key_L)});
    focusFilter = make(tr("&Find Method"), {ctrl(Qt::Key_F)});
    resetBody = make(tr("&Reset Body to Example"), {ctrlShift(Qt::Key_R)});
    send = make(tr("&Send"), {ctrl(Qt::Key_Return), ctrl(Qt::Key_Enter)},
        tr("Start the call, or send the next message of a stream that is open"));
    cancel = make(tr("&Cancel"), {QKeySequence(Qt::Key_Escape)}, tr("Cancel the running call"));
    sendNext = make(tr("Send &Message"), {ctrlShift(Qt::Key_Return), ctrlShift(Qt::Key_Enter)},
        tr("Send the body as the next message of the open stream"));
    halfClose = make(tr("&Half-close"), {ctrlShift(Qt::Key_D)}, tr("Close the request side of the stream"));
    newTab = make(tr("&New Tab"), {ctrl(Qt::Key_T)}, tr("Open another request for the current method"));
    closeTab = make(tr("C&lose Tab"), {ctrl(Qt::Key_W)});
    nextTab = make(tr("Ne&xt Tab"), {ctrl(Qt::Key_PageDown)});
    previousTab = make(tr("Pre&vious Tab"), {ctrl(Qt::Key_PageUp)});
    createLearnActions();
    tour = make(tr("Take the &Tour"), {}, tr("A short walk through the workbench"));
    shortcuts = make(tr("&Keyboard Shortcuts"), {QKeySequence::HelpContents});
    about = make(tr("&About Wirescope"), {});
    aboutQt = make(tr("About &Qt"), {});

    send->setIcon(Theme::glyphIcon(Theme::Glyph::Send));
    cancel->setIcon(Theme::glyphIcon(Theme::Glyph::Stop));
    reloadReflection->setIcon(Theme::glyphIcon(Theme::Glyph::Reload));
    importProtos->setIcon(Theme::glyphIcon(Theme::Glyph::Import));
    openProtoset->setIcon(Theme::glyphIcon(Theme::Glyph::Open));
    quit->setMenuRole(QAction::QuitRole);
    about->setMenuRole(QAction::AboutRole);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void WorkbenchActions::createLearnActions()
{
    for (const Lesson &lesson : Lessons::all()) {
        // "&" would be read as a mnemonic marker.
        QAction *action = make(QString(lesson.title).replace(u'&', QStringLiteral("&&")), {}, lesson.summary);
        action->setData(lesson.id);
        action->setObjectName(QStringLiteral("lessonAction_") + lesson.id);
        lessons.append(action);
    }
    compareEncodings = make(tr("&Compare Encodings\u2026"), {},
        tr("The same values encoded in different ways, side by side and aligned by field"));
    compareEncodings->setObjectName(QStringLiteral("compareEncodingsAction"));
    schemaEvolution = make(tr("Schema &Evolution\u2026"), {},
        tr("What a reader of one version of a message makes of another version's bytes"));
    schemaEvolution->setObjectName(QStringLiteral("schemaEvolutionAction"));
    presenterMode = make(tr("&Presenter Mode"), {QKeySequence(Qt::Key_F11)},
        tr("The inspector and the lesson full screen in large type, stepped with the arrow keys"));
    presenterMode->setObjectName(QStringLiteral("presenterModeAction"));
    presenterMode->setCheckable(true);
}

QAction *WorkbenchActions::make(const QString &text, const QList<QKeySequence> &keys, const QString &tip)
{
    auto *action = new QAction(text, m_window);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    QString toolTip = tip.isEmpty() ? QString(text).remove(u'&').remove(QStringLiteral("\u2026")) : tip;
    if (!keys.isEmpty())
        toolTip += QStringLiteral(" (%1)").arg(keys.first().toString(QKeySequence::NativeText));
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    m_window->addAction(action); // shortcuts work even while menus are hidden
    return action;
}

void WorkbenchActions::buildMenus(QMenuBar *menuBar, const QList<QAction *> &viewToggles)
{
    QMenu *file = menuBar->addMenu(tr("&File"));
    file->addActions({newCollection, openCollection});
    recentCollections = file->addMenu(tr("Open &Recent Collection"));
    recentCollections->setObjectName(QStringLiteral("recentCollectionsMenu"));
    file->addActions({closeCollection, saveRequest, saveRequestAs});
    file->addSeparator();
    file->addActions({importCollection, exportCollection});
    file->addSeparator();
    file->addActions({importProtos, openProtoset, reloadReflection});
    file->addSeparator();
    file->addAction(startMock);
    file->addSeparator();
    file->addAction(quit);
    QMenu *edit = menuBar->addMenu(tr("&Edit"));
    edit->addActions({undoCollection, redoCollection});
    edit->addSeparator();
    edit->addActions({copyAsGrpcurl, pasteGrpcurl});
    edit->addSeparator();
    edit->addActions({focusTarget, focusFilter, editEnvironments});
    edit->addSeparator();
    edit->addAction(resetBody);
    viewMenu = menuBar->addMenu(tr("&View"));
    viewMenu->addActions(viewToggles);
    QMenu *request = menuBar->addMenu(tr("&Request"));
    request->addActions({send, sendNext, halfClose, cancel});
    request->addSeparator();
    request->addActions({newTab, closeTab, nextTab, previousTab});
    QMenu *learn = menuBar->addMenu(tr("&Learn"));
    learn->setObjectName(QStringLiteral("learnMenu"));
    learn->addActions(lessons);
    learn->addSeparator();
    learn->addActions({compareEncodings, schemaEvolution, presenterMode});
    QMenu *help = menuBar->addMenu(tr("&Help"));
    help->addActions({tour, shortcuts, about, aboutQt});
}

} // namespace wirescope
