#include "model/lab/WireExport.h"

#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"
#include "model/wire/WireExplain.h"
#include "model/wire/WireFormat.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WirePalette.h"
#include "model/wire/WireReadings.h"
#include "model/wire/WireText.h"

namespace wirescope::WireExport {

namespace {

using Role = WireSpan::Role;

constexpr int kBytesPerRow = 16;
constexpr int kGroupSize = 8; // a wider gap after the 8th byte, as hexdump leaves

// One line of the field tree: a span, or one reading of an ambiguous value, with the parts
// both documents show and the arithmetic behind it.
struct Item {
    QString head; // "#1 count", "tag", "reading 1 of 2, string"
    QString wireType; // fields: "VARINT"
    QString type; // "int32", "pkg.Message"
    QString value;
    QString range; // "bytes 0-2"
    QString explanation;
    quint32 swatch = 0; // the colour its bytes have; 0: none
    QList<Item> children;
};

// How one byte is drawn: its span's colour, and what it is as a tooltip.
struct Cell {
    quint32 colour = 0;
    QString title;
};

// Everything the two formats show, worked out once: they differ only in markup.
struct Document {
    QString title;
    bool dark = false;
    qint64 total = 0; // bytes in the input
    QByteArray bytes; // the bytes shown: the input up to maxBytes
    QList<Cell> cells; // one per shown byte
    QStringList notes; // the summary and what was cut or left unannotated
    QList<Item> items; // the spans that start in the shown bytes
    QList<WireLint> lints; // those in the shown bytes
    qsizetype hiddenLints = 0;
    QString status; // how decoding ended
};

// Text as markup: the five special characters escaped, and what XML 1.0 cannot hold at all
// (control characters, lone surrogates, U+FFFE/U+FFFF) replaced, so a hostile string value
// cannot break either document.
QString escaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            out += c;
            out += text[++i];
            continue;
        }
        switch (c.unicode()) {
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        case u'<':
            out += QStringLiteral("&lt;");
            break;
        case u'>':
            out += QStringLiteral("&gt;");
            break;
        case u'"':
            out += QStringLiteral("&quot;");
            break;
        case u'\'':
            out += QStringLiteral("&#39;");
            break;
        default: {
            const bool control = c.unicode() < 0x20 && c != u'\t' && c != u'\n' && c != u'\r';
            out += control || c.isSurrogate() || c.unicode() >= 0xfffe ? QChar(QChar::ReplacementCharacter)
                                                                       : c;
        }
        }
    }
    return out;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Tag:
        return QStringLiteral("tag");
    case Role::Length:
        return QStringLiteral("length prefix");
    case Role::Element:
        return QStringLiteral("packed element");
    case Role::EndGroup:
        return QStringLiteral("end-group tag");
    case Role::GrpcFlag:
        return QStringLiteral("gRPC compressed flag");
    case Role::GrpcLength:
        return QStringLiteral("gRPC message length");
    case Role::Unparsed:
        return QStringLiteral("not decoded");
    case Role::PastLimit:
        return QStringLiteral("not annotated (past the field limit)");
    default:
        return QStringLiteral("value");
    }
}

QString fieldLabel(const WireSpan &field)
{
    if (field.fieldName.isEmpty())
        return QStringLiteral("field %1").arg(field.fieldNumber);
    return QStringLiteral("#%1 %2 (%3)")
        .arg(QString::number(field.fieldNumber), field.fieldName, field.typeName);
}

QString rangeText(const WireSpan &span)
{
    if (span.length == 0)
        return QStringLiteral("at byte %1 (empty)").arg(span.offset);
    if (span.length == 1)
        return QStringLiteral("byte %1").arg(span.offset);
    return QStringLiteral("bytes %1-%2").arg(span.offset).arg(span.end() - 1);
}

// The tooltip of a run's bytes: the innermost field around them and their part of it.
QString runTitle(const WireTree &tree, const WireLayout::Run &run)
{
    const QList<const WireSpan *> chain = WireAnnotator::spanChainAt(tree, run.offset);
    for (auto it = chain.crbegin(); it != chain.crend(); ++it) {
        if ((*it)->role == Role::Field)
            return QStringLiteral("%1: %2").arg(fieldLabel(**it), roleName(run.role));
    }
    return roleName(run.role);
}

QList<Cell> cellsOf(const WireTree &tree, qint64 shown, bool dark)
{
    QList<Cell> cells(shown, Cell {WirePalette::rgb(Role::Value, 0, 0, dark), roleName(Role::Value)});
    // The runs are the hex view's, so each byte has the colour the inspector gives it.
    const std::shared_ptr<const WireLayout> layout = WireLayout::build(tree);
    for (const WireLayout::Run &run : layout->runs()) {
        if (run.offset >= shown)
            break;
        const Cell cell {WirePalette::rgb(run.role, run.fieldNumber, run.index, dark), runTitle(tree, run)};
        for (qint64 at = run.offset; at < qMin(run.offset + run.length, shown); ++at)
            cells[at] = cell;
    }
    return cells;
}

// The field tree of the spans that start in the shown bytes, with the colour of each.
class ItemBuilder {
public:
    ItemBuilder(const WireTree &tree, qint64 shown, bool dark)
        : m_tree(tree)
        , m_shown(shown)
        , m_dark(dark)
    {
    }

    QList<Item> items(const QList<WireSpan> &spans, int fieldNumber) const
    {
        QList<Item> out;
        int index = 0;
        for (const WireSpan &span : spans) {
            // A zero-length value at the very end of the input is still part of it.
            const bool shown
                = span.offset < m_shown || (span.offset == m_shown && m_shown == m_tree.bytes.size());
            if (shown)
                out.append(item(span, fieldNumber, index));
            ++index;
        }
        return out;
    }

private:
    Item item(const WireSpan &span, int fieldNumber, int index) const
    {
        const int field = span.role == Role::Field ? span.fieldNumber : fieldNumber;
        Item item;
        describe(span, &item);
        item.range = rangeText(span);
        item.explanation = WireExplain::explain(m_tree, span);
        item.swatch = span.role == Role::Field ? WirePalette::rgb(Role::Tag, field, 0, m_dark)
                                               : WirePalette::rgb(span.role, field, index, m_dark);
        item.children = items(span.children, field);
        const qsizetype count = span.readings.size();
        for (qsizetype i = 0; i < count; ++i) {
            const WireReading &reading = span.readings.at(i);
            Item child;
            child.head = QStringLiteral("reading %1 of %2, %3")
                             .arg(QString::number(i + 1), QString::number(count),
                                 WireReadings::kindName(reading.kind));
            child.value = reading.value;
            child.explanation = QStringLiteral("evidence: %1").arg(reading.evidence);
            child.children = items(reading.children, field);
            item.children.append(child);
        }
        return item;
    }

    static void describe(const WireSpan &span, Item *item)
    {
        item->value = span.value;
        switch (span.role) {
        case Role::Field:
            item->head = span.fieldName.isEmpty()
                ? QStringLiteral("#%1").arg(span.fieldNumber)
                : QStringLiteral("#%1 %2").arg(QString::number(span.fieldNumber), span.fieldName);
            item->wireType = WireFormat::wireTypeName(span.wireType);
            // Without a schema the type name is the wire type again.
            if (!span.fieldName.isEmpty())
                item->type = span.typeName;
            return;
        case Role::Tag:
            item->head = QStringLiteral("tag");
            item->value
                = QStringLiteral("field %1, %2")
                      .arg(QString::number(span.fieldNumber), WireFormat::wireTypeName(span.wireType));
            return;
        case Role::EndGroup:
            item->head = QStringLiteral("end group");
            item->value = QStringLiteral("field %1").arg(span.fieldNumber);
            return;
        case Role::Length:
            item->head = QStringLiteral("length");
            return;
        case Role::Value:
            item->head = QStringLiteral("value");
            if (span.wireType == 2)
                item->type = span.typeName;
            return;
        case Role::GrpcFrame:
            item->head = QStringLiteral("gRPC frame");
            return;
        case Role::GrpcFlag:
            item->head = QStringLiteral("compressed flag");
            return;
        case Role::GrpcLength:
            item->head = QStringLiteral("message length");
            return;
        default:
            item->head = roleName(span.role);
            return;
        }
    }

    const WireTree &m_tree;
    qint64 m_shown;
    bool m_dark;
};

QStringList notesOf(const WireTree &tree, qint64 shown)
{
    const qint64 total = tree.bytes.size();
    QStringList notes;
    notes.append(tree.typeName.isEmpty()
            ? QStringLiteral("%1, no schema: decoded by wire type alone.").arg(WireText::bytes(total))
            : QStringLiteral("%1 as %2.").arg(WireText::bytes(total), tree.typeName));
    if (shown < total)
        notes.append(QStringLiteral("Cut: only the first %1 of the %2 are shown here, with the fields "
                                    "that start in them.")
                         .arg(WireText::bytes(shown), WireText::bytes(total)));
    if (tree.limitOffset >= 0)
        notes.append(
            QStringLiteral("Annotation stopped at byte %1: the limit of %2 fields is reached; the bytes "
                           "past it are shown as they are, neither decoded nor checked.")
                .arg(tree.limitOffset)
                .arg(tree.fieldLimit));
    if (!tree.absentFields.isEmpty())
        notes.append(WireExplain::absentFields(tree.absentFields) + u'.');
    return notes;
}

Document prepare(const WireTree &tree, const Options &options)
{
    Document doc;
    doc.dark = options.dark;
    doc.title = !options.title.isEmpty() ? options.title
        : !tree.typeName.isEmpty()       ? tree.typeName
                                         : QStringLiteral("Protobuf bytes");
    doc.total = tree.bytes.size();
    const qint64 shown = options.maxBytes > 0 ? qMin(doc.total, options.maxBytes) : doc.total;
    doc.bytes = tree.bytes.left(shown);
    doc.cells = cellsOf(tree, shown, options.dark);
    doc.notes = notesOf(tree, shown);
    doc.items = ItemBuilder(tree, shown, options.dark).items(tree.spans, 0);
    for (const WireLint &lint : tree.lints) {
        if (lint.offset < shown || shown == doc.total)
            doc.lints.append(lint);
        else
            ++doc.hiddenLints;
    }
    doc.status = tree.hasHardError()
        ? QStringLiteral("Decoding stopped at byte %1: %2").arg(QString::number(tree.errorOffset), tree.error)
        : QStringLiteral("Decoded all %1.").arg(WireText::bytes(doc.total));
    return doc;
}

// The colours around the bytes, for the light and the dark palette.
struct Ink {
    QString text;
    QString background;
    QString muted;
    QString error;
    QString warning;
};

Ink inkFor(bool dark)
{
    if (dark)
        return {QStringLiteral("#e0e0e0"), QStringLiteral("#1e1e1e"), QStringLiteral("#a0a0a0"),
            QStringLiteral("#ef9a9a"), QStringLiteral("#ffcc80")};
    return {QStringLiteral("#1a1a1a"), QStringLiteral("#ffffff"), QStringLiteral("#666666"),
        QStringLiteral("#c62828"), QStringLiteral("#9a5b00")};
}

QString severityName(WireLint::Severity severity)
{
    switch (severity) {
    case WireLint::Severity::Error:
        return QStringLiteral("error");
    case WireLint::Severity::Warning:
        return QStringLiteral("warning");
    default:
        return QStringLiteral("note");
    }
}

int offsetDigits(qint64 size)
{
    int digits = 1;
    for (qint64 value = qMax<qint64>(0, size - 1); value >= 16; value >>= 4)
        ++digits;
    return qMax(4, digits);
}

QString offsetText(qint64 offset, int digits)
{
    return QStringLiteral("%1").arg(offset, digits, 16, QLatin1Char('0'));
}

QChar asciiOf(char byte)
{
    return byte >= 0x20 && byte < 0x7f ? QChar::fromLatin1(byte) : QChar(u'.');
}

QString lintText(const Document &doc)
{
    return doc.hiddenLints == 0
        ? QString()
        : QStringLiteral("%1 more past the cut.")
              .arg(doc.hiddenLints == 1 ? QStringLiteral("1 lint")
                                        : QStringLiteral("%1 lints").arg(doc.hiddenLints));
}

// ---- HTML ----

QString htmlStyle(const Ink &ink)
{
    return QStringLiteral(
        "body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: %1; background: %2; }\n"
        "h1 { font-size: 20px; margin: 0 0 8px; }\n"
        "h2 { font-size: 16px; margin: 20px 0 8px; }\n"
        "p { margin: 4px 0; }\n"
        "table.hex { border-collapse: collapse; font: 13px/1.7 monospace; }\n"
        "table.hex th { font-weight: normal; color: %3; padding-right: 12px; text-align: left; }\n"
        "table.hex td.bytes span { padding: 1px 3px; }\n"
        "table.hex td.bytes span.gap { margin-left: 8px; }\n"
        "table.hex td.ascii { padding-left: 16px; color: %3; white-space: pre; }\n"
        "ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 20px; }\n"
        "ul.tree { padding-left: 0; }\n"
        ".line { font-family: monospace; }\n"
        ".sw { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border: 1px solid %3; }\n"
        ".wt, .ty, .rng { color: %3; }\n"
        ".why { font-size: 12px; color: %3; margin: 0 0 4px 16px; }\n"
        ".error { color: %4; }\n"
        ".warning { color: %5; }\n"
        ".note { color: %3; }\n"
        "@media print { body { margin: 0; } }\n")
        .arg(ink.text, ink.background, ink.muted, ink.error, ink.warning);
}

void htmlHexRow(QString &out, const Document &doc, qint64 start, int digits)
{
    const qint64 end = qMin<qint64>(start + kBytesPerRow, doc.bytes.size());
    out += QStringLiteral("<tr><th>%1</th><td class=\"bytes\">").arg(offsetText(start, digits));
    QString ascii;
    for (qint64 at = start; at < end; ++at) {
        const Cell &cell = doc.cells.at(at);
        out += QStringLiteral("<span%1 style=\"background:%2\" title=\"%3\">%4</span>")
                   .arg(at - start == kGroupSize ? QStringLiteral(" class=\"gap\"") : QString(),
                       WirePalette::cssColor(cell.colour), escaped(cell.title),
                       QStringLiteral("%1").arg(quint8(doc.bytes.at(at)), 2, 16, QLatin1Char('0')));
        ascii += asciiOf(doc.bytes.at(at));
    }
    out += QStringLiteral("</td><td class=\"ascii\">%1</td></tr>\n").arg(escaped(ascii));
}

void htmlItems(QString &out, const QList<Item> &items, bool top)
{
    out += top ? QStringLiteral("<ul class=\"tree\">\n") : QStringLiteral("<ul>\n");
    for (const Item &item : items) {
        out += QStringLiteral("<li><div class=\"line\">");
        if (item.swatch != 0)
            out += QStringLiteral("<span class=\"sw\" style=\"background:%1\"></span>")
                       .arg(WirePalette::cssColor(item.swatch));
        out += QStringLiteral("<strong>%1</strong>").arg(escaped(item.head));
        const auto part = [&out](const char *cssClass, const QString &text) {
            if (!text.isEmpty())
                out += QStringLiteral(" <span class=\"%1\">%2</span>")
                           .arg(QLatin1String(cssClass), escaped(text));
        };
        part("wt", item.wireType);
        part("ty", item.type);
        part("val", item.value);
        part("rng", item.range);
        out += QStringLiteral("</div>\n");
        if (!item.explanation.isEmpty())
            out += QStringLiteral("<div class=\"why\">%1</div>\n").arg(escaped(item.explanation));
        if (!item.children.isEmpty())
            htmlItems(out, item.children, false);
        out += QStringLiteral("</li>\n");
    }
    out += QStringLiteral("</ul>\n");
}

void htmlLints(QString &out, const Document &doc)
{
    out += QStringLiteral("<h2>Lints</h2>\n");
    if (doc.lints.isEmpty() && doc.hiddenLints == 0)
        out += QStringLiteral("<p>None.</p>\n");
    if (!doc.lints.isEmpty()) {
        out += QStringLiteral("<ul class=\"lints\">\n");
        for (const WireLint &lint : doc.lints)
            out += QStringLiteral("<li class=\"%1\">%2</li>\n")
                       .arg(severityName(lint.severity), escaped(WireDump::lintLine(lint)));
        out += QStringLiteral("</ul>\n");
    }
    if (doc.hiddenLints > 0)
        out += QStringLiteral("<p>%1</p>\n").arg(escaped(lintText(doc)));
}

// ---- SVG ----

constexpr int kSvgWidth = 960;
constexpr int kMargin = 16;
constexpr int kCellWidth = 24;
constexpr int kCellHeight = 20;
constexpr int kIndent = 16;
constexpr double kAdvancePerPixel = 0.61; // a monospace character is about 0.6 em wide

// Breaks text at spaces into lines of at most `columns` characters; a word longer than a
// line is split. Rejoining the lines with single spaces gives the text back.
QStringList wrapped(const QString &text, int columns)
{
    columns = qMax(columns, 16);
    QStringList lines;
    QString line;
    bool first = true;
    for (QString word : text.split(u' ')) {
        const bool tooLong = word.size() > columns;
        while (word.size() > columns) {
            if (!first)
                lines.append(std::exchange(line, {}));
            lines.append(word.left(columns));
            word.remove(0, columns);
            first = true;
        }
        if (tooLong && word.isEmpty())
            continue;
        if (!first && line.size() + 1 + word.size() > columns) {
            lines.append(std::exchange(line, {}));
            first = true;
        }
        line += first ? word : u' ' + word;
        first = false;
    }
    if (!first)
        lines.append(line);
    return lines;
}

class SvgWriter {
public:
    explicit SvgWriter(const Document &doc)
        : m_doc(doc)
        , m_ink(inkFor(doc.dark))
    {
    }

    QString document()
    {
        m_y = kMargin;
        paragraph(kMargin, 18, m_doc.title, QStringLiteral(" font-weight=\"bold\""));
        for (const QString &note : m_doc.notes)
            paragraph(kMargin, 12, note);
        m_y += 8;
        hex();
        heading(QStringLiteral("Fields"));
        items(m_doc.items, 0);
        heading(QStringLiteral("Lints"));
        lints();
        m_y += 6;
        paragraph(kMargin, 12, m_doc.status);
        const int height = int(m_y) + kMargin;
        return QStringLiteral(
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" "
                   "height=\"%2\" viewBox=\"0 0 %1 %2\" font-family=\"monospace\" font-size=\"12\" "
                   "xml:space=\"preserve\">\n"
                   "<title>%3</title>\n"
                   "<rect x=\"0\" y=\"0\" width=\"%1\" height=\"%2\" fill=\"%4\"/>\n")
                   .arg(QString::number(kSvgWidth), QString::number(height), escaped(m_doc.title),
                       m_ink.background)
            + m_body + QStringLiteral("</svg>\n");
    }

private:
    // One text line at the current position; `size` in pixels.
    void text(int x, int size, const QString &line, const QString &attributes = {})
    {
        const int lineHeight = size + size / 3 + 1;
        m_y += lineHeight;
        m_body
            += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"%3\" fill=\"%4\"%5>%6</text>\n")
                   .arg(QString::number(x), QString::number(int(m_y) - size / 3 - 1), QString::number(size),
                       m_fill.isEmpty() ? m_ink.text : m_fill, attributes, escaped(line));
    }

    void paragraph(int x, int size, const QString &line, const QString &attributes = {})
    {
        const int columns = int((kSvgWidth - kMargin - x) / (size * kAdvancePerPixel));
        for (const QString &part : wrapped(line, columns))
            text(x, size, part, attributes);
    }

    void heading(const QString &title)
    {
        m_y += 10;
        paragraph(kMargin, 14, title, QStringLiteral(" font-weight=\"bold\""));
        m_y += 4;
    }

    void hex()
    {
        const int digits = offsetDigits(m_doc.total);
        const int hexLeft = kMargin + digits * 8 + 12;
        const int asciiLeft = hexLeft + kBytesPerRow * kCellWidth + 8 + 16;
        for (qint64 start = 0; start < m_doc.bytes.size(); start += kBytesPerRow) {
            const int top = int(m_y);
            const int baseline = top + 14;
            m_body += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"%3\">%4</text>\n")
                          .arg(QString::number(kMargin), QString::number(baseline), m_ink.muted,
                              offsetText(start, digits));
            QString ascii;
            const qint64 end = qMin<qint64>(start + kBytesPerRow, m_doc.bytes.size());
            for (qint64 at = start; at < end; ++at) {
                const int column = int(at - start);
                const int x = hexLeft + column * kCellWidth + (column >= kGroupSize ? 8 : 0);
                byteCell(at, x, top, baseline);
                ascii += asciiOf(m_doc.bytes.at(at));
            }
            m_body += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"%3\">%4</text>\n")
                          .arg(QString::number(asciiLeft), QString::number(baseline), m_ink.muted,
                              escaped(ascii));
            m_y += kCellHeight;
        }
    }

    void byteCell(qint64 at, int x, int top, int baseline)
    {
        const Cell &cell = m_doc.cells.at(at);
        m_body
            += QStringLiteral("<rect class=\"byte\" x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\">"
                              "<title>byte %6: %7</title></rect>\n")
                   .arg(QString::number(x), QString::number(top), QString::number(kCellWidth - 1),
                       QString::number(kCellHeight - 1), WirePalette::cssColor(cell.colour),
                       QString::number(at), escaped(cell.title));
        m_body += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"%3\">%4</text>\n")
                      .arg(QString::number(x + kCellWidth / 2), QString::number(baseline), m_ink.text,
                          QStringLiteral("%1").arg(quint8(m_doc.bytes.at(at)), 2, 16, QLatin1Char('0')));
    }

    void items(const QList<Item> &items, int depth)
    {
        const int x = kMargin + 14 + depth * kIndent;
        for (const Item &item : items) {
            if (item.swatch != 0)
                m_body
                    += QStringLiteral("<rect class=\"swatch\" x=\"%1\" y=\"%2\" width=\"10\" height=\"10\" "
                                      "fill=\"%3\" stroke=\"%4\"/>\n")
                           .arg(QString::number(x - 14), QString::number(int(m_y) + 4),
                               WirePalette::cssColor(item.swatch), m_ink.muted);
            QStringList parts {item.head};
            for (const QString &part : {item.wireType, item.type, item.value, item.range})
                if (!part.isEmpty())
                    parts.append(part);
            paragraph(x, 12, parts.join(QStringLiteral("  ")));
            m_fill = m_ink.muted;
            if (!item.explanation.isEmpty())
                paragraph(x + 8, 11, item.explanation);
            m_fill.clear();
            this->items(item.children, depth + 1);
        }
    }

    void lints()
    {
        if (m_doc.lints.isEmpty() && m_doc.hiddenLints == 0)
            paragraph(kMargin, 12, QStringLiteral("None."));
        for (const WireLint &lint : m_doc.lints) {
            m_fill = lint.severity == WireLint::Severity::Error ? m_ink.error
                : lint.severity == WireLint::Severity::Warning  ? m_ink.warning
                                                                : m_ink.muted;
            paragraph(kMargin, 12, WireDump::lintLine(lint));
        }
        m_fill.clear();
        if (m_doc.hiddenLints > 0)
            paragraph(kMargin, 12, lintText(m_doc));
    }

    const Document &m_doc;
    Ink m_ink;
    QString m_body;
    QString m_fill; // the colour of the next text lines; empty: the text colour
    double m_y = 0;
};

} // namespace

QString html(const WireTree &tree, const Options &options)
{
    const Document doc = prepare(tree, options);
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                 "<meta name=\"generator\" content=\"Wirescope\">\n<title>%1</title>\n"
                                 "<style>\n%2</style>\n</head>\n<body>\n<h1>%1</h1>\n")
                      .arg(escaped(doc.title), htmlStyle(inkFor(doc.dark)));
    for (const QString &note : doc.notes)
        out += QStringLiteral("<p>%1</p>\n").arg(escaped(note));
    out += QStringLiteral("<h2>Bytes</h2>\n<table class=\"hex\">\n");
    const int digits = offsetDigits(doc.total);
    for (qint64 start = 0; start < doc.bytes.size(); start += kBytesPerRow)
        htmlHexRow(out, doc, start, digits);
    out += QStringLiteral("</table>\n<h2>Fields</h2>\n");
    if (doc.items.isEmpty())
        out += QStringLiteral("<p>None.</p>\n");
    else
        htmlItems(out, doc.items, true);
    htmlLints(out, doc);
    out += QStringLiteral("<p class=\"status\">%1</p>\n</body>\n</html>\n").arg(escaped(doc.status));
    return out;
}

QString svg(const WireTree &tree, const Options &options)
{
    return SvgWriter(prepare(tree, options)).document();
}

} // namespace wirescope::WireExport
