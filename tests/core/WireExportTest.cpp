#include "model/lab/WireExport.h"
#include "model/wire/WireAnnotator.h"
#include "model/wire/WireExplain.h"
#include "model/wire/WirePalette.h"
#include "support/TestSupport.h"

#include <QTest>
#include <QXmlStreamReader>

using namespace wirescope;

namespace {

using Role = WireSpan::Role;

const QString Everything = QStringLiteral("wirescope.demo.v1.Everything");

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

// f_int32 (field 3) = 150, then f_string (field 14) = <b>&"x", which must never reach the
// markup unescaped.
const char *const kSample = "18 9601 72 07 3c 62 3e 26 22 78 22";

// What a reader of the SVG sees: the text lines, the fill of each byte's rectangle, the
// document's size; or the parser's error.
struct SvgContent {
    QString error;
    QStringList texts;
    QStringList byteFills;
    int width = 0;
    int height = 0;
};

SvgContent parseSvg(const QString &svg)
{
    SvgContent content;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QXmlStreamAttributes attributes = xml.attributes();
        if (xml.name() == u"svg") {
            content.width = attributes.value(QLatin1String("width")).toInt();
            content.height = attributes.value(QLatin1String("height")).toInt();
        } else if (xml.name() == u"rect" && attributes.value(QLatin1String("class")) == u"byte") {
            content.byteFills.append(attributes.value(QLatin1String("fill")).toString());
        } else if (xml.name() == u"text") {
            content.texts.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        content.error = QStringLiteral("line %1, column %2: %3")
                            .arg(QString::number(xml.lineNumber()), QString::number(xml.columnNumber()),
                                xml.errorString());
    return content;
}

const WireSpan &valueOf(const WireSpan &field)
{
    for (const WireSpan &child : field.children)
        if (child.role == Role::Value)
            return child;
    return field;
}

QString color(Role role, int fieldNumber, bool dark = false)
{
    return WirePalette::cssColor(WirePalette::rgb(role, fieldNumber, 0, dark));
}

} // namespace

// The annotated dump as standalone HTML and SVG: every byte on its inspector colour, the
// field tree with its arithmetic, the lints, and text that cannot break the markup.
class WireExportTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void htmlShowsBytesFieldsAndArithmetic();
    void htmlEscapesValuesAndTitle();
    void svgIsWellFormedWithARectPerByte();
    void darkPalette();
    void hardErrorStillExports();
    void pastTheFieldLimitStillExports();
    void maxBytesCutsWithANote();
    void emptyInput();

private:
    WireTree annotate(const QByteArray &bytes, const QString &type, WireAnnotateOptions options = {}) const;

    SchemaPtr m_schema;
};

void WireExportTest::initTestCase()
{
    m_schema = test::demoSchema();
    QVERIFY(m_schema->findMessage(Everything));
}

WireTree WireExportTest::annotate(
    const QByteArray &bytes, const QString &type, WireAnnotateOptions options) const
{
    return WireAnnotator::annotate(bytes, type.isEmpty() ? nullptr : m_schema->findMessage(type), options);
}

void WireExportTest::htmlShowsBytesFieldsAndArithmetic()
{
    const WireTree tree = annotate(hex(kSample), Everything);
    QCOMPARE(tree.spans.size(), 2);
    const QString html = WireExport::html(tree);
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">")));
    QVERIFY(html.endsWith(QStringLiteral("</html>\n")));
    QVERIFY(html.contains(QStringLiteral("<title>wirescope.demo.v1.Everything</title>")));
    QVERIFY(html.contains(QStringLiteral("<style>")));
    QVERIFY(html.contains(QStringLiteral("f_int32")));
    QVERIFY(html.contains(QStringLiteral("f_string")));
    for (const char byte : tree.bytes) {
        const QString cell = QStringLiteral(">%1</span>").arg(quint8(byte), 2, 16, QLatin1Char('0'));
        QVERIFY2(html.contains(cell), qPrintable(cell));
    }
    // Byte 0 is field 3's tag: the tag colour, and what it is as its tooltip.
    QVERIFY2(
        html.contains(QStringLiteral("<tr><th>0000</th><td class=\"bytes\"><span style=\"background:%1\" "
                                     "title=\"#3 f_int32 (int32): tag\">18</span>")
                          .arg(color(Role::Tag, 3))),
        qPrintable(html));
    // The string's bytes have field 14's value colour.
    QVERIFY(html.contains(
        QStringLiteral("<span style=\"background:%1\" title=\"#14 f_string (string): value\">3c</span>")
            .arg(color(Role::Value, 14))));
    // The tree: number, name, wire type, type, value, range, and the varint arithmetic.
    QVERIFY(html.contains(QStringLiteral("<strong>#3 f_int32</strong> <span class=\"wt\">VARINT</span> "
                                         "<span class=\"ty\">int32</span> <span class=\"val\">150</span> "
                                         "<span class=\"rng\">bytes 0-2</span>")));
    QVERIFY(html.contains(QStringLiteral("22 + (1 &lt;&lt; 7) = 150")));
    QVERIFY(html.contains(QStringLiteral("(field_number &lt;&lt; 3) | wire_type")));
    QVERIFY(html.contains(QStringLiteral("<h2>Lints</h2>\n<p>None.</p>")));
    QVERIFY(html.contains(QStringLiteral("Decoded all 12 bytes.")));
    QVERIFY(html.contains(QStringLiteral("Not in the bytes: f_double")));
}

void WireExportTest::htmlEscapesValuesAndTitle()
{
    const WireTree tree = annotate(hex(kSample), Everything);
    QCOMPARE(tree.spans.at(1).value, QStringLiteral("\"<b>&\\\"x\\\"\""));
    WireExport::Options options;
    options.title = QStringLiteral("Tom & \"Jerry\" <3");
    const QString html = WireExport::html(tree, options);
    QVERIFY(html.contains(
        QStringLiteral("<span class=\"val\">&quot;&lt;b&gt;&amp;\\&quot;x\\&quot;&quot;</span>")));
    QVERIFY(!html.contains(QStringLiteral("<b>")));
    QVERIFY(!html.contains(QStringLiteral("&\\\"x")));
    QVERIFY(html.contains(QStringLiteral("<title>Tom &amp; &quot;Jerry&quot; &lt;3</title>")));
    QVERIFY(html.contains(QStringLiteral("<h1>Tom &amp; &quot;Jerry&quot; &lt;3</h1>")));
    // The ASCII column escapes too: 3c 62 3e 26 22 78 22 is <b>&"x".
    QVERIFY(html.contains(QStringLiteral("<td class=\"ascii\">...r.&lt;b&gt;&amp;&quot;x&quot;</td>")));

    // Control characters and lone surrogates cannot be written in XML: they are replaced.
    WireTree odd = tree;
    odd.spans[1].value = QStringLiteral("a") + QChar(0x01) + QChar(0xd800) + QStringLiteral("b");
    const QString svg = WireExport::svg(odd);
    const SvgContent content = parseSvg(svg);
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QVERIFY(WireExport::html(odd).contains(QStringLiteral("a\uFFFD\uFFFDb")));
}

void WireExportTest::svgIsWellFormedWithARectPerByte()
{
    const WireTree tree = annotate(hex(kSample), Everything);
    const QString svg = WireExport::svg(tree);
    QVERIFY(svg.startsWith(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ")));
    const SvgContent content = parseSvg(svg);
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.size(), tree.bytes.size());
    QCOMPARE(content.byteFills.at(0), color(Role::Tag, 3));
    QCOMPARE(content.byteFills.at(1), color(Role::Value, 3));
    QCOMPARE(content.byteFills.at(4), color(Role::Length, 14));
    QCOMPARE(content.byteFills.at(5), color(Role::Value, 14));
    QCOMPARE(content.width, 960);
    QVERIFY(content.height > 200);
    // Lines are wrapped at spaces: joined again they hold each explanation whole.
    const QString text = content.texts.join(u' ');
    const QString arithmetic = WireExplain::explain(tree, valueOf(tree.spans.at(0)));
    QVERIFY(arithmetic.contains(QStringLiteral("22 + (1 << 7) = 150")));
    QVERIFY2(text.contains(arithmetic), qPrintable(text));
    QVERIFY(text.contains(WireExplain::explain(tree, tree.spans.at(1).children.at(0))));
    // Escaped in the file, the value reads back exactly.
    QVERIFY(text.contains(tree.spans.at(1).value));
    QVERIFY(!svg.contains(QStringLiteral("<b>")));
    QVERIFY(text.contains(QStringLiteral("#3 f_int32  VARINT  int32  150  bytes 0-2")));
    QVERIFY(content.texts.contains(QStringLiteral("0000")));
    QVERIFY(content.texts.contains(QStringLiteral("96")));
}

void WireExportTest::darkPalette()
{
    const WireTree tree = annotate(hex(kSample), Everything);
    WireExport::Options options;
    options.dark = true;
    const QString html = WireExport::html(tree, options);
    QVERIFY(html.contains(
        QStringLiteral("background:%1\" title=\"#3 f_int32 (int32): tag\"").arg(color(Role::Tag, 3, true))));
    QVERIFY(html.contains(QStringLiteral("background: #1e1e1e")));
    QVERIFY(color(Role::Tag, 3, true) != color(Role::Tag, 3));
    const SvgContent content = parseSvg(WireExport::svg(tree, options));
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.at(0), color(Role::Tag, 3, true));
}

void WireExportTest::hardErrorStillExports()
{
    // f_int32 = 1, then f_string says 7 bytes where only 1 is left.
    const WireTree tree = annotate(hex("1801 7207 3c"), Everything);
    QVERIFY(tree.hasHardError());
    const QString stopped = QStringLiteral("Decoding stopped at byte %1: ").arg(tree.errorOffset);
    const QString html = WireExport::html(tree);
    QVERIFY2(html.contains(stopped), qPrintable(html));
    QVERIFY(html.contains(
        QStringLiteral("<li class=\"error\">error at byte %1 [truncated]").arg(tree.errorOffset)));
    QVERIFY(html.contains(QStringLiteral("title=\"not decoded\">3c</span>")));
    const SvgContent content = parseSvg(WireExport::svg(tree));
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.size(), 5);
    QCOMPARE(content.byteFills.at(4), color(Role::Unparsed, 0));
    QVERIFY(content.texts.join(u' ').contains(stopped + tree.error));
}

void WireExportTest::pastTheFieldLimitStillExports()
{
    WireAnnotateOptions limited;
    limited.maxFields = 2;
    const WireTree tree = annotate(hex("0801 0801 0801 0801"), QString(), limited);
    QCOMPARE(tree.limitOffset, 4);
    const QString html = WireExport::html(tree);
    QVERIFY(html.contains(QStringLiteral("Annotation stopped at byte 4: the limit of 2 fields is reached")));
    QVERIFY(html.contains(QStringLiteral("title=\"not annotated (past the field limit)\">08</span>")));
    QVERIFY(html.contains(QStringLiteral("<span class=\"rng\">bytes 4-7</span>")));
    const SvgContent content = parseSvg(WireExport::svg(tree));
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.size(), 8);
    QCOMPARE(content.byteFills.at(7), color(Role::PastLimit, 0));
}

void WireExportTest::maxBytesCutsWithANote()
{
    QByteArray bytes;
    for (int i = 0; i < 20; ++i)
        bytes += hex("0801");
    const WireTree tree = annotate(bytes, QString());
    WireExport::Options options;
    options.maxBytes = 16;
    const QString html = WireExport::html(tree, options);
    QVERIFY(html.contains(QStringLiteral("Cut: only the first 16 bytes of the 40 bytes are shown here")));
    QCOMPARE(html.count(QStringLiteral("\" title=\"")), 16);
    QVERIFY(html.contains(QStringLiteral("bytes 14-15")));
    QVERIFY(!html.contains(QStringLiteral("bytes 16-17")));
    QVERIFY(html.contains(QStringLiteral("Decoded all 40 bytes.")));
    const SvgContent content = parseSvg(WireExport::svg(tree, options));
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.size(), 16);
    QVERIFY(content.texts.join(u' ').contains(QStringLiteral("Cut: only the first 16 bytes")));
    // Without the cut every byte is there.
    QCOMPARE(WireExport::html(tree).count(QStringLiteral("\" title=\"")), 40);
}

void WireExportTest::emptyInput()
{
    const WireTree tree = annotate(QByteArray(), QString());
    const QString html = WireExport::html(tree);
    QVERIFY(html.contains(QStringLiteral("<title>Protobuf bytes</title>")));
    QVERIFY(html.contains(QStringLiteral("0 bytes, no schema")));
    const SvgContent content = parseSvg(WireExport::svg(tree));
    QVERIFY2(content.error.isEmpty(), qPrintable(content.error));
    QCOMPARE(content.byteFills.size(), 0);
}

QTEST_GUILESS_MAIN(WireExportTest)
#include "WireExportTest.moc"
