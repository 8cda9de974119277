import EngageBasics
import Foundation
import XMLSupport

/// The template namespace, `xmlns:t="urn:engagement-planner:template"`.
public enum TemplateNamespace {
    public static let uri = "urn:engagement-planner:template"
    /// The XHTML namespace templates are written in.
    public static let xhtml = "http://www.w3.org/1999/xhtml"
}

/// An expression's compiled forms, shared by every place the same text appears (a macro
/// expanded at many call sites compiles its expressions once).
package final class CompiledExpression {
    package let compiled: XPathExpression
    /// The location paths inside, predicates removed, evaluated for tracing only.
    package let readPaths: [XPathExpression]

    /// Which read paths are absolute: their nodes do not depend on the context, so a
    /// render evaluates each once.
    package let absolute: [Bool]

    /// Which read paths are read for their nodes' places only: the expression itself
    /// without its predicates, and each step a predicate chooses from.
    package let candidates: [Bool]

    /// The place of each read path's nodes (``XPathReadPaths/place(of:)``).
    package let places: [XPathReadPaths.Place]

    /// The place of the nodes of the expression's result.
    package let resultPlace: XPathReadPaths.Place

    /// The lookup the expression performs, compiled (``KeyedLookup``): a render records
    /// its line instead of the candidates and their keys.
    package let lookup: CompiledLookup?

    /// The expression, trimmed, when it needs nothing from where it is evaluated
    /// (``XPathReadPaths/isContextFree(_:_:)``): a render records its value instead of
    /// what it read, unless it gives nodes to work on.
    package let contextFreeSource: String?

    /// Compiles `source` and its read paths.
    ///
    /// - Parameter readPaths: the read paths compiled so far, by text, taken from and added
    ///   to: the same ones (`$rows`, `@id`) come back in many expressions, and libxml2 makes
    ///   a kilobyte of each.
    /// - Throws: ``XPathError/invalidExpression(_:reason:)`` when `source` is not XPath 1.0.
    package init(_ source: String, readPaths: inout [String: XPathExpression]) throws(XPathError) {
        compiled = try XPathExpression(source)
        let trimmed = Self.trimmingWhitespace(source)
        // A plain path is its own read path: its result already says what it read.
        var paths: [XPathExpression] = []
        var absolute: [Bool] = []
        var placesOnly: [Bool] = []
        var places: [XPathReadPaths.Place] = []
        let found = XPathReadPaths.analyze(source)
        // Without its predicates, the expression's own path gives the candidates the
        // predicates chose from: only their places matter (which exist, in which order);
        // the predicates' reads and the result say the rest.
        let wholeWithoutPredicates = XPathReadPaths.withoutPredicates(trimmed)
        let candidates = wholeWithoutPredicates != trimmed ? wholeWithoutPredicates : nil
        var seen: Set<String> = [trimmed]
        // Functions that read the model on their own (money() its currency) record it too.
        let modelReads = found.functions.flatMap { TemplateFunctions.modelReads[$0] ?? [] }
        let lookup = KeyedLookup(trimmed).flatMap { try? CompiledLookup($0, readPaths: &readPaths) }
        if let lookup {
            // The lookup's line says which candidates were chosen: neither the candidates'
            // places nor their keys are read.
            seen.insert(lookup.source.stepPath)
            if let candidates { seen.insert(candidates) }
            for key in lookup.source.keys { seen.insert(lookup.source.stepPath + "/@" + key.attribute) }
        }
        let listed = found.paths.map { ($0, $0 == candidates) } + found.places.map { ($0, true) }
            + modelReads.map { ($0, false) }
        for (path, placeOnly) in listed where seen.insert(path).inserted {
            let compiledPath: XPathExpression
            if let known = readPaths[path] {
                compiledPath = known
            } else {
                guard let compiled = try? XPathExpression(path) else { continue }
                readPaths[path] = compiled
                compiledPath = compiled
            }
            paths.append(compiledPath)
            absolute.append(path.utf8.first == UInt8(ascii: "/"))
            placesOnly.append(placeOnly)
            places.append(XPathReadPaths.place(of: path))
        }
        self.readPaths = paths
        self.absolute = absolute
        self.candidates = placesOnly
        self.places = places
        self.lookup = lookup
        contextFreeSource = XPathReadPaths.isContextFree(trimmed, found) ? trimmed : nil
        resultPlace = lookup.map { .chosenByKey(stepsAfter: $0.source.elementStepsAfter) }
            ?? XPathReadPaths.place(of: wholeWithoutPredicates)
    }

    /// `source` without the spaces and tabs around it (`CharacterSet.whitespaces`); only
    /// asks Foundation when an end is not plain ASCII text.
    private static func trimmingWhitespace(_ source: String) -> String {
        func isText(_ byte: UInt8?) -> Bool { byte.map { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 } ?? true }
        guard isText(source.utf8.first), isText(source.utf8.last) else { return source.trimmingCharacters(in: .whitespaces) }
        return source
    }
}

/// A ``KeyedLookup`` with its paths compiled for a render.
package final class CompiledLookup {
    package let source: KeyedLookup
    package let parents: XPathExpression
    package let values: [XPathExpression]
    /// The candidates, read instead when the lookup's line cannot be written.
    package let candidates: XPathExpression

    init(_ lookup: KeyedLookup, readPaths: inout [String: XPathExpression]) throws(XPathError) {
        func compiled(_ path: String) throws(XPathError) -> XPathExpression {
            if let known = readPaths[path] { return known }
            let expression = try XPathExpression(path)
            readPaths[path] = expression
            return expression
        }
        source = lookup
        parents = try compiled(lookup.parentPath)
        var values: [XPathExpression] = []
        for key in lookup.keys { values.append(try compiled(key.value)) }
        self.values = values
        candidates = try compiled(lookup.stepPath)
    }
}

/// An XPath expression at one place of a template.
package final class TemplateExpression {
    package let source: String
    package let shared: CompiledExpression
    package let origin: TemplateOrigin

    package var compiled: XPathExpression { shared.compiled }
    package var readPaths: [XPathExpression] { shared.readPaths }
    package var readPathIsAbsolute: [Bool] { shared.absolute }
    package var readPathIsCandidates: [Bool] { shared.candidates }
    package var readPathPlaces: [XPathReadPaths.Place] { shared.places }

    package init(source: String, shared: CompiledExpression, origin: TemplateOrigin) {
        self.source = source
        self.shared = shared
        self.origin = origin
    }
}

/// A compiled template node: text, or an element with its instructions.
package enum TemplateNode {
    case text(String)
    case element(TemplateElement)
}

/// An element of a compiled template. Instructions apply in this fixed order:
/// `t:each`, then `t:let`, then `t:if` / `t:unless`, then `t:text`, then `t:attr-*`;
/// a `<t:block>` (and the expansion of an include, macro call or slot) emits only its
/// children.
package final class TemplateElement {
    package enum Kind {
        /// An output element: local name and namespace.
        case element(name: String, namespaceURI: String?)
        /// Children only, no wrapper.
        case block
    }

    package let kind: Kind
    package let origin: TemplateOrigin
    package var each: (variable: String, expression: TemplateExpression)?
    package var lets: [(name: String, expression: TemplateExpression)] = []
    package var condition: (expression: TemplateExpression, negated: Bool)?
    package var text: TemplateExpression?
    package var defaultText: String?
    package var staticAttributes: [String: String] = [:]
    package var dynamicAttributes: [(name: String, expression: TemplateExpression)] = []
    package var children: [TemplateNode] = []

    package init(kind: Kind, origin: TemplateOrigin) {
        self.kind = kind
        self.origin = origin
    }
}

/// A document template compiled for one thread: expressions are compiled libxml2 objects.
public final class CompiledTemplate {
    package let root: TemplateElement
    /// The template file, relative to the template folder.
    public let name: String
    /// A hash of every template file the compiled tree was built from, in a fixed order;
    /// the template part of a revision's provenance.
    public let sourceHash: String

    package init(root: TemplateElement, name: String, sourceHash: String) {
        self.root = root
        self.name = name
        self.sourceHash = sourceHash
    }
}
