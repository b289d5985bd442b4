#pragma once

#include <QStringList>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QHBoxLayout;

namespace wirescope {

// The wire inspector's top row: which bytes to inspect, the message type to decode them as
// and the gRPC frame switch, then the buttons that bring bytes in (paste, open), take them
// out (copy the dump, export) and step through edits (undo, redo). It holds no bytes: it
// says what the user chose and shows what the inspector uses.
class WireSourceBar final : public QWidget {
    Q_OBJECT

public:
    // The undo and redo actions belong to the inspector; the bar gives them buttons.
    WireSourceBar(QAction *undo, QAction *redo, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(WireSourceBar)

    void setSource(int source); // a WireInspector::Source
    void setTypeNames(const QStringList &names);
    // The type in use; empty: without a schema.
    void showType(const QString &type);
    bool grpcFrame() const;
    void setGrpcFrame(bool on);

Q_SIGNALS:
    void sourceChosen(int source);
    void typeChosen(const QString &type); // empty: without a schema
    void grpcFrameToggled(bool on);
    void pasteClicked();
    void openClicked();
    void copyClicked();
    void exportClicked();

private:
    void addButtons(QHBoxLayout *layout, QAction *undo, QAction *redo);
    void onTypeEdited();

    QStringList m_typeNames;
    QString m_type;
    QComboBox *m_source;
    QComboBox *m_typeChooser;
    QCheckBox *m_grpcFrame;
};

} // namespace wirescope
