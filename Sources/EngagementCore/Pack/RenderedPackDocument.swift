import Foundation
import Rendering
import XMLSupport

/// One document rendered from a model, before it gets its revision number.
///
/// The revision number and the input fingerprint appear in the document but are known only
/// later (the number once the store is read); they are rendered as placeholders and
/// ``outputs(revision:formats:)`` fills them in. The content hash covers the fingerprint and
/// leaves out the number: a document whose inputs changed is a new revision even when no
/// visible sentence changed, so the files always are the revision the store names.
public struct RenderedPackDocument: Sendable {
    public var kind: DocumentKind
    /// The XHTML tree with placeholders.
    public var draft: XMLOutputElement
    /// The draft as an indented XHTML file, placeholders included.
    var draftXHTML: [UInt8]
    public var sections: [SectionTrace]
    /// Every input the document read, which the sections' traces number.
    public var reads: DocumentReads
    /// The hash of the template files this document was built from.
    public var templateHash: String
    /// The hash of the draft with its input fingerprint: equal for equal content, whatever
    /// the revision number.
    public var contentHash: String
    /// The hash of every model input the document read (path and value).
    public var inputHash: String

    /// Placeholders for the values known only once the revision store has been read.
    /// Profile text can hold neither private-use character (the model drops them), and
    /// every format writes them as they are, so they are replaced in the bytes.
    enum Placeholder {
        static let revision = "\u{E000}revision\u{E001}"
        static let inputHash = "\u{E000}input-hash\u{E001}"
    }

    /// What each placeholder stands for in `revision`.
    func placeholderValues(revision: Int) -> [String: String] {
        [Placeholder.revision: String(revision), Placeholder.inputHash: inputHash]
    }

    /// The bytes of the document as `revision`, in each of `formats` but PDF, which is
    /// converted from the DOCX by another program, for all documents at once (``PDFConverter``).
    ///
    /// - Parameter pictures: where the charts' PNGs for Word come from (``ChartPictures``:
    ///   the pack's, drawn once); nil to draw each with librsvg.
    public func outputs(revision: Int, formats: Set<OutputFormat>) -> [OutputFormat: [UInt8]] {
        outputs(revision: revision, formats: formats, pictures: nil)
    }

    func outputs(revision: Int, formats: Set<OutputFormat>, pictures: ChartPictures?) -> [OutputFormat: [UInt8]] {
        let values = placeholderValues(revision: revision)
        var outputs: [OutputFormat: [UInt8]] = [:]
        for format in formats {
            switch format {
            case .docx:
                // A zip: the placeholders are replaced in its XML parts before they are packed.
                var rasterize: DocxWriter.Rasterize = DocxWriter.drawChart
                if let pictures { rasterize = pictures.picture }
                let parts = DocxWriter.parts(of: draft, rasterize: rasterize).map { part in
                    var part = part
                    if part.isXML { part.bytes = Self.substitute(values, in: part.bytes) }
                    return part
                }
                outputs[format] = DocxWriter.package(parts)
            case .pdf:
                continue
            case .xhtml, .html, .md:
                let draftBytes = format == .xhtml ? draftXHTML : (try? Self.bytes(of: draft, as: format, name: kind.rawValue)) ?? []
                outputs[format] = Self.substitute(values, in: draftBytes)
            }
        }
        return outputs
    }

    /// `root` written as `format`.
    ///
    /// - Throws: ``PDFConverter/Failure`` when a PDF cannot be made.
    public static func bytes(of root: XMLOutputElement, as format: OutputFormat, name: String = "document") throws(PDFConverter.Failure) -> [UInt8] {
        switch format {
        case .pdf: try PDFConverter.convert([(name, DocxWriter.render(root))])[name] ?? []
        case .xhtml: XMLWriter.serialize(root, indent: true)
        case .html: Array(HTMLRenderer.render(root).utf8)
        case .md: Array(MarkdownRenderer.render(root, imagePrefix: name).utf8)
        case .docx: DocxWriter.render(root)
        }
    }

    /// The charts the Markdown links, as the files written beside it (``ChartImages``).
    /// Charts hold no placeholder: they are drawn from the model alone.
    public var chartImages: [(name: String, bytes: [UInt8])] {
        ChartImages.files(in: draft, prefix: kind.rawValue).map { ($0.name, ChartImages.bytes(of: $0.svg)) }
    }

    /// `bytes` with every placeholder of `values` replaced by its value.
    static func substitute(_ values: [String: String], in bytes: [UInt8]) -> [UInt8] {
        // Every placeholder starts with U+E000, whose UTF-8 starts with 0xEE.
        guard let firstLead = bytes.firstIndex(of: 0xEE) else { return bytes }
        let replacements = values.map { (Array($0.key.utf8), Array($0.value.utf8)) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { bytes in
            // Copies the runs between lead bytes whole: documents are mostly plain text.
            var copied = 0
            var lead: Int? = firstLead
            while let index = lead {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                copied = index
                for (placeholder, value) in replacements where bytes[index...].starts(with: placeholder) {
                    result += value
                    copied = index + placeholder.count
                    break
                }
                if copied == index {
                    result.append(bytes[index])
                    copied = index + 1
                }
                lead = bytes[copied...].firstIndex(of: 0xEE)
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        return result
    }

    /// `text` with every placeholder of `values` replaced by its value.
    static func substitute(_ values: [String: String], in text: String) -> String {
        guard text.utf8.contains(0xEE) else { return text }
        return String(decoding: substitute(values, in: Array(text.utf8)), as: UTF8.self)
    }
}
