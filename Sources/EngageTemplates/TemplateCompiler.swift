import Charts
import EngageBasics
import Foundation
import XMLSupport

/// Compiles a document template: resolves includes, expands macros and slots, compiles
/// every expression once and applies the whitespace rule, collecting every error.
///
/// Whitespace rule: a text node holding only whitespace and a line break is layout and is
/// dropped; in other text, each run of whitespace becomes one space; whitespace holding a
/// line break at the start or end of an element's content is removed. A no-break space
/// (`&#160;`) is never changed.
package struct TemplateCompiler {
    private let sources: TemplateSources
    private var diagnostics: [TemplateDiagnostic] = []
    /// Each macro with its file and its place among the file's instructions.
    private var macros: [String: (definition: SourceElement, file: TemplateSources.File, index: Int)] = [:]
    private var includeStack: [String] = []
    private var macroStack: [String] = []
    /// Slot fills of the macro calls being expanded, innermost last.
    private var fills: [[String: [TemplateNode]]] = []
    private var expressions: [String: CompiledExpression] = [:]
    /// The read paths compiled, by text.
    private let readPathCompiler = ReadPathCompiler()
    private let limits: TemplateLimits
    /// Elements and text nodes compiled so far: macros expand at every call, so a few
    /// lines of macros calling macros can ask for billions.
    private var compiledNodes = 0
    /// Set when the template grew past `limits.maximumCompiledNodes`: compiling stops.
    private var exhausted = false

    package init(sources: TemplateSources, limits: TemplateLimits = .standard) {
        self.sources = sources
        self.limits = limits
    }

    /// The hash of the files the template at `path` is built from: itself and every file it
    /// includes, directly or not (macros can only come from those). Status compares it with
    /// a revision's template hash without compiling anything.
    package static func sourceHash(_ path: String, sources: TemplateSources) -> String {
        var files: Set<String> = []
        var pending = [path]
        while let next = pending.popLast() {
            guard files.insert(next).inserted, let file = sources.files[next] else { continue }
            for case .include(let reference) in file.instructions {
                if case .success(let included) = sources.resolve(reference, from: file.path) { pending.append(included.path) }
            }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for used in files.sorted() where sources.files[used] != nil {
            hash = FNV1a.hash(used.utf8, seed: hash)
            hash = FNV1a.hash(FNV1a.hex(sources.files[used]?.hash ?? 0).utf8, seed: hash)
        }
        return FNV1a.hex(hash)
    }

    /// Compiles the template at `path` (relative to the folder).
    ///
    /// - Parameter limits: bounds the size of the expanded template.
    package static func compile(
        _ path: String, sources: TemplateSources, limits: TemplateLimits = .standard
    ) throws(TemplateFailure) -> CompiledTemplate {
        var compiler = TemplateCompiler(sources: sources, limits: limits)
        guard let file = sources.files[path] else {
            throw TemplateFailure(diagnostics: [
                TemplateDiagnostic(
                    origin: TemplateOrigin(file: sources.displayPath(of: path), position: .start, chain: []),
                    summary: "The template '\(path)' is missing from the template folder.",
                    fix: "Copy it from the shipped Templates/ folder.")
            ])
        }
        compiler.collectMacros(in: file, visited: [])
        compiler.includeStack = [file.path]
        let root = compiler.compileElement(file.root, file: file, chain: [])
        guard compiler.diagnostics.isEmpty, let root else { throw TemplateFailure(diagnostics: compiler.diagnostics) }
        return CompiledTemplate(root: root, name: path, sourceHash: sourceHash(path, sources: sources))
    }

    // MARK: - Macros

    /// Registers the macros of `file` and of every file it includes.
    private mutating func collectMacros(in file: TemplateSources.File, visited: Set<String>) {
        guard !visited.contains(file.path) else { return }
        let visited = visited.union([file.path])
        for (index, instruction) in file.instructions.enumerated() {
            switch instruction {
            case .macro(let name, let element):
                // The same definition reached again (its file included twice) is no duplicate;
                // comparing places first spares comparing whole macro bodies.
                if let existing = macros[name],
                    existing.file.path != file.path || (existing.index != index && existing.definition != element)
                {
                    report(
                        "The macro '\(name)' is defined twice (also at \(existing.file.displayPath):\(existing.definition.position.line)).",
                        fix: "Rename one of them.", at: element, file: file, chain: [])
                } else {
                    macros[name] = (element, file, index)
                }
            case .include(let reference):
                if case .success(let included) = sources.resolve(reference, from: file.path) {
                    collectMacros(in: included, visited: visited)
                }
            }
        }
    }

    // MARK: - Elements

    private mutating func compileElement(
        _ source: SourceElement, file: TemplateSources.File, chain: [TemplateOrigin.Frame]
    ) -> TemplateElement? {
        guard countNode(source, file: file, chain: chain) else { return nil }
        let origin = TemplateOrigin(file: file.displayPath, position: source.position, chain: chain)
        if source.namespaceURI == TemplateNamespace.uri {
            return compileInstructionElement(source, file: file, origin: origin)
        }
        let element = TemplateElement(kind: .element(name: source.name, namespaceURI: source.namespaceURI), origin: origin)
        applyAttributes(of: source, to: element, file: file)
        element.children = compileChildren(source.children, file: file, chain: chain)
        return element
    }

    private mutating func compileInstructionElement(
        _ source: SourceElement, file: TemplateSources.File, origin: TemplateOrigin
    ) -> TemplateElement? {
        let chain = origin.chain
        switch source.name {
        case "block":
            let element = TemplateElement(kind: .block, origin: origin)
            applyAttributes(of: source, to: element, file: file)
            element.children = compileChildren(source.children, file: file, chain: chain)
            return element
        case "macro", "fill":
            return nil  // definitions emit nothing; fills are taken by their call
        case "include":
            return compileInclude(source, file: file, origin: origin)
        case "call":
            return compileCall(source, file: file, origin: origin)
        case "chart":
            return compileChart(source, file: file, origin: origin)
        case "slot":
            let element = TemplateElement(kind: .block, origin: origin)
            applyAttributes(of: source, to: element, file: file)
            let name = source[attribute: "name"] ?? ""
            if let fill = fills.last?[name] {
                element.children = fill
            } else {
                element.children = compileChildren(source.children, file: file, chain: chain)
            }
            return element
        default:
            report(
                "<t:\(source.name)> is not a template instruction.",
                fix: "Use t:block, t:include, t:macro, t:call, t:fill, t:slot or t:chart.", at: source, file: file, chain: chain)
            return nil
        }
    }

    /// `<t:chart kind="journey-map"/>`: empty, with `t:if`/`t:unless` allowed, drawn from the
    /// model element at the kind's ``ChartKind/dataPath``.
    private mutating func compileChart(
        _ source: SourceElement, file: TemplateSources.File, origin: TemplateOrigin
    ) -> TemplateElement? {
        let kinds = ChartKind.allCases.map(\.rawValue)
        guard let name = source[attribute: "kind"], let kind = ChartKind(rawValue: name) else {
            let given = source[attribute: "kind"].map { "'\($0)' is not a chart kind" } ?? "<t:chart> lacks its kind attribute"
            report("\(given).", fix: "Give kind=\"...\" one of: \(kinds.joined(separator: ", ")).", at: source, file: file, chain: origin.chain)
            return nil
        }
        guard source.children.allSatisfy({ if case .text(let text) = $0 { text.allSatisfy(\.isWhitespace) } else { false } }) else {
            report("<t:chart> draws its picture itself and takes no content.",
                   fix: "Put a caption beside it, in the <figure> around it: <figcaption>...</figcaption>.", at: source, file: file, chain: origin.chain)
            return nil
        }
        guard let data = compileExpression(kind.dataPath, at: source, file: file, chain: origin.chain) else { return nil }
        let element = TemplateElement(kind: .chart(kind, data: data), origin: origin)
        applyAttributes(of: source, to: element, file: file)
        element.staticAttributes = [:]
        return element
    }

    private mutating func compileInclude(
        _ source: SourceElement, file: TemplateSources.File, origin: TemplateOrigin
    ) -> TemplateElement? {
        guard let reference = source[attribute: "src"] else {
            report("<t:include> lacks its src attribute.", fix: "Name the file to include, relative to this one.",
                   at: source, file: file, chain: origin.chain)
            return nil
        }
        switch sources.resolve(reference, from: file.path) {
        case .failure(.outsideFolder):
            report(
                "The include '\(reference)' leaves the template folder.",
                fix: "Includes name files inside the template folder, by a relative path without climbing above it.",
                at: source, file: file, chain: origin.chain)
            return nil
        case .failure(.notFound(let path)):
            report("The included template '\(path)' does not exist in the template folder.",
                   fix: "Check the file name in src.", at: source, file: file, chain: origin.chain)
            return nil
        case .success(let included):
            guard !includeStack.contains(included.path) else {
                report("The include of '\(included.path)' loops back to a file that includes it.",
                       fix: "Remove the circular include.", at: source, file: file, chain: origin.chain)
                return nil
            }
            includeStack.append(included.path)
            defer { includeStack.removeLast() }
            let frame = TemplateOrigin.Frame(description: "included from", file: file.displayPath, position: source.position)
            let element = TemplateElement(kind: .block, origin: origin)
            applyAttributes(of: source, to: element, file: file)
            if let body = compileElement(included.root, file: included, chain: [frame] + origin.chain) {
                element.children = [.element(body)]
            }
            return element
        }
    }

    private mutating func compileCall(
        _ source: SourceElement, file: TemplateSources.File, origin: TemplateOrigin
    ) -> TemplateElement? {
        guard let name = source[attribute: "macro"] else {
            report("<t:call> lacks its macro attribute.", fix: "Name the macro to call.", at: source, file: file,
                   chain: origin.chain)
            return nil
        }
        guard let macro = macros[name] else {
            let known = macros.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            report("The macro '\(name)' is not defined.",
                   fix: known.isEmpty ? "Define it with <t:macro name=\"\(name)\">." : "Known macros: \(known).",
                   at: source, file: file, chain: origin.chain)
            return nil
        }
        guard !macroStack.contains(name) else {
            report("The macro '\(name)' calls itself.", fix: "Macros may not recurse.", at: source, file: file,
                   chain: origin.chain)
            return nil
        }
        var slotFills: [String: [TemplateNode]] = [:]
        for fill in source.elements where fill.namespaceURI == TemplateNamespace.uri && fill.name == "fill" {
            slotFills[fill[attribute: "slot"] ?? ""] = compileChildren(fill.children, file: file, chain: origin.chain)
        }
        macroStack.append(name)
        fills.append(slotFills)
        defer {
            macroStack.removeLast()
            fills.removeLast()
        }
        let frame = TemplateOrigin.Frame(description: "in macro '\(name)' called from", file: file.displayPath,
                                         position: source.position)
        let element = TemplateElement(kind: .block, origin: origin)
        applyAttributes(of: source, to: element, file: file)
        element.children = compileChildren(macro.definition.children, file: macro.file, chain: [frame] + origin.chain)
        return element
    }

    // MARK: - Attributes and text

    private mutating func applyAttributes(of source: SourceElement, to element: TemplateElement, file: TemplateSources.File) {
        let chain = element.origin.chain
        var staticAttributes: [String: String] = [:]
        defer { if !staticAttributes.isEmpty { element.staticAttributes = staticAttributes } }
        for attribute in source.attributes {
            guard attribute.namespaceURI == TemplateNamespace.uri else {
                if staticAttributes.isEmpty { staticAttributes.reserveCapacity(source.attributes.count) }
                if attribute.namespaceURI == nil {
                    staticAttributes[attribute.name] = attribute.value
                } else if attribute.namespaceURI == "http://www.w3.org/XML/1998/namespace" {
                    staticAttributes["xml:\(attribute.name)"] = attribute.value
                }
                continue
            }
            switch attribute.name {
            case "each":
                let parts = attribute.value.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard parts.count == 3, parts[1] == "in" else {
                    report("t:each=\"\(attribute.value)\" is not of the form 'name in expression'.",
                           fix: "Write for example t:each=\"person in /client/stakeholders/stakeholder\".",
                           at: source, file: file, chain: chain)
                    continue
                }
                if let expression = compileExpression(String(parts[2]), at: source, file: file, chain: chain) {
                    element.each = (String(parts[0]), expression)
                }
            case "let":
                for (name, text) in Self.splitDefinitions(attribute.value) {
                    guard !name.isEmpty, !text.isEmpty else {
                        report("t:let=\"\(attribute.value)\" is not of the form 'name: expression; ...'.",
                               fix: "Write for example t:let=\"sponsor: stakeholders/stakeholder[@sponsor='true']\".",
                               at: source, file: file, chain: chain)
                        continue
                    }
                    if let expression = compileExpression(text, at: source, file: file, chain: chain) {
                        element.lets.append((name, expression))
                    }
                }
            case "if", "unless":
                if let expression = compileExpression(attribute.value, at: source, file: file, chain: chain) {
                    element.condition = (expression, attribute.name == "unless")
                }
            case "text":
                element.text = compileExpression(attribute.value, at: source, file: file, chain: chain)
            case "copy":
                element.copy = compileExpression(attribute.value, at: source, file: file, chain: chain)
            case "default":
                element.defaultText = Self.normalizedValue(attribute.value)
            case let name where name.hasPrefix("attr-") && name.count > 5:
                if let expression = compileExpression(attribute.value, at: source, file: file, chain: chain) {
                    element.dynamicAttributes.append((String(name.dropFirst(5)), expression))
                }
            default:
                report("t:\(attribute.name) is not a template attribute.",
                       fix: "Use t:each, t:let, t:if, t:unless, t:text, t:copy, t:default or t:attr-NAME.",
                       at: source, file: file, chain: chain)
            }
        }
    }

    /// Splits `a: expr; b: expr` at semicolons outside string literals.
    package static func splitDefinitions(_ text: String) -> [(String, String)] {
        // Quotes, semicolons, colons and spaces are ASCII, never part of a longer UTF-8
        // sequence: bytes split exactly where Unicode scalars would.
        var text = text
        return text.withUTF8 { bytes in
            func isSpace(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            }
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var lower = range.lowerBound
                var upper = range.upperBound
                while lower < upper, isSpace(bytes[lower]) { lower += 1 }
                while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
                return lower..<upper
            }
            func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
            var definitions: [(String, String)] = []
            func add(_ part: Range<Int>) {
                let range = trimmed(part)
                guard !range.isEmpty else { return }
                guard let colon = bytes[range].firstIndex(of: UInt8(ascii: ":")) else {
                    definitions.append(("", string(range)))
                    return
                }
                definitions.append((string(trimmed(range.lowerBound..<colon)), string(trimmed((colon + 1)..<range.upperBound))))
            }
            var start = 0
            var quote: UInt8?
            for index in bytes.indices {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                } else if byte == UInt8(ascii: ";") {
                    add(start..<index)
                    start = index + 1
                }
            }
            add(start..<bytes.count)
            return definitions
        }
    }

    private mutating func compileExpression(
        _ text: String, at source: SourceElement, file: TemplateSources.File, chain: [TemplateOrigin.Frame]
    ) -> TemplateExpression? {
        let origin = TemplateOrigin(file: file.displayPath, position: source.position, chain: chain)
        do {
            if let shared = expressions[text] { return TemplateExpression(source: text, shared: shared, origin: origin) }
            let shared = try CompiledExpression(text, readPathCompiler: readPathCompiler)
            expressions[text] = shared
            return TemplateExpression(source: text, shared: shared, origin: origin)
        } catch {
            report("The expression '\(text)' is not valid XPath 1.0.", fix: "Check its brackets, quotes and operators.",
                   at: source, file: file, chain: chain)
            return nil
        }
    }

    private mutating func compileChildren(
        _ children: [SourceElement.Child], file: TemplateSources.File, chain: [TemplateOrigin.Frame]
    ) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        nodes.reserveCapacity(children.count)
        for (index, child) in children.enumerated() {
            switch child {
            case .element(let source):
                if let element = compileElement(source, file: file, chain: chain) { nodes.append(.element(element)) }
            case .text(let text):
                guard !exhausted else { break }
                let content = Self.layoutText(text, atStart: index == 0, atEnd: index == children.count - 1)
                if !content.isEmpty {
                    // Counted, not checked: every element is checked, and text cannot nest.
                    compiledNodes += 1
                    nodes.append(.text(content))
                }
            }
        }
        return nodes
    }

    /// Counts the element `source` towards the limit; false, with the error reported once
    /// at `source`, when the template has grown past it.
    private mutating func countNode(
        _ source: SourceElement, file: TemplateSources.File, chain: [TemplateOrigin.Frame]
    ) -> Bool {
        guard !exhausted else { return false }
        compiledNodes += 1
        guard compiledNodes > limits.maximumCompiledNodes else { return true }
        exhausted = true
        report(
            "The template grows past \(limits.maximumCompiledNodes) elements and text nodes once its includes and macro calls are expanded, the limit for one document; it was stopped here.",
            fix: "Check for macros that call other macros several times: each level multiplies the size.",
            at: source, file: file, chain: chain)
        return false
    }

    private mutating func report(
        _ summary: String, fix: String, at source: SourceElement, file: TemplateSources.File,
        chain: [TemplateOrigin.Frame]
    ) {
        let line = source.position.line
        diagnostics.append(
            TemplateDiagnostic(
                origin: TemplateOrigin(file: file.displayPath, position: source.position, chain: chain),
                summary: summary, fix: fix,
                sourceLine: line >= 1 && line <= file.lines.count ? file.lines[line - 1] : nil))
    }
}
