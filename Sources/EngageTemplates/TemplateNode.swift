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
        let analysis = ExpressionTraceAnalysis.of(source)
        var paths: [XPathExpression] = []
        var absolute: [Bool] = []
        var placesOnly: [Bool] = []
        var places: [XPathReadPaths.Place] = []
        for path in analysis.readPaths {
            let compiledPath: XPathExpression
            if let known = readPaths[path.text] {
                compiledPath = known
            } else {
                guard let compiled = try? XPathExpression(path.text) else { continue }
                readPaths[path.text] = compiled
                compiledPath = compiled
            }
            paths.append(compiledPath)
            absolute.append(path.text.utf8.first == UInt8(ascii: "/"))
            placesOnly.append(path.placeOnly)
            places.append(path.place)
        }
        self.readPaths = paths
        self.absolute = absolute
        self.candidates = placesOnly
        self.places = places
        // The lookup's paths are pieces of an expression that compiled: they compile too.
        // Were one not to, the error beats a trace that misses the candidates.
        lookup = try analysis.lookup.map { lookup throws(XPathError) in try CompiledLookup(lookup, readPaths: &readPaths) }
        contextFreeSource = analysis.contextFreeSource
        resultPlace = analysis.resultPlace
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
