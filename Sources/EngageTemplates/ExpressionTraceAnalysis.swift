import Foundation

/// What tracing needs to know of an expression's text, worked out once per process and
/// shared by every document and thread that compiles the same text: the paths a render
/// evaluates to record what the expression read (``XPathReadPaths``), the lookup it
/// performs (``KeyedLookup``), and whether it needs no context.
package struct ExpressionTraceAnalysis: Sendable {
    /// A path a render evaluates for tracing only.
    package struct ReadPath: Sendable {
        package let text: String
        /// Whether only its nodes' places were read: the expression itself without its
        /// predicates, a step a predicate chooses from, a counted path.
        package let placeOnly: Bool
        package let place: XPathReadPaths.Place
    }

    package let readPaths: [ReadPath]
    /// The place of the nodes of the expression's result.
    package let resultPlace: XPathReadPaths.Place
    package let lookup: KeyedLookup?
    /// The trimmed text, when the expression needs nothing from where it is evaluated
    /// (``XPathReadPaths/isContextFree(_:_:)``): a render records its value instead of
    /// what it read, unless it gives nodes to work on.
    package let contextFreeSource: String?
    /// The variables the expression names (`$name`), each once; a `$` inside a string
    /// literal counts too, which only ever makes a section depend on more.
    package let variables: [String]

    /// The analysis of `source`, from the process-wide cache when another document
    /// compiled the same text.
    ///
    /// - Parameter withLookup: whether a lookup may stand for its candidates' reads.
    package static func of(_ source: String, withLookup: Bool = true) -> ExpressionTraceAnalysis {
        guard withLookup else { return ExpressionTraceAnalysis(source, withLookup: false) }
        cache.lock.lock()
        let known = cache.analyses[source]
        cache.lock.unlock()
        if let known { return known }
        let analysis = ExpressionTraceAnalysis(source, withLookup: true)
        cache.lock.lock()
        cache.analyses[source] = analysis
        cache.lock.unlock()
        return analysis
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var analyses: [String: ExpressionTraceAnalysis] = [:]
    }

    private static let cache = Cache()

    /// ``TemplateFunctions/modelReads``, in a fixed order.
    private static let modelReads = TemplateFunctions.modelReads.sorted { $0.key < $1.key }

    private init(_ source: String, withLookup: Bool) {
        let trimmed = Self.trimmingWhitespace(source)
        let found = XPathReadPaths.analyze(source)
        // Without its predicates, the expression's own path gives the candidates the
        // predicates chose from: only their places matter (which exist, in which order);
        // the predicates' reads and the result say the rest.
        let wholeWithoutPredicates = XPathReadPaths.withoutPredicates(trimmed)
        let candidates = wholeWithoutPredicates != trimmed ? wholeWithoutPredicates : nil
        // A plain path is its own read path: its result already says what it read. An
        // expression has a handful of paths: an array is quicker than a set.
        var seen: [String] = [trimmed]
        let lookup = withLookup ? KeyedLookup(trimmed) : nil
        if let lookup {
            // The lookup's line says which candidates were chosen: neither the candidates'
            // places nor their keys are read.
            seen.append(lookup.stepPath)
            if let candidates { seen.append(candidates) }
            for key in lookup.keys { seen.append(lookup.stepPath + "/@" + key.attribute) }
        }
        var readPaths: [ReadPath] = []
        func add(_ path: String, placeOnly: Bool) {
            guard !seen.contains(path) else { return }
            seen.append(path)
            readPaths.append(ReadPath(text: path, placeOnly: placeOnly, place: XPathReadPaths.place(of: path)))
        }
        for path in found.paths { add(path, placeOnly: path == candidates) }
        for path in found.places { add(path, placeOnly: true) }
        // Functions that read the model on their own (money() its currency) record it too.
        for (function, paths) in Self.modelReads where found.functions.contains(function) {
            for path in paths { add(path, placeOnly: false) }
        }
        self.readPaths = readPaths
        self.lookup = lookup
        contextFreeSource = XPathReadPaths.isContextFree(trimmed, found) ? trimmed : nil
        resultPlace = lookup.map { .chosenByKey(stepsAfter: $0.elementStepsAfter) } ?? XPathReadPaths.place(of: wholeWithoutPredicates)
        variables = Self.variables(in: source)
    }

    /// The names after each `$` of `source`, each once, in the order written.
    package static func variables(in source: String) -> [String] {
        let bytes = Array(source.utf8)
        var names: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if !name.isEmpty, !names.contains(name) { names.append(name) }
            index = end
        }
        return names
    }

    /// Whether `byte` continues an XPath variable name: ASCII letters, digits, `-`, `_`,
    /// `.`, and any byte of a multi-byte character.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".")
    }

    /// `source` without the spaces and tabs around it (`CharacterSet.whitespaces`); only
    /// asks Foundation when an end is not plain ASCII text.
    private static func trimmingWhitespace(_ source: String) -> String {
        func isText(_ byte: UInt8?) -> Bool { byte.map { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 } ?? true }
        guard isText(source.utf8.first), isText(source.utf8.last) else { return source.trimmingCharacters(in: .whitespaces) }
        return source
    }
}
