#include "ui/request/JsonEditor.h"

#include "ui/workbench/Theme.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QShortcut>

#include "ui/request/QsciIncludes.h"

namespace wirescope {

namespace {
constexpr int LineNumberMarginIndex = 0;
constexpr int SymbolMarginIndex = 1;
// Window-wide shortcuts that Scintilla's key map would otherwise swallow (Ctrl+L cuts a
// line, Ctrl+T transposes lines, ...): the editor lets these go to the window's actions.
bool isWindowShortcut(const QKeyEvent *event)
{
    const QKeyCombination combo = event->keyCombination();
    const Qt::KeyboardModifiers modifiers = combo.keyboardModifiers() & ~Qt::KeypadModifier;
    const Qt::Key key = combo.key();
    if (modifiers == Qt::ControlModifier) {
        switch (key) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_L:
        case Qt::Key_T:
        case Qt::Key_W:
        case Qt::Key_F:
        case Qt::Key_I:
        case Qt::Key_O:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            return true;
        default:
            return false;
        }
    }
    if (modifiers == (Qt::ControlModifier | Qt::ShiftModifier))
        return key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_D || key == Qt::Key_R;
    return false;
}

} // namespace

JsonEditor::JsonEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new QsciLexerJSON(this))
    , m_apis(new QsciAPIs(m_lexer))
{
    setUtf8(true);
    m_lexer->setHighlightComments(true);
    m_lexer->setFoldCompact(false);
    setLexer(m_lexer);
    setupMargins();
    setBraceMatching(SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setIndentationGuides(true);
    setCaretLineVisible(true);
    setWrapMode(WrapNone);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    setAutoCompletionSource(AcsAPIs);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(true);
    setAnnotationDisplay(AnnotationBoxed);
    m_errorIndicator = indicatorDefine(SquiggleLowIndicator);
    m_errorMarker = markerDefine(RightTriangle);
    auto *complete = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space), this);
    complete->setContext(Qt::WidgetShortcut);
    connect(complete, &QShortcut::activated, this, &QsciScintilla::autoCompleteFromAPIs);
    connect(this, &QsciScintilla::linesChanged, this, &JsonEditor::updateLineNumberWidth);
    applyTheme();
}

JsonEditor::~JsonEditor()
{
    // The completion list may still be prepared on QScintilla's worker thread.
    m_apis->cancelPreparation();
}

void JsonEditor::setupMargins()
{
    setMarginType(LineNumberMarginIndex, NumberMargin);
    setMarginLineNumbers(LineNumberMarginIndex, true);
    setMarginType(SymbolMarginIndex, SymbolMargin);
    setMarginWidth(SymbolMarginIndex, 12);
    setMarginSensitivity(SymbolMarginIndex, false);
    setFolding(BoxedTreeFoldStyle, 2);
    updateLineNumberWidth();
}

void JsonEditor::updateLineNumberWidth()
{
    const QString digits = QString(QString::number(qMax(lines(), 99)).size() + 1, u'9');
    setMarginWidth(LineNumberMarginIndex, digits);
}

void JsonEditor::setViewer(bool viewer)
{
    setReadOnly(viewer);
    setCaretLineVisible(!viewer);
    setAutoCompletionSource(viewer ? AcsNone : AcsAPIs);
    setMarginWidth(SymbolMarginIndex, viewer ? 0 : 12);
}

void JsonEditor::replaceAll(const QString &text)
{
    if (text == this->text())
        return;
    beginUndoAction();
    selectAll();
    replaceSelectedText(text);
    endUndoAction();
    setCursorPosition(0, 0);
}

void JsonEditor::setCompletionWords(const QStringList &words)
{
    // prepare() reads the word list on a worker thread: stop it before changing the list.
    // A worker that finished just before posts an event that QsciAPIs handles by reading
    // the (now deleted) worker: drop that event too.
    m_apis->cancelPreparation();
    QCoreApplication::removePostedEvents(m_apis);
    m_apis->clear();
    for (const QString &word : words)
        m_apis->add(word);
    m_apis->prepare();
}

void JsonEditor::showError(int line, int column, int length, const QString &message)
{
    clearError();
    addError(line, column, length, message);
}

void JsonEditor::addError(int line, int column, int length, const QString &message)
{
    m_hasError = true;
    const int target = qBound(0, line, qMax(0, lines() - 1));
    if (line >= 0) {
        const int lineLength = text(target).size();
        const int start = qMin(column, qMax(0, lineLength - 1));
        const int end = qMin(qMax(start + length, start + 1), qMax(lineLength, start + 1));
        fillIndicatorRange(target, start, target, end, m_errorIndicator);
    }
    markerAdd(target, m_errorMarker);
    // Two errors on one line share its annotation, one under the other.
    const QString earlier = annotation(target);
    const QString note = QStringLiteral(" \u26a0 ") + message;
    annotate(target, earlier.isEmpty() ? note : earlier + u'\n' + note, m_annotationStyle);
}

void JsonEditor::clearError()
{
    if (!m_hasError)
        return;
    m_hasError = false;
    clearIndicatorRange(0, 0, qMax(0, lines() - 1), text(qMax(0, lines() - 1)).size(), m_errorIndicator);
    markerDeleteAll(m_errorMarker);
    clearAnnotations();
}

bool JsonEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Escape closes an open completion list first; otherwise it may cancel the call.
        const bool escape = key->key() == Qt::Key_Escape && !isListActive();
        if (escape || isWindowShortcut(key)) {
            event->ignore();
            return false;
        }
    }
    return QsciScintilla::event(event);
}

void JsonEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void JsonEditor::applyTheme()
{
    Theme::applyToEditor(this, m_lexer);
    const QColor error = Theme::errorColor();
    setIndicatorForegroundColor(error, m_errorIndicator);
    setMarkerBackgroundColor(error, m_errorMarker);
    setMarkerForegroundColor(error, m_errorMarker);
    const QColor paper = Theme::isDark(palette()) ? QColor(0x3a, 0x22, 0x24) : QColor(0xff, 0xeb, 0xe9);
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSizeF(font.pointSizeF() * 0.92);
    m_annotationStyle = QsciStyle(-1, QStringLiteral("error annotation"), error, paper, font);
}

} // namespace wirescope
