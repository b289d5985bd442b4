#pragma once

#include "model/wire/WireSpan.h"

#include <QAbstractScrollArea>
#include <QPair>

#include <memory>

namespace wirescope {

class WireLayout;

// The wire inspector's bytes: an offset column, 16 bytes a row in hex, and their ASCII.
// Every byte is backed by the color of the span it belongs to — the hue names the field,
// the shade its role (tag darkest, then length, then value; gRPC prefix bytes gray) — and
// the selected span is outlined. Only the rows in view are painted, so a megabyte scrolls
// as smoothly as ten bytes. A click or an arrow key moves the caret and reports its byte
// offset; it does not select anything itself: whoever owns the tree decides which span
// that byte means. An editable view turns typed hex digits, Backspace, Delete and pasted
// hex or base64 into editRequested: it owns no bytes, and shows the edit once its owner
// hands it the new layout.
class HexView final : public QAbstractScrollArea {
    Q_OBJECT

public:
    struct Selection {
        qint64 offset = -1;
        qint64 length = 0;
        bool isValid() const { return offset >= 0; }
    };
    using Ranges = QList<QPair<qint64, qint64>>; // (offset, length)

    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;
    Q_DISABLE_COPY_MOVE(HexView)

    // Keeps the caret (moved back inside the new bytes), drops the selection.
    void setWireLayout(std::shared_ptr<const WireLayout> layout);
    // Bytes shown before their layout arrives (a large input is annotated on a worker), so
    // the next keystroke edits what is on screen.
    void setBytes(const QByteArray &bytes);
    void setSelection(qint64 offset, qint64 length);
    void clearSelection() { setSelection(-1, 0); }
    Selection selection() const { return m_selection; }
    void scrollToOffset(qint64 offset);
    // 16 by default; presenter mode shows 8, which large type can fit beside the tree.
    void setBytesPerRow(int count);
    int bytesPerRow() const { return m_bytesPerRow; }
    // The byte under a point of the viewport, in hex or ASCII; -1 elsewhere.
    qint64 offsetAt(const QPoint &point) const;
    // The visible rectangle of a byte's hex cell in viewport coordinates, for tests and tips.
    QRect hexCellRect(qint64 offset) const;

    // Off by default. An editable view draws its caret and leaves a cell after the last
    // byte, where typing appends.
    void setEditable(bool on);
    bool isEditable() const { return m_editable; }
    // Typed digits overwrite (the default) or insert; the Insert key toggles.
    void setInsertMode(bool on);
    bool insertMode() const { return m_insert; }
    // The caret: a byte and which of its two hex digits the next one typed replaces. -1
    // takes it away: Backspace and Delete then remove the selected span.
    void setCaret(qint64 offset, bool lowNibble = false);
    qint64 caret() const { return m_caret; }
    bool caretOnLowNibble() const { return m_lowNibble; }
    // Bytes marked as changed by the last edit, underlined; empty clears.
    void setHighlights(const Ranges &ranges);
    const Ranges &highlights() const { return m_highlights; }

    // The background of a byte: the field's hue in the role's shade. Index alternates
    // the shade of neighbouring packed elements.
    static QColor runColor(WireSpan::Role role, int fieldNumber, int index, bool dark);

    QSize sizeHint() const override;

Q_SIGNALS:
    void offsetClicked(qint64 offset);
    // Replace `removed` bytes at `offset` by `inserted`; the caret is already at caretAfter.
    void editRequested(qint64 offset, qint64 removed, const QByteArray &inserted, qint64 caretAfter);
    void insertModeChanged(bool insert);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    void paintRow(QPainter &painter, qint64 row, int y, std::size_t *run) const;
    void paintHighlights(QPainter &painter, qint64 row, int y) const;
    void paintSelection(QPainter &painter, qint64 row, int y) const;
    void paintCaret(QPainter &painter, qint64 firstRow) const;
    qint64 cellAt(const QPoint &point, bool *lowNibble) const;
    int hexX(int column) const;
    int asciiX(int column) const;
    int totalWidth() const;
    qint64 rowCount() const;
    int visibleRows() const;
    QString toolTipAt(const QPoint &point) const;

    qint64 navigationStep(int key) const;
    void moveCaret(qint64 step);
    bool editKey(QKeyEvent *event);
    void typeNibble(int nibble);
    void removeBytes(bool beforeCaret);
    void pasteClipboard();
    void requestEdit(
        qint64 offset, qint64 removed, const QByteArray &inserted, qint64 caretAfter, bool lowNibble);
    qint64 lastCaretOffset() const;

    std::shared_ptr<const WireLayout> m_layout;
    QByteArray m_bytes;
    Selection m_selection;
    Ranges m_highlights;
    qint64 m_caret = -1;
    bool m_lowNibble = false;
    bool m_editable = false;
    bool m_insert = false;
    int m_bytesPerRow = 16;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_offsetDigits = 4;
};

} // namespace wirescope
