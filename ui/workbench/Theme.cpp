#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyleFactory>

#include "ui/request/QsciIncludes.h"

namespace wirescope::Theme {

namespace {

struct EditorColors {
    QColor paper, text, margin, marginText, caretLine, selection;
    QColor string, number, property, keyword, comment, operatorColor, error;
};

EditorColors editorColors(bool dark)
{
    if (dark) {
        return {QColor(0x1e, 0x1f, 0x22), QColor(0xd4, 0xd4, 0xd4), QColor(0x26, 0x27, 0x2b),
            QColor(0x80, 0x84, 0x8c), QColor(0x2a, 0x2c, 0x31), QColor(0x26, 0x4f, 0x78),
            QColor(0xce, 0x91, 0x78), QColor(0xb5, 0xce, 0xa8), QColor(0x9c, 0xdc, 0xfe),
            QColor(0x56, 0x9c, 0xd6), QColor(0x6a, 0x99, 0x55), QColor(0xc8, 0xc8, 0xc8),
            QColor(0xf4, 0x47, 0x47)};
    }
    return {QColor(0xff, 0xff, 0xff), QColor(0x1f, 0x23, 0x28), QColor(0xf6, 0xf8, 0xfa),
        QColor(0x8c, 0x95, 0x9f), QColor(0xf3, 0xf6, 0xfb), QColor(0xc8, 0xdd, 0xf8),
        QColor(0x0a, 0x30, 0x69), QColor(0x09, 0x69, 0xda), QColor(0x95, 0x38, 0x00),
        QColor(0xcf, 0x22, 0x2e), QColor(0x6e, 0x77, 0x81), QColor(0x24, 0x29, 0x2f),
        QColor(0xcf, 0x22, 0x2e)};
}

void applyLexerColors(QsciLexer *lexer, const EditorColors &c)
{
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultPaper(c.paper);
    lexer->setDefaultColor(c.text);
    lexer->setDefaultFont(font);
    lexer->setPaper(c.paper, -1);
    lexer->setColor(c.text, -1);
    lexer->setFont(font, -1);
    if (!qobject_cast<QsciLexerJSON *>(lexer))
        return;
    lexer->setColor(c.string, QsciLexerJSON::String);
    lexer->setColor(c.error, QsciLexerJSON::UnclosedString);
    lexer->setColor(c.number, QsciLexerJSON::Number);
    lexer->setColor(c.property, QsciLexerJSON::Property);
    lexer->setColor(c.keyword, QsciLexerJSON::Keyword);
    lexer->setColor(c.keyword, QsciLexerJSON::KeywordLD);
    lexer->setColor(c.comment, QsciLexerJSON::CommentLine);
    lexer->setColor(c.comment, QsciLexerJSON::CommentBlock);
    lexer->setColor(c.operatorColor, QsciLexerJSON::Operator);
    lexer->setColor(c.string, QsciLexerJSON::EscapeSequence);
    lexer->setColor(c.error, QsciLexerJSON::Error);
}

QPixmap badgePixmap(const QString &text, const QColor &color, qreal ratio)
{
    const QSize size = badgeSize();
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(0.5, 2.5, size.width() - 1.0, size.height() - 5.0), 3, 3);
    painter.fillPath(path, color);
    QFont font = QApplication::font();
    font.setPixelSize(9);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
    return pixmap;
}

// The scales a badge is drawn at: 1, and the highest screen's when that is more. Drawing
// one at 2 on a screen at 1 rasterized a second font size for the first frame.
QList<qreal> badgeRatios()
{
    const qreal highest = qApp->devicePixelRatio();
    return highest > 1.0 ? QList<qreal> {1.0, highest} : QList<qreal> {1.0};
}

} // namespace

void applyApplicationStyle()
{
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(deferringIconsStyle(fusion));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool isDark()
{
    return isDark(QApplication::palette());
}

void applyToEditor(QsciScintilla *editor, QsciLexer *lexer)
{
    const EditorColors c = editorColors(isDark(editor->palette()));
    if (lexer)
        applyLexerColors(lexer, c);
    editor->setPaper(c.paper);
    editor->setColor(c.text);
    editor->setMarginsBackgroundColor(c.margin);
    editor->setMarginsForegroundColor(c.marginText);
    editor->setFoldMarginColors(c.margin, c.margin);
    editor->setCaretForegroundColor(c.text);
    editor->setCaretLineBackgroundColor(c.caretLine);
    editor->setSelectionBackgroundColor(c.selection);
    editor->setSelectionForegroundColor(c.text);
    editor->setMatchedBraceBackgroundColor(c.selection);
    editor->setMatchedBraceForegroundColor(c.text);
    editor->setUnmatchedBraceForegroundColor(c.error);
    editor->setIndentationGuidesBackgroundColor(c.marginText);
    editor->setIndentationGuidesForegroundColor(c.marginText);
}

QColor callKindColor(CallKind kind)
{
    switch (kind) {
    case CallKind::Unary:
        return QColor(0x2f, 0x81, 0xf7);
    case CallKind::ServerStreaming:
        return QColor(0x1a, 0x9f, 0x5a);
    case CallKind::ClientStreaming:
        return QColor(0xc2, 0x6b, 0x0a);
    case CallKind::Bidi:
        return QColor(0x8e, 0x4e, 0xd8);
    }
    return Qt::gray;
}

QSize badgeSize()
{
    return {30, 18};
}

QIcon callKindIcon(CallKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end()) {
        QIcon icon;
        for (const qreal ratio : badgeRatios())
            icon.addPixmap(badgePixmap(callKindBadge(kind), callKindColor(kind), ratio));
        it = cache.insert(int(kind), icon);
    }
    return *it;
}

QIcon serviceIcon()
{
    static const QIcon icon = [] {
        QIcon result;
        for (const qreal ratio : badgeRatios())
            result.addPixmap(badgePixmap(QStringLiteral("SVC"), QColor(0x6e, 0x77, 0x81), ratio));
        return result;
    }();
    return icon;
}

QColor statusColor(int code)
{
    if (code == 0)
        return isDark() ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    if (code == 1 || code == 4)
        return isDark() ? QColor(0xd2, 0x99, 0x22) : QColor(0x9a, 0x67, 0x00);
    return errorColor();
}

QColor errorColor()
{
    return isDark() ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
}

QColor mutedTextColor()
{
    QColor color = QApplication::palette().color(QPalette::WindowText);
    color.setAlphaF(0.6f);
    return color;
}

QColor noticeColor()
{
    return isDark() ? QColor(0x5a, 0x4a, 0x1e) : QColor(0xff, 0xf1, 0xc8);
}

} // namespace wirescope::Theme
