#include "model/wire/WireDump.h"

#include "model/wire/WireExplain.h"
#include "model/wire/WireFormat.h"
#include "model/wire/WireReadings.h"
#include "model/wire/WireText.h"

#include <google/protobuf/descriptor.h>

namespace wirescope::WireDump {

namespace {

using Role = WireSpan::Role;

constexpr int kHexBytes = 8;
constexpr int kRangeWidth = 14;
constexpr int kHexWidth = kHexBytes * 3 + 4;

QString fieldLabel(const WireSpan &span)
{
    QString label = QStringLiteral("#%1").arg(span.fieldNumber);
    if (!span.fieldName.isEmpty())
        label += QStringLiteral(" %1 (%2)").arg(span.fieldName, span.typeName);
    label += u' ' + WireFormat::wireTypeName(span.wireType);
    return label + QStringLiteral(": ") + span.value;
}

QString label(const WireSpan &span)
{
    switch (span.role) {
    case Role::Field:
        return fieldLabel(span);
    case Role::Tag:
        return QStringLiteral("tag: field %1, %2")
            .arg(span.fieldNumber)
            .arg(WireFormat::wireTypeName(span.wireType));
    case Role::Length:
        return QStringLiteral("length: %1").arg(span.value);
    case Role::Value:
        return span.typeName.isEmpty() || span.wireType != 2
            ? QStringLiteral("value: %1").arg(span.value)
            : QStringLiteral("value: %1 %2").arg(span.typeName, span.value);
    case Role::Element:
        return QStringLiteral("element: %1").arg(span.value);
    case Role::EndGroup:
        return QStringLiteral("end group: field %1").arg(span.fieldNumber);
    case Role::GrpcFrame:
        return QStringLiteral("gRPC frame");
    case Role::GrpcFlag:
        return QStringLiteral("compressed flag: %1").arg(span.value);
    case Role::GrpcLength:
        return QStringLiteral("message length: %1").arg(span.value);
    case Role::Unparsed:
        return QStringLiteral("unparsed: %1").arg(span.value);
    case Role::PastLimit:
        return QStringLiteral("past the limit: %1").arg(span.value);
    }
    return {};
}

constexpr qsizetype kChunkChars = 32 * 1024;

// Writes the dump into a string that a streaming caller empties every chunk; lines are
// indented by nesting.
class Writer {
public:
    using Flush = std::function<void(const QString &text)>;

    Writer(const WireTree &tree, const WireDumpOptions &options, Flush flush = {})
        : m_tree(tree)
        , m_options(options)
        , m_flush(std::move(flush))
    {
    }

    void line(int indent, const QString &text)
    {
        m_out += QString(indent * 2, u' ') + text + u'\n';
        if (m_flush && m_out.size() >= kChunkChars)
            flush();
    }
    void flush()
    {
        if (m_flush && !m_out.isEmpty())
            m_flush(std::exchange(m_out, {}));
    }
    void note(int indent, const QString &text)
    {
        if (m_options.explain && !text.isEmpty())
            line(indent, QStringLiteral("%1= %2").arg(QString(kRangeWidth + kHexWidth, u' '), text));
    }

    void spans(const QList<WireSpan> &spans, int indent)
    {
        for (const WireSpan &span : spans)
            this->span(span, indent);
    }

    void span(const WireSpan &span, int indent)
    {
        const QString range = span.length == 0 ? QStringLiteral("%1 (empty)").arg(span.offset)
            : span.length == 1                 ? QString::number(span.offset)
                                               : QStringLiteral("%1-%2").arg(span.offset).arg(span.end() - 1);
        QString hex = QString::fromLatin1(
            QByteArray(m_tree.bytes.constData() + span.offset, qMin<qint64>(span.length, kHexBytes))
                .toHex(' '));
        if (span.length > kHexBytes)
            hex += QStringLiteral(" ..");
        line(indent, range.leftJustified(kRangeWidth) + hex.leftJustified(kHexWidth) + label(span));
        note(indent, WireExplain::explain(m_tree, span));
        spans(span.children, indent + 1);
        for (qsizetype i = 0; i < span.readings.size(); ++i)
            reading(span.readings.at(i), int(i), int(span.readings.size()), indent + 1);
    }

    void reading(const WireReading &reading, int index, int count, int indent)
    {
        line(indent,
            QStringLiteral("reading %1 of %2, %3: %4")
                .arg(index + 1)
                .arg(count)
                .arg(WireReadings::kindName(reading.kind), reading.value));
        line(indent + 1, QStringLiteral("evidence: %1").arg(reading.evidence));
        spans(reading.children, indent + 1);
    }

    QString take() { return std::move(m_out); }

    void header()
    {
        line(0,
            m_tree.typeName.isEmpty()
                ? QStringLiteral("%1, no schema: decoded by wire type alone")
                      .arg(WireText::bytes(m_tree.bytes.size()))
                : QStringLiteral("%1 as %2").arg(WireText::bytes(m_tree.bytes.size()), m_tree.typeName));
    }

    // What is known only at the end: absent fields, the lints, how decoding ended.
    void footer()
    {
        note(0, WireExplain::absentFields(m_tree.absentFields));
        line(0, m_tree.lints.isEmpty() ? QStringLiteral("lints: none") : QStringLiteral("lints:"));
        for (const WireLint &lint : m_tree.lints)
            line(1, lintLine(lint));
        if (m_tree.limitOffset >= 0)
            line(0,
                QStringLiteral(
                    "annotation stopped at byte %1: the limit of %2 fields%3 is reached; the bytes "
                    "past it are shown as they are, neither decoded nor checked")
                    .arg(m_tree.limitOffset)
                    .arg(m_tree.fieldLimit)
                    .arg(m_flush ? QStringLiteral(" per top-level field") : QString()));
        line(0,
            m_tree.hasHardError()
                ? QStringLiteral("decoding stopped at byte %1: %2").arg(m_tree.errorOffset).arg(m_tree.error)
                : QStringLiteral("decoded all %1").arg(WireText::bytes(m_tree.bytes.size())));
    }

private:
    const WireTree &m_tree;
    const WireDumpOptions &m_options;
    Flush m_flush;
    QString m_out;
};

} // namespace

QString lintKindName(WireLint::Kind kind)
{
    using K = WireLint::Kind;
    switch (kind) {
    case K::InvalidWireType:
        return QStringLiteral("invalid-wire-type");
    case K::FieldNumberZero:
        return QStringLiteral("field-number-zero");
    case K::FieldNumberTooLarge:
        return QStringLiteral("field-number-too-large");
    case K::VarintTooLong:
        return QStringLiteral("varint-too-long");
    case K::Truncated:
        return QStringLiteral("truncated");
    case K::InvalidUtf8:
        return QStringLiteral("invalid-utf8");
    case K::GroupMismatch:
        return QStringLiteral("group-mismatch");
    case K::DepthLimit:
        return QStringLiteral("depth-limit");
    case K::WireTypeMismatch:
        return QStringLiteral("wire-type-mismatch");
    case K::UnknownField:
        return QStringLiteral("unknown-field");
    case K::OverlongVarint:
        return QStringLiteral("overlong-varint");
    case K::ValueOutOfRange:
        return QStringLiteral("value-out-of-range");
    case K::UnknownEnumValue:
        return QStringLiteral("unknown-enum-value");
    case K::RepeatedScalar:
        return QStringLiteral("repeated-scalar");
    case K::MergedMessage:
        return QStringLiteral("merged-message");
    case K::OneofOverride:
        return QStringLiteral("oneof-override");
    case K::DefaultEncoded:
        return QStringLiteral("default-encoded");
    case K::GrpcFrame:
        return QStringLiteral("grpc-frame");
    }
    return {};
}

QString lintLine(const WireLint &lint)
{
    const QString severity = lint.severity == WireLint::Severity::Error ? QStringLiteral("error")
        : lint.severity == WireLint::Severity::Warning                  ? QStringLiteral("warning")
                                                                        : QStringLiteral("note");
    return QStringLiteral("%1 at byte %2 [%3]: %4")
        .arg(severity)
        .arg(lint.offset)
        .arg(lintKindName(lint.kind), lint.message);
}

QString dumpText(const WireTree &tree, const WireDumpOptions &options)
{
    Writer writer(tree, options);
    writer.header();
    writer.spans(tree.spans, 0);
    writer.footer();
    return writer.take();
}

WireTree streamText(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &annotate, const std::function<void(const QByteArray &utf8)> &write,
    const WireDumpOptions &options)
{
    // The writer reads the tree the annotator fills in as it goes: bytes and type from the
    // start, the hard error once it happens, the rest when annotation returns.
    WireTree partial;
    partial.bytes = bytes;
    partial.fieldLimit = annotate.maxFields;
    if (type)
        partial.typeName = QString::fromStdString(type->full_name());
    const auto flush = [&write](const QString &text) { write(text.toUtf8()); };
    Writer writer(partial, options, flush);
    writer.header();
    WireTree tree = WireAnnotator::annotateStreaming(
        bytes, type, annotate, [&](const WireTree &sofar, WireSpan &&span) {
            partial.errorOffset = sofar.errorOffset;
            partial.error = sofar.error;
            writer.span(span, 0);
        });
    partial = tree;
    writer.footer();
    writer.flush();
    return tree;
}

} // namespace wirescope::WireDump
