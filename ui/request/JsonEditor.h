#pragma once

#include "ui/request/QsciIncludes.h"

class QsciAPIs;
class QsciLexerJSON;

namespace wirescope {

// A JSON editor configured the way a request body wants it: highlighting, folding, line
// numbers, brace matching, auto-indent, completion from a word list (the message's field
// names and enum values), and one inline error (squiggle, margin marker, annotation).
// With setViewer(true) it becomes the read-only response viewer.
class JsonEditor final : public QsciScintilla {
    Q_OBJECT

public:
    explicit JsonEditor(QWidget *parent = nullptr);
    ~JsonEditor() override;
    Q_DISABLE_COPY_MOVE(JsonEditor)

    void setViewer(bool viewer);
    // Replaces the whole text as one step the user can undo (setText() empties the undo
    // history): text replaced by a form edit can always be brought back with Ctrl+Z.
    void replaceAll(const QString &text);
    void setCompletionWords(const QStringList &words);
    // line and column are 0-based; line -1 marks no line and shows the message on line 0.
    void showError(int line, int column, int length, const QString &message);
    // Marks one more error, keeping those already shown.
    void addError(int line, int column, int length, const QString &message);
    void clearError();
    bool hasError() const { return m_hasError; }

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setupMargins();
    void applyTheme();
    void updateLineNumberWidth();

    QsciLexerJSON *m_lexer = nullptr;
    QsciAPIs *m_apis = nullptr;
    QsciStyle m_annotationStyle;
    int m_errorIndicator = -1;
    int m_errorMarker = -1;
    bool m_hasError = false;
};

} // namespace wirescope
