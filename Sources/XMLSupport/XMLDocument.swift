import CLibXML2
import Foundation

/// A parsed XML document, owning its libxml2 tree.
///
/// Every XML read in the product goes through ``parse(bytes:fileName:limits:whitespace:)``
/// (or the file variant), which applies the same hardened settings: no network, no
/// entity substitution, no DTD loading, no XInclude, no huge mode, DOCTYPE refused, size
/// and depth capped. The libxml2 pointer never leaves this type. A document belongs to
/// one thread at a time; different documents may be parsed on different threads at once.
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The file name diagnostics carry, as the user wrote it.
    public let fileName: String
    private let startTags: [SourcePosition]
    private var positionsByNode: [UnsafeMutableRawPointer: SourcePosition] = [:]
    private var cachedRoot: SourceElement?

    private init(pointer: xmlDocPtr, fileName: String, startTags: [SourcePosition]) {
        self.pointer = pointer
        self.fileName = fileName
        self.startTags = startTags
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// libxml2 parse options: line numbers past 65535, and nothing that reaches outside
    /// the bytes given. Entity substitution (`XML_PARSE_NOENT`), DTD loading
    /// (`XML_PARSE_DTDLOAD`), XInclude and `XML_PARSE_HUGE` are deliberately absent.
    private static func parserOptions(_ whitespace: XMLWhitespaceHandling) -> Int32 {
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
        if whitespace == .dropBlankNodes { options |= XML_PARSE_NOBLANKS.rawValue }
        return Int32(options)
    }

    /// Parses a document held in memory.
    ///
    /// - Throws: ``XMLParseFailure`` with every problem found, each at its line and column.
    public static func parse(
        bytes: [UInt8],
        fileName: String,
        limits: XMLLimits = .standard,
        whitespace: XMLWhitespaceHandling = .preserve
    ) throws(XMLParseFailure) -> XMLDocument {
        let bytes = Self.utf8(bytes)
        guard bytes.count <= limits.maximumBytes else {
            throw XMLParseFailure.tooLarge(fileName: fileName, byteCount: bytes.count, limit: limits.maximumBytes)
        }
        guard !bytes.isEmpty else {
            throw XMLParseFailure(diagnostics: [
                Diagnostic(
                    file: fileName, position: .start, summary: "The file is empty.",
                    fix: "Write an XML document into it, starting with its root element.")
            ])
        }
        if let problem = encodingProblem(bytes.bytes, fileName: fileName) { throw XMLParseFailure(diagnostics: [problem]) }
        let scan = bytes.withUnsafeBufferPointer {
            StartTagScanner.scan($0, maximumDepth: limits.maximumDepth)
        }
        switch scan.finding {
        case .doctype(let position):
            throw XMLParseFailure(diagnostics: [
                Diagnostic(
                    file: fileName, position: position,
                    summary: "DOCTYPE declarations are not allowed: they can define entities that read other files or expand without limit.",
                    fix: "Remove the <!DOCTYPE ...> declaration; the document needs no DTD.")
            ])
        case .tooDeep(let depth, let position):
            throw XMLParseFailure(diagnostics: [
                Diagnostic(
                    file: fileName, position: position,
                    summary: "Elements are nested \(depth) levels deep here, more than the limit of \(limits.maximumDepth).",
                    fix: "Flatten the structure; well-formed input never needs this depth.")
            ])
        case nil:
            break
        }

        let (document, errors) = LibXML2Runtime.capturingErrors { _ -> xmlDocPtr? in
            guard let context = xmlNewParserCtxt() else { return nil }
            defer { xmlFreeParserCtxt(context) }
            let document = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, bytes.isUTF16Transcoded ? "UTF-8" : nil, parserOptions(whitespace))
                }
            }
            guard let document else { return nil }
            if context.pointee.wellFormed == 0 || context.pointee.nsWellFormed == 0 {
                xmlFreeDoc(document)
                return nil
            }
            return document
        }
        let problems = errors.filter { !$0.isWarning }
        guard let document, problems.isEmpty else {
            document.map { xmlFreeDoc($0) }
            var diagnostics = problems.map { ParserErrorMessages.diagnostic(for: $0, fileName: fileName) }
            if let truncation = Self.truncation(problems, fileName: fileName) { diagnostics = [truncation] }
            if diagnostics.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        file: fileName, position: .start,
                        summary: "The file is not well-formed XML.",
                        fix: "Check it with an XML editor."))
            }
            throw XMLParseFailure(diagnostics: diagnostics)
        }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            xmlFreeDoc(document)
            throw XMLParseFailure(diagnostics: [
                Diagnostic(
                    file: fileName, position: .start,
                    summary: "DOCTYPE declarations are not allowed.",
                    fix: "Remove the <!DOCTYPE ...> declaration.")
            ])
        }
        return XMLDocument(pointer: document, fileName: fileName, startTags: scan.startTags)
    }

    /// One diagnostic for a file that stops in the middle of its document: libxml2 reports
    /// the cut as a cascade of syntax errors at the end ("Specification mandates value",
    /// "Couldn't find end of Start Tag", "Premature end of data"), whose first fix would
    /// be about the syntax rather than the missing end.
    static func truncation(_ problems: [CapturedError], fileName: String) -> Diagnostic? {
        // What libxml2 says when input stops inside a tag, attribute or element, and nothing
        // else: a mismatched tag or an unterminated comment at the end are what they say.
        let cascade = [
            "Premature end of data", "Couldn't find end of Start Tag", "Specification mandates value",
            "Attributes construct error", "AttValue:", "EndTag: '</' not found", "expected '>'",
        ]
        guard let end = problems.last(where: { $0.message.hasPrefix("Premature end of data in tag") }),
            problems.allSatisfy({ problem in
                problem.line == end.line && problem.column == end.column
                    && cascade.contains { problem.message.lowercased().hasPrefix($0.lowercased()) }
            })
        else { return nil }
        // "Premature end of data in tag expectations line 141"
        let words = end.message.split(separator: " ")
        let element = words.count > 6 ? String(words[6]) : "an element"
        let opened = words.count > 8 ? " (opened at line \(words[8].trimmingCharacters(in: .whitespacesAndNewlines)))" : ""
        return Diagnostic(
            file: fileName, position: SourcePosition(line: max(1, end.line), column: max(1, end.column)),
            summary: "The file ends here, before <\(element)>\(opened) and the elements around it are closed: it looks cut off.",
            fix: "Restore the rest of the file (from where it came from, or a backup); every element opened must be closed.")
    }

    /// Input the parser would misread, named for what it is: UTF-16 without a byte order
    /// mark (libxml2 would see NUL bytes between the characters), and NUL bytes, which XML
    /// does not allow anywhere.
    static func encodingProblem(_ bytes: [UInt8], fileName: String) -> Diagnostic? {
        if bytes.count >= 2, (bytes[0] == 0x3C && bytes[1] == 0x00) || (bytes[0] == 0x00 && bytes[1] == 0x3C) {
            let order = bytes[0] == 0x00 ? "big-endian" : "little-endian"
            return Diagnostic(
                file: fileName, position: .start,
                summary: "The file looks like UTF-16 (\(order)) without a byte order mark, which cannot be read reliably.",
                fix: "Save it as UTF-8 (recommended), or as UTF-16 with a byte order mark.")
        }
        guard let nul = bytes.firstIndex(of: 0) else { return nil }
        var line = 1
        var lineStart = 0
        for index in 0..<nul where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters: the continuation bytes of UTF-8 sequences do not.
        let column = 1 + bytes[lineStart..<nul].filter { $0 & 0xC0 != 0x80 }.count
        return Diagnostic(
            file: fileName, position: SourcePosition(line: line, column: column),
            summary: "The file contains a NUL byte (U+0000), which XML does not allow.",
            fix: "Remove it; a NUL byte usually means the file was damaged or is not a text file.")
    }

    /// UTF-16 input (recognized by its byte order mark) as UTF-8, so that positions count
    /// characters the same way for every encoding; other input as it is.
    static func utf8(_ bytes: [UInt8]) -> TranscodedBytes {
        guard bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) else {
            return TranscodedBytes(bytes: bytes, isUTF16Transcoded: false)
        }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let pair = littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(pair)
            index += 2
        }
        return TranscodedBytes(bytes: Array(String(decoding: units, as: UTF16.self).utf8), isUTF16Transcoded: true)
    }

    /// Reads and parses the file at `path`, refusing it before reading when it is larger
    /// than the limit.
    ///
    /// - Parameter displayName: the name diagnostics use; defaults to `path`.
    /// - Throws: ``XMLParseFailure`` when the file cannot be read or is not acceptable XML.
    public static func parse(
        fileAt path: String,
        displayName: String? = nil,
        limits: XMLLimits = .standard,
        whitespace: XMLWhitespaceHandling = .preserve
    ) throws(XMLParseFailure) -> XMLDocument {
        let name = displayName ?? path
        let bytes = try readBoundedFile(at: path, displayName: name, limit: limits.maximumBytes)
        return try parse(bytes: bytes, fileName: name, limits: limits, whitespace: whitespace)
    }

    /// The root element and its subtree as Swift values, built once on first use.
    public var root: SourceElement {
        if let cachedRoot { return cachedRoot }
        var builder = TreeBuilder(startTags: startTags)
        let element: SourceElement
        if let rootNode = xmlDocGetRootElement(pointer) {
            element = builder.element(from: rootNode)
        } else {
            element = SourceElement(name: "", position: .start)
        }
        positionsByNode = builder.positionsByNode
        cachedRoot = element
        return element
    }

    /// The source position of a libxml2 node, for errors that point at one.
    func position(ofNode node: UnsafeMutableRawPointer?) -> SourcePosition? {
        _ = root
        guard let node else { return nil }
        if let position = positionsByNode[node] { return position }
        let line = xmlGetLineNo(node.assumingMemoryBound(to: xmlNode.self))
        return line > 0 ? SourcePosition(line: line, column: 1) : nil
    }
}

/// Why a document could not be parsed: one diagnostic per problem.
public struct XMLParseFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// Whether the file could not be read at all (missing, a folder, no permission), as
    /// opposed to read and found unacceptable: a command then could not do its job (exit
    /// 2) rather than being given invalid input (exit 1).
    public var isUnreadable: Bool

    public init(diagnostics: [Diagnostic], isUnreadable: Bool = false) {
        self.diagnostics = diagnostics
        self.isUnreadable = isUnreadable
    }

    static func tooLarge(fileName: String, byteCount: Int, limit: Int) -> XMLParseFailure {
        XMLParseFailure(diagnostics: [
            Diagnostic(
                file: fileName, position: .start,
                summary: "The file is \(formatBytes(byteCount)), more than the limit of \(formatBytes(limit)).",
                fix: "Check that this is the intended file; a real document is far smaller.")
        ])
    }
}

/// Input bytes, after UTF-16 input was turned into UTF-8.
struct TranscodedBytes: RandomAccessCollection {
    var bytes: [UInt8]
    var isUTF16Transcoded: Bool

    var startIndex: Int { bytes.startIndex }
    var endIndex: Int { bytes.endIndex }
    subscript(position: Int) -> UInt8 { bytes[position] }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }
}

/// A byte count for messages: exact below 1 KiB, otherwise with one decimal, so that a
/// size just over a limit never reads the same as the limit.
func formatBytes(_ count: Int) -> String {
    func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
    if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 20 { return "\(oneDecimal(Double(count) / Double(1 << 20))) MiB (\(count) bytes)" }
    if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    if count >= 1 << 10 { return "\(oneDecimal(Double(count) / Double(1 << 10))) KiB (\(count) bytes)" }
    return "\(count) bytes"
}

/// Reads at most `limit + 1` bytes, so a huge file or an endless device costs no more.
private func readBoundedFile(at path: String, displayName: String, limit: Int) throws(XMLParseFailure) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw XMLParseFailure(diagnostics: [
            Diagnostic(
                file: displayName, position: .start, summary: "The file does not exist.",
                fix: "Check the path and the working directory.")
        ], isUnreadable: true)
    }
    guard !isDirectory.boolValue else {
        throw XMLParseFailure(diagnostics: [
            Diagnostic(
                file: displayName, position: .start, summary: "This is a folder, not a file.",
                fix: "Name an XML file.")
        ], isUnreadable: true)
    }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
        throw XMLParseFailure.tooLarge(fileName: displayName, byteCount: size, limit: limit)
    }
    do {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else {
            throw XMLParseFailure.tooLarge(fileName: displayName, byteCount: data.count, limit: limit)
        }
        return [UInt8](data)
    } catch let failure as XMLParseFailure {
        throw failure
    } catch {
        throw XMLParseFailure(diagnostics: [
            Diagnostic(
                file: displayName, position: .start,
                summary: "The file cannot be read: \(error.localizedDescription)",
                fix: "Check its permissions.")
        ], isUnreadable: true)
    }
}

/// Copies libxml2's tree into ``SourceElement`` values, pairing elements with the start
/// tag positions found by ``StartTagScanner`` in the same (document) order.
private struct TreeBuilder {
    let startTags: [SourcePosition]
    var nextStartTag = 0
    var positionsByNode: [UnsafeMutableRawPointer: SourcePosition] = [:]

    init(startTags: [SourcePosition]) {
        self.startTags = startTags
    }

    mutating func element(from node: xmlNodePtr) -> SourceElement {
        let position: SourcePosition
        if nextStartTag < startTags.count {
            position = startTags[nextStartTag]
        } else {
            position = SourcePosition(line: max(1, xmlGetLineNo(node)), column: 1)
        }
        nextStartTag += 1
        positionsByNode[UnsafeMutableRawPointer(node)] = position

        var attributes: [SourceElement.Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                engage_xmlFree(raw)
            }
            let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            attributes.append(.init(name: name, value: value, namespaceURI: namespace))
            attribute = current.pointee.next
        }

        var children: [SourceElement.Child] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(element(from: current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = current.pointee.content.map { String(cString: $0) } ?? ""
                if case .text(let previous)? = children.last {
                    children[children.count - 1] = .text(previous + text)
                } else {
                    children.append(.text(text))
                }
            default:
                break
            }
            child = current.pointee.next
        }
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        return SourceElement(
            name: name, namespaceURI: namespace, attributes: attributes, children: children, position: position)
    }
}
