#pragma once

#include "model/lab/JsonByteLinks.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTimer;

namespace wirescope {

class HexView;
class WireLayout;

// One message as JSON text beside its bytes, each field's JSON linked to its bytes: a
// position in the JSON selects the bytes that field became, a byte selects the JSON it came
// from, and the sizes of the two forms are set against each other. The message is typed in
// a small editor above and re-linked when typing pauses; the linked JSON is printed from the
// bytes, so both always agree. A message too large for the lab keeps the last pair on
// display with the reason under the editor.
class JsonBytesPane final : public QWidget {
    Q_OBJECT

public:
    explicit JsonBytesPane(QWidget *parent = nullptr);
    ~JsonBytesPane() override;
    Q_DISABLE_COPY_MOVE(JsonBytesPane)

    void setSchema(SchemaPtr schema, const QStringList &typeNames);
    // Shows the message and links it at once.
    void setMessage(const QString &typeName, const QString &json);

    const JsonByteView &view() const { return m_view; }
    const std::shared_ptr<const WireLayout> &wireLayout() const { return m_layout; }

private:
    void layOut();
    void rebuild();
    void onJsonCursorMoved();
    void onByteClicked(qint64 offset);
    // Selects a link's bytes and marks its JSON; -1 clears both.
    void showLink(int link, bool moveJsonCursor);
    void updateSummary();

    SchemaPtr m_schema;
    QStringList m_typeNames;
    JsonByteView m_view;
    std::shared_ptr<const WireLayout> m_layout;
    QComboBox *m_type = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_json = nullptr;
    HexView *m_hex = nullptr;
    QLabel *m_summary = nullptr;
    QTimer *m_editPause = nullptr;
};

} // namespace wirescope
