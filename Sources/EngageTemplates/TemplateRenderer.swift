import Charts
import EngageBasics
import XMLSupport

#if canImport(Glibc)
import Glibc
#endif

/// A document rendered from a template: the XHTML tree and its sections' traces.
public struct RenderedDocument: Sendable {
    public var root: XMLOutputElement
    /// The traces of every `<section id>`, in document order.
    public var sections: [SectionTrace]
    /// Every read of every section, each once: the inputs the document as a whole
    /// depends on, which the sections' traces number.
    public var reads: DocumentReads
}

/// Renders a compiled template against a model through an ``XPathSession``.
///
/// Every error of the run is collected; rendering goes on past an error so that one run
/// reports them all. A `<section>` with an `id` opens a trace: every model node an
/// expression reads while it is open is recorded for it and for the sections around it.
///
/// Its state is `@exclusivity(unchecked)`: a renderer is used by one thread, no method
/// holds an access to a property across a call that touches it, and the runtime checks
/// cost a tenth of a render's instructions.
package final class TemplateRenderer {
    let session: XPathSession
    let memo: TraceMemo
    private let linesByFile: [String: [String]]
    /// The variables in scope, innermost last. Rendering is depth-first, so an element
    /// pushes its bindings on entry and drops them on exit; lookups search from the end.
    /// Names are interned: comparing integers is much cheaper than comparing strings.
    @exclusivity(unchecked) private var bindingNames: [Int] = []
    @exclusivity(unchecked) private var bindingValues: [XPathObject] = []
    /// Resolves `$name` for libxml2; made once, not per evaluation. The renderer outlives
    /// every evaluation it starts, hence `unowned(unsafe)` (no reference counting per call).
    lazy var variableLookup: (Int) -> XPathObject? = { [unowned(unsafe) self] number in
        // One buffer access for the whole search: indexing the property in the loop would
        // retain and release the array, and check exclusivity, at every step.
        let found = bindingNames.withUnsafeBufferPointer { names -> Int? in
            var index = names.count - 1
            while index >= 0 {
                if names[index] == number { return index }
                index -= 1
            }
            return nil
        }
        if let found { return bindingValues[found] }
        return nil
    }
    @exclusivity(unchecked) private var diagnostics: [TemplateDiagnostic] = []
    @exclusivity(unchecked) private var sectionIDs: [String] = []
    @exclusivity(unchecked) private var sectionIndexByID: [String: Int] = [:]
    /// Every node read while a section was open (or a section element's own instructions
    /// were being evaluated), in order; a section's reads are a range of it.
    @exclusivity(unchecked) var readLog: [XPathNodeHandle] = []
    /// For each entry of `readLog`, how it was read (``ReadKind``).
    @exclusivity(unchecked) var readKinds: [ReadKind] = []
    /// The lines read that are not a node's: keyed lookups' (``KeyedLookup``) and values'
    /// (``TraceHash/valuePath(of:value:isCondition:)``), which `readKinds` number.
    @exclusivity(unchecked) var ownLines: [(path: String, hash: String)] = []
    /// The index in `ownLines` of each context-free expression's value line, by shared
    /// expression and whether it was a condition: its value is the same everywhere.
    @exclusivity(unchecked) var valueLineOfExpression: [ObjectIdentifier: Int] = [:]
    /// For each of `ownLines`, whether it is a condition's value line.
    @exclusivity(unchecked) var ownLinesAreConditions: [Bool] = []
    /// Per section: where its reads start and end in `readLog` (end set when it closes).
    @exclusivity(unchecked) private var sectionRanges: [Range<Int>] = []
    @exclusivity(unchecked) var openSections: [Int] = []
    /// How many section elements are evaluating their own instructions now.
    @exclusivity(unchecked) private var pendingSectionElements = 0
    /// Nodes of absolute read paths, which the whole render shares.
    @exclusivity(unchecked) var absoluteReads: [ObjectIdentifier: [XPathNodeHandle]] = [:]
    /// Variables whose value summarizes every input of the document (its input
    /// fingerprint): a section that shows one depends on all the document's reads.
    let wholeDocumentVariables: [String]
    /// The sections that read a whole-document variable.
    @exclusivity(unchecked) var sectionsReadingEverything: Set<Int> = []

    private let limits: TemplateLimits
    /// How the template's own words are spelt; British without a locale.
    private let locale: TemplateLocale
    /// Read when each section opens: its spelling, and so its text, depends on the locale.
    private let localeRead: TemplateExpression?
    /// What the document holds so far, against `limits`.
    @exclusivity(unchecked) private var outputNodes = 0
    @exclusivity(unchecked) private var outputBytes = 0
    /// The thread's processor time when the render started, and steps since the clock was
    /// last read (reading it costs more than a step).
    @exclusivity(unchecked) private var startTime: Duration = .zero
    @exclusivity(unchecked) private var stepsSinceClock = 0
    /// Set when a limit was crossed: rendering unwinds without doing anything more.
    @exclusivity(unchecked) private var stopped = false

    /// - Parameter memo: what earlier renders over the same session learned about nodes;
    ///   the documents of one pack read many of the same nodes.
    /// - Parameter limits: the bounds the render stops at, with a template error.
    /// - Parameter wholeDocumentVariables: variables standing for every input the document
    ///   reads (the input fingerprint); sections that use them are traced as reading all.
    /// - Parameter locale: the spelling of the template's own text, for a model that has a
    ///   locale at ``TemplateLocale/modelPath``: every section is then traced as reading
    ///   it. Nil for none (British, nothing traced).
    package init(
        session: XPathSession, sources: TemplateSources, memo: TraceMemo? = nil, limits: TemplateLimits = .standard,
        wholeDocumentVariables: [String] = [], locale: TemplateLocale? = nil
    ) {
        self.session = session
        self.limits = limits
        self.locale = locale ?? .british
        // A model with a locale (the engagement model, at TemplateLocale.modelPath) traces
        // it in every section; other models have none to read.
        let source = "string(\(TemplateLocale.modelPath))"
        localeRead = locale == nil ? nil : (try? CompiledExpression(source, readPathCompiler: ReadPathCompiler())).map {
            TemplateExpression(source: source, shared: $0, origin: TemplateOrigin(file: "(locale)", position: .start, chain: []))
        }
        session.operationLimit = limits.maximumXPathOperations
        session.inputByteLimit = limits.maximumValueBytes
        self.memo = memo ?? TraceMemo()
        self.wholeDocumentVariables = wholeDocumentVariables
        var lines: [String: [String]] = [:]
        for file in sources.files.values { lines[file.displayPath] = file.lines }
        self.linesByFile = lines
    }

    /// Renders `template`; `variables` are in scope everywhere (document metadata).
    package func render(_ template: CompiledTemplate, variables: [String: XPathObject] = [:]) throws(TemplateFailure) -> RenderedDocument {
        var output: [XMLOutputNode] = []
        // A document reads 5,000 to 10,000 nodes: grow the log once, not by doubling.
        readLog.reserveCapacity(16_384)
        readKinds.reserveCapacity(16_384)
        startTime = Self.processorTime()
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { bind(name, value) }
        render(template.root, context: session.documentHandle, into: &output)
        guard diagnostics.isEmpty else {
            // An error inside a loop fires once per item; report each place once.
            var seen: Set<TemplateOrigin> = []
            throw TemplateFailure(diagnostics: diagnostics.filter { seen.insert($0.origin).inserted })
        }
        guard case .element(let root)? = output.first, output.count == 1 else {
            throw TemplateFailure(diagnostics: [
                TemplateDiagnostic(
                    origin: template.root.origin, summary: "The template does not produce exactly one root element.",
                    fix: "Keep the <html> root free of t:each and t:if.")
            ])
        }
        let (sections, reads) = TraceBuilder(session: session, memo: memo, ownLines: ownLines).traces(
            of: sectionIDs, ranges: sectionRanges, log: readLog, kinds: readKinds, readingEverything: sectionsReadingEverything)
        return RenderedDocument(root: root, sections: sections, reads: reads)
    }

    // MARK: - Nodes

    private func render(_ node: TemplateNode, context: XPathNodeHandle, into output: inout [XMLOutputNode]) {
        guard !stopped else { return }
        switch node {
        case .text(let text):
            appendText(locale.spelt(text), to: &output)
        case .element(let element):
            render(element, context: context, into: &output)
        }
    }

    private func render(_ element: TemplateElement, context: XPathNodeHandle, into output: inout [XMLOutputNode]) {
        guard let each = element.each else {
            renderOnce(element, context: context, into: &output)
            return
        }
        guard let result = evaluate(each.expression, context: context, resultIsPlaceOnly: true) else { return }
        guard case .nodes(let items) = result else {
            report(each.expression, "t:each needs a node-set, but '\(each.expression.source)' gives a single value.",
                   fix: "Select nodes, for example /client/values/value.")
            return
        }
        let name = each.variable
        let names = [name, "\(name)-index", "\(name)-first", "\(name)-last", "\(name)-count"].map(number(of:))
        let mark = bindingNames.count
        for (offset, item) in items.enumerated() {
            if stopped { break }
            bind(names[0], .nodes([item]))
            bind(names[1], .number(Double(offset + 1)))
            bind(names[2], .boolean(offset == 0))
            bind(names[3], .boolean(offset == items.count - 1))
            bind(names[4], .number(Double(items.count)))
            renderOnce(element, context: item, into: &output)
            unbind(to: mark)
        }
    }

    private func renderOnce(_ element: TemplateElement, context: XPathNodeHandle, into output: inout [XMLOutputNode]) {
        guard withinLimits(at: element.origin) else { return }
        // The head is traced like a section (``TemplateRenderer/headSectionID``): its title,
        // metadata and house style are content that goes stale.
        let mayOpenSection: Bool
        if case .element(let name, _) = element.kind, name == "section" || name == "head" { mayOpenSection = true } else { mayOpenSection = false }
        // A section's range starts before its element's own instructions: its `t:let`,
        // `t:if` and `t:attr-id` reads belong to it (and to the sections around it).
        let logStart = readLog.count
        if mayOpenSection { pendingSectionElements += 1 }
        let mark = bindingNames.count
        defer { unbind(to: mark) }
        for (name, expression) in element.lets {
            guard let value = evaluate(expression, context: context, resultIsPlaceOnly: true) else { continue }
            bind(name, value)
        }
        if let condition = element.condition {
            // A condition on nodes asks only whether there are any: their places.
            let value = evaluate(condition.expression, context: context, resultIsPlaceOnly: true, isCondition: true)
            if value == nil || session.booleanValue(of: value ?? .boolean(false)) == condition.negated {
                if mayOpenSection { pendingSectionElements -= 1 }
                return
            }
        }
        switch element.kind {
        case .block:
            renderContent(of: element, context: context, into: &output)
        case .chart(let kind, let data):
            renderChart(kind, data: data, context: context, into: &output)
        case .element(let name, let namespaceURI):
            var attributes = element.staticAttributes
            for (attribute, expression) in element.dynamicAttributes {
                guard let value = evaluate(expression, context: context) else { continue }
                if case .nodes(let nodes) = value, nodes.isEmpty {
                    if attributes[attribute] == nil {
                        report(expression, "The expression '\(expression.source)' for the attribute '\(attribute)' selects nothing.",
                               fix: "Give a default as a plain \(attribute)=\"...\" attribute, or fix the path.")
                    }
                    continue
                }
                let text = TemplateCompiler.normalizedValue(session.stringValue(of: value))
                outputBytes += text.utf8.count
                attributes[attribute] = text
            }
            var sectionIndex: Int?
            if mayOpenSection, let id = name == "head" ? Self.headSectionID : attributes["id"] {
                sectionIndex = openSection(id, origin: element.origin, logStart: logStart)
            }
            if mayOpenSection { pendingSectionElements -= 1 }
            var children: [XMLOutputNode] = []
            renderContent(of: element, context: context, into: &children)
            if let sectionIndex {
                openSections.removeLast()
                sectionRanges[sectionIndex] = sectionRanges[sectionIndex].lowerBound..<readLog.count
            }
            output.append(.element(XMLOutputElement(
                name: name, namespaceURI: namespaceURI, attributes: attributes, children: children)))
            outputNodes += 1
            _ = withinLimits(at: element.origin)
        }
    }

    private func renderContent(of element: TemplateElement, context: XPathNodeHandle, into output: inout [XMLOutputNode]) {
        if let expression = element.text {
            guard let value = evaluate(expression, context: context) else { return }
            if case .nodes(let nodes) = value, nodes.isEmpty {
                if let fallback = element.defaultText {
                    appendText(fallback, to: &output)
                } else {
                    report(expression, "The expression '\(expression.source)' selects nothing, and a value is required here.",
                           fix: "Fix the path, or give a default with t:default=\"...\".")
                }
                return
            }
            let text = TemplateCompiler.normalizedValue(session.stringValue(of: value))
            appendText(text, to: &output)
            return
        }
        if let expression = element.copy {
            // The content is read whole: its trace line hashes each node's subtree.
            guard case .nodes(let nodes)? = evaluate(expression, context: context) else {
                report(expression, "The expression '\(expression.source)' of t:copy does not select elements.",
                       fix: "Select the elements whose content to copy, e.g. t:copy=\"$passage\".")
                return
            }
            for node in nodes {
                for copied in session.content(of: node, allowing: Self.copiedElements, namespaceURI: TemplateNamespace.xhtml) {
                    append(copied, to: &output)
                }
            }
            return
        }
        for child in element.children {
            render(child, context: context, into: &output)
        }
    }

    /// Draws a chart from its data element, which is read whole (its trace line hashes the
    /// subtree, so the picture is stale exactly when what it draws changed). No data, no
    /// chart: a profile without options has no cash-flow chart.
    private func renderChart(_ kind: ChartKind, data: TemplateExpression, context: XPathNodeHandle, into output: inout [XMLOutputNode]) {
        guard case .nodes(let nodes)? = evaluate(data, context: context), let node = nodes.first,
            let subtree = session.subtree(of: node), let svg = kind.draw(subtree)
        else { return }
        output.append(.element(spelt(svg)))
    }

    /// A drawn element with its words spelt for the locale (a chart's "behaviours") and
    /// its nodes counted against the limits.
    private func spelt(_ element: XMLOutputElement) -> XMLOutputElement {
        outputNodes += 1
        var element = element
        element.children = element.children.map { child in
            switch child {
            case .text(let text):
                outputBytes += text.utf8.count
                return .text(locale.spelt(text))
            case .element(let nested):
                return .element(spelt(nested))
            }
        }
        return element
    }

    /// The elements `t:copy` keeps as markup: the narrative markup of the profile.
    static let copiedElements: Set<String> = ["p", "ul", "li", "em", "strong"]

    /// Appends a copied node, counting it against the limits.
    private func append(_ node: XMLOutputNode, to output: inout [XMLOutputNode]) {
        switch node {
        case .text(let text):
            appendText(text, to: &output)
        case .element(let element):
            outputNodes += 1
            var children: [XMLOutputNode] = []
            for child in element.children { append(child, to: &children) }
            output.append(.element(XMLOutputElement(name: element.name, namespaceURI: element.namespaceURI, children: children)))
        }
    }

    private func appendText(_ text: String, to output: inout [XMLOutputNode]) {
        guard !text.isEmpty, !stopped else { return }
        // Counted here, checked at the next element: between two checks the document can
        // grow by at most one value, itself bounded by maximumValueBytes.
        outputBytes += text.utf8.count
        if case .text(let previous)? = output.last {
            output[output.count - 1] = .text(previous + text)
        } else {
            output.append(.text(text))
            outputNodes += 1
        }
    }

    private func bind(_ name: String, _ value: XPathObject) {
        bind(number(of: name), value)
    }

    private func bind(_ number: Int, _ value: XPathObject) {
        bindingNames.append(number)
        bindingValues.append(value)
    }

    func number(of name: String) -> Int {
        session.variableNumber(name)
    }

    private func unbind(to mark: Int) {
        bindingNames.removeSubrange(mark...)
        bindingValues.removeSubrange(mark...)
    }

    // MARK: - Evaluation and traces

    private func evaluate(
        _ expression: TemplateExpression, context: XPathNodeHandle, resultIsPlaceOnly: Bool = false, isCondition: Bool = false
    ) -> XPathObject? {
        guard withinLimits(at: expression.origin, sourceOf: expression) else { return nil }
        let lookup = variableLookup
        let result: XPathObject
        do {
            result = try session.evaluate(expression.compiled, at: context, variables: lookup)
        } catch {
            let reason: String
            switch error {
            case .evaluationFailed(_, let why), .invalidExpression(_, let why): reason = why
            case .limitExceeded(_, let why):
                // Stop: the same expression in the next loop item would cost as much again.
                stop(at: expression.origin, "The expression '\(expression.source)' was stopped: \(why)",
                     fix: "Look for a value that builds on itself (concat($s, $s) level after level) or an expression nested in its own predicates; see 'Limits' in docs/templates.md.")
                return nil
            }
            report(expression, "The expression '\(expression.source)' cannot be evaluated: \(reason)",
                   fix: "Check the function names, the variables in scope and the types.")
            return nil
        }
        if case .string(let text) = result, text.utf8.count > limits.maximumValueBytes {
            stop(at: expression.origin,
                 "The expression '\(expression.source)' gives a string of \(text.utf8.count) bytes, more than the limit of \(limits.maximumValueBytes) for one value.",
                 fix: "Check for variables that build on each other, such as concat($s, $s) repeated.")
            return nil
        }
        if !openSections.isEmpty || pendingSectionElements > 0 {
            logReads(of: expression, result: result, context: context, resultIsPlaceOnly: resultIsPlaceOnly, isCondition: isCondition)
        }
        return result
    }

    // MARK: - Limits

    /// Whether rendering may go on; when a limit has just been crossed, reports it at
    /// `origin` and stops the render. Counts one step towards the next clock reading.
    private func withinLimits(at origin: TemplateOrigin, sourceOf expression: TemplateExpression? = nil) -> Bool {
        guard !stopped else { return false }
        if outputNodes > limits.maximumOutputNodes {
            stop(at: origin, "The document has more than \(limits.maximumOutputNodes) elements and text nodes, the limit for one document; it was stopped here.",
                 fix: "Check for loops nested in loops, or macros called inside large loops.")
            return false
        }
        if outputBytes > limits.maximumOutputBytes {
            stop(at: origin, "The document holds more than \(limits.maximumOutputBytes) bytes of text, the limit for one document; it was stopped here.",
                 fix: "Check for loops nested in loops, or long values repeated in a loop.")
            return false
        }
        stepsSinceClock += 1
        // A step is microseconds; reading the thread's clock every 64 steps keeps the
        // check out of the profile and still stops within milliseconds of the limit.
        guard stepsSinceClock >= 64 else { return true }
        stepsSinceClock = 0
        let elapsed = Self.processorTime() - startTime
        guard elapsed > limits.timeLimit else { return true }
        let place = expression.map { "at the expression '\($0.source)'" } ?? "here"
        stop(at: origin, "Rendering this document took more than \(limits.timeLimit) of processor time, the limit for one document; it was stopped \(place).",
             fix: "Look for loops over large node-sets that evaluate costly expressions (see 'Writing templates that render fast' in docs/templates.md).")
        return false
    }

    private func stop(at origin: TemplateOrigin, _ summary: String, fix: String) {
        stopped = true
        diagnostics.append(TemplateDiagnostic(origin: origin, summary: summary, fix: fix, sourceLine: sourceLine(origin)))
    }

    /// The processor time this thread has used: what the time limit measures, so a busy
    /// machine (other renders on the other cores) does not make a template fail.
    private static func processorTime() -> Duration {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return .zero }
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }

    /// The id the document's `<head>` is traced under, as if it were a section.
    package static let headSectionID = "head"

    private func openSection(_ id: String, origin: TemplateOrigin, logStart: Int) -> Int? {
        if sectionIndexByID[id] != nil {
            diagnostics.append(TemplateDiagnostic(
                origin: origin, summary: "The section id '\(id)' is used twice in this document.",
                fix: "Section ids must be unique and stable: add the loop item's id, e.g. concat('touchpoint-', @id).",
                sourceLine: sourceLine(origin)))
            return nil
        }
        let index = sectionIDs.count
        sectionIDs.append(id)
        sectionIndexByID[id] = index
        sectionRanges.append(logStart..<logStart)
        openSections.append(index)
        if let localeRead { _ = evaluate(localeRead, context: session.documentHandle) }
        return index
    }

    private func report(_ expression: TemplateExpression, _ summary: String, fix: String) {
        diagnostics.append(TemplateDiagnostic(
            origin: expression.origin, summary: summary, fix: fix, sourceLine: sourceLine(expression.origin)))
    }

    private func sourceLine(_ origin: TemplateOrigin) -> String? {
        guard let lines = linesByFile[origin.file], origin.position.line >= 1, origin.position.line <= lines.count else {
            return nil
        }
        return lines[origin.position.line - 1]
    }
}
