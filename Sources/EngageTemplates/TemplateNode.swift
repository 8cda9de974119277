import Charts
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
    private let source: String
    private let readPathCompiler: ReadPathCompiler

    /// What a render evaluates to trace the expression, worked out on its first
    /// evaluation inside a section: many expressions are never evaluated there (a branch
    /// not taken, a cover page), and their analysis would be wasted.
    package private(set) lazy var tracing = ExpressionTracing(source, compiler: readPathCompiler)

    /// Compiles `source`.
    ///
    /// - Parameter readPathCompiler: compiles the read paths of the template's expressions
    ///   when first traced, each text once.
    /// - Throws: ``XPathError/invalidExpression(_:reason:)`` when `source` is not XPath 1.0.
    package init(_ source: String, readPathCompiler: ReadPathCompiler) throws(XPathError) {
        compiled = try XPathExpression(source)
        self.source = source
        self.readPathCompiler = readPathCompiler
    }
}

/// Compiles the read paths of one template's expressions, each text once: the same ones
/// (`$rows`, `@id`) come back in many expressions, and libxml2 makes a kilobyte of each.
/// Used by the one thread that renders the template.
package final class ReadPathCompiler {
    private var compiled: [String: XPathExpression] = [:]
    private var childPaths: [String: ChildReadPath?] = [:]

    package init() {}

    /// ``ChildReadPath`` of `path`, worked out once per text: read paths share its names.
    package func childPath(_ path: String) -> ChildReadPath? {
        if let known = childPaths[path] { return known }
        let childPath = ChildReadPath(path)
        childPaths[path] = childPath
        return childPath
    }

    /// `path` compiled; nil when it is not XPath 1.0.
    package func compile(_ path: String) -> XPathExpression? {
        if let known = compiled[path] { return known }
        let expression = try? XPathExpression(path)
        if let expression { compiled[path] = expression }
        return expression
    }
}

/// An expression's ``ExpressionTraceAnalysis`` with its paths compiled for a render.
package final class ExpressionTracing {
    /// A location path inside the expression, evaluated for tracing only.
    package struct ReadPath {
        package let expression: XPathExpression
        /// Its nodes do not depend on the context, so a render evaluates it once.
        package let isAbsolute: Bool
        /// Only its nodes' places were read: the expression itself without its
        /// predicates, a step a predicate chooses from, a counted path.
        package let placeOnly: Bool
        package let place: XPathReadPaths.Place
        /// Its shape when it is child steps by name, which a render follows without
        /// libxml2.
        package let childPath: ChildReadPath?
    }

    package let readPaths: [ReadPath]
    /// The place of the nodes of the expression's result.
    package let resultPlace: XPathReadPaths.Place
    /// The lookup the expression performs (``KeyedLookup``): a render records its line
    /// instead of the candidates and their keys.
    package let lookup: CompiledLookup?
    /// The expression, trimmed, when it needs nothing from where it is evaluated: a
    /// render records its value instead of what it read, unless it gives nodes to work on.
    package let contextFreeSource: String?
    /// The variables the expression names (``ExpressionTraceAnalysis/variables``).
    package let variables: [String]

    init(_ source: String, compiler: ReadPathCompiler) {
        var analysis = ExpressionTraceAnalysis.of(source)
        var lookup = analysis.lookup.flatMap { CompiledLookup($0, compiler: compiler) }
        if analysis.lookup != nil, lookup == nil {
            // The lookup's paths are pieces of an expression that compiled, so this does not
            // happen; were it to, the candidates are traced as without a lookup.
            analysis = ExpressionTraceAnalysis.of(source, withLookup: false)
            lookup = nil
        }
        readPaths = analysis.readPaths.compactMap { path in
            compiler.compile(path.text).map {
                ReadPath(
                    expression: $0, isAbsolute: path.text.utf8.first == UInt8(ascii: "/"), placeOnly: path.placeOnly, place: path.place,
                    childPath: compiler.childPath(path.text))
            }
        }
        resultPlace = analysis.resultPlace
        self.lookup = lookup
        contextFreeSource = analysis.contextFreeSource
        variables = analysis.variables
    }
}

/// A ``KeyedLookup`` with its paths compiled for a render.
package final class CompiledLookup {
    package let source: KeyedLookup
    package let parents: XPathExpression
    package let values: [XPathExpression]
    /// How each value is found (``KeyedLookup/KeyValue``).
    package let valueKinds: [KeyedLookup.KeyValue]
    /// The candidates, read instead when the lookup's line cannot be written.
    package let candidates: XPathExpression

    /// Nil when one of the lookup's paths does not compile.
    init?(_ lookup: KeyedLookup, compiler: ReadPathCompiler) {
        guard let parents = compiler.compile(lookup.parentPath), let candidates = compiler.compile(lookup.stepPath) else { return nil }
        var values: [XPathExpression] = []
        for key in lookup.keys {
            guard let value = compiler.compile(key.value) else { return nil }
            values.append(value)
        }
        source = lookup
        self.parents = parents
        self.values = values
        valueKinds = lookup.keyValues
        self.candidates = candidates
    }
}

/// An XPath expression at one place of a template.
package final class TemplateExpression {
    package let source: String
    package let shared: CompiledExpression
    package let origin: TemplateOrigin

    package var compiled: XPathExpression { shared.compiled }

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
        /// `<t:chart kind>`: the chart drawn from the model element `data` selects.
        case chart(ChartKind, data: TemplateExpression)
    }

    package let kind: Kind
    package let origin: TemplateOrigin
    package var each: (variable: String, expression: TemplateExpression)?
    package var lets: [(name: String, expression: TemplateExpression)] = []
    package var condition: (expression: TemplateExpression, negated: Bool)?
    package var text: TemplateExpression?
    /// `t:copy`: the content of the selected model elements, as markup.
    package var copy: TemplateExpression?
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
