import CLibXML2
import Foundation

/// A node of a document held by an ``XPathSession``: an index, not a pointer, valid only
/// with the session that produced it.
public struct XPathNodeHandle: Hashable, Sendable {
    /// Dense from 0, in the order the session first met the node: usable as an array index.
    public let index: Int
}

/// An XPath value that crosses the boundary between Swift and libxml2.
public enum XPathObject {
    case nodes([XPathNodeHandle])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

/// A Swift function callable from XPath expressions; it receives its arguments in order.
public typealias XPathFunction = (_ session: XPathSession, _ arguments: [XPathObject]) throws(XPathFunctionError) -> XPathObject

/// An error raised by an ``XPathFunction``, reported with the expression that called it.
public struct XPathFunctionError: Error, Sendable, Hashable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Evaluates compiled expressions against one document many times, with a context node,
/// variables and Swift functions; the unit of work of a template render.
///
/// One libxml2 XPath context is reused for every evaluation, so evaluating costs no
/// allocation of contexts or function tables. Not thread-safe: one session per thread;
/// for that reason its state is `@exclusivity(unchecked)`, as the runtime's checks on
/// every access of a property cost more than many evaluations do.
public final class XPathSession {
    let document: XMLDocument
    private let context: xmlXPathContextPtr
    @exclusivity(unchecked) var nodes: [xmlNodePtr] = []
    @exclusivity(unchecked) private var handles: [UnsafeMutableRawPointer: XPathNodeHandle] = [:]
    private let functions: [String: XPathFunction]
    let keys: [String: [String]]
    /// Resolves a variable, by its number (see ``variableNumber(_:)``), during the
    /// evaluation in progress.
    @exclusivity(unchecked) private var variableLookup: ((Int) -> XPathObject?)?
    @exclusivity(unchecked) private var variableNumbers: [String: Int] = [:]
    /// Every interned name, NUL-terminated, one after the other; `variableNameOffsets[n]`
    /// is where name `n` starts (one buffer, so a check retains nothing).
    @exclusivity(unchecked) private var variableNameBytes: [CChar] = []
    @exclusivity(unchecked) private var variableNameOffsets: [Int] = []
    /// Variable names as libxml2 passes them (pointers into compiled expressions) -> number.
    /// Checked with strcmp on every hit: a freed expression's memory may be reused.
    @exclusivity(unchecked) private var numbersByNamePointer: [UnsafeRawPointer: Int] = [:]
    /// Expressions that are a bare `$name`, with that variable's number.
    @exclusivity(unchecked) private var bareVariables: [ObjectIdentifier: (name: String, number: Int)] = [:]
    @exclusivity(unchecked) private var functionFailure: String?
    /// The first error libxml2 reported during the evaluation in progress.
    @exclusivity(unchecked) fileprivate var evaluationError: String?
    /// Whether `evaluationError` is a limit of the session, not a mistake in the expression.
    @exclusivity(unchecked) fileprivate var evaluationErrorIsLimit = false
    /// The context node of the evaluation in progress, for `current()`.
    @exclusivity(unchecked) private var currentNode: XPathNodeHandle?

    /// Opens a session on `document`, whose lifetime it extends.
    ///
    /// - Parameter functions: Swift functions by name, callable without a prefix.
    /// Besides `functions`, `current()` is always defined, as in XSLT: the context node
    /// the evaluation started from, so predicates can compare with it
    /// (`expectation[@id = current()/@ref]`).
    /// - Parameter keys: for elements without an `id`, the attributes that identify one
    ///   among its siblings in ``stablePath(of:)`` (e.g. `measurement: [expectation, date]`).
    public init(document: XMLDocument, functions: [String: XPathFunction] = [:], keys: [String: [String]] = [:]) {
        LibXML2Runtime.ensureInitialized()
        self.keys = keys
        self.document = document
        self.functions = functions
        // xmlXPathNewContext only fails when out of memory.
        guard let context = xmlXPathNewContext(document.pointer) else { fatalError("libxml2 is out of memory.") }
        self.context = context
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        for name in (Array(functions.keys) + ["current"]).sorted() {
            xmlXPathRegisterFunc(context, name, callSwiftFunction)
        }
        xmlXPathRegisterVariableLookup(context, lookUpVariable, Unmanaged.passUnretained(self).toOpaque())
        context.pointee.error = recordXPathError
    }

    deinit {
        xmlXPathFreeContext(context)
    }

    /// The most operations libxml2 may spend on one evaluation, nil (the default) for no
    /// limit. An evaluation that needs more fails with an error that says so: it bounds
    /// what one expression nested in its own predicates can cost
    /// (`count(//*[count(//*[count(//*)])])`).
    public var operationLimit: Int? {
        didSet {
            // libxml2 (2.9.11 and later) counts operations in opCount and stops at opLimit;
            // 0 means no limit.
            context.pointee.opLimit = operationLimit.map { UInt(max(1, $0)) } ?? 0
        }
    }

    /// The most bytes of strings Swift may hand to libxml2 during one evaluation (variable
    /// values and function results), nil (the default) for no limit. A string limit on
    /// results alone would let one expression multiply a long value by its number of
    /// references (`concat($s, $s, $s, ...)`) before any result is seen.
    public var inputByteLimit: Int?
    /// Bytes handed to libxml2 so far in the evaluation in progress.
    @exclusivity(unchecked) private var inputBytes = 0

    /// How many nodes have handles so far; every handle's index is below it.
    public var nodeCount: Int { nodes.count }

    /// The document node itself (`/`).
    public var documentHandle: XPathNodeHandle {
        handle(for: UnsafeMutableRawPointer(document.pointer).assumingMemoryBound(to: xmlNode.self))
    }

    /// Evaluates `expression` with `node` as context node and `variables` resolving `$name`
    /// by the name's number: a caller with many variables interns each name once with
    /// ``variableNumber(_:)``, and no string is built or hashed per reference. A bare
    /// `$name` takes the variable's value without a trip through libxml2.
    ///
    /// - Throws: ``XPathError/evaluationFailed(_:reason:)`` on a type error, an unknown
    ///   function or variable, or a failing Swift function.
    public func evaluate(
        _ expression: XPathExpression,
        at node: XPathNodeHandle,
        variables: @escaping (Int) -> XPathObject? = { _ in nil }
    ) throws(XPathError) -> XPathObject {
        if let name = expression.variableName, let value = variables(bareVariableNumber(expression, name)) {
            return value
        }
        variableLookup = variables
        defer { variableLookup = nil }
        return try run(expression, at: node)
    }

    private func bareVariableNumber(_ expression: XPathExpression, _ name: String) -> Int {
        let key = ObjectIdentifier(expression)
        // The name is compared as well: a freed expression's identifier may be reused.
        if let known = bareVariables[key], known.name == name { return known.number }
        let number = variableNumber(name)
        bareVariables[key] = (name, number)
        return number
    }

    private func run(_ expression: XPathExpression, at node: XPathNodeHandle) throws(XPathError) -> XPathObject {
        functionFailure = nil
        currentNode = node
        defer { currentNode = nil }
        let target = nodes[node.index]
        context.pointee.node = target
        context.pointee.contextSize = 1
        context.pointee.proximityPosition = 1
        // Errors arrive through the context's own handler (set in init): installing a
        // thread-wide handler per evaluation would cost more than most evaluations.
        evaluationError = nil
        evaluationErrorIsLimit = false
        // The limits are per evaluation: libxml2 only ever adds to its count.
        context.pointee.opCount = 0
        inputBytes = 0
        var outcome: XPathObject?
        if let object = xmlXPathCompiledEval(expression.compiled, context) {
            outcome = convert(object)
            xmlXPathFreeObject(object)
        }
        guard let outcome, functionFailure == nil, evaluationError == nil else {
            if evaluationErrorIsLimit, let evaluationError { throw .limitExceeded(expression.source, reason: evaluationError) }
            let reason = functionFailure ?? evaluationError ?? "libxml2 gave no result."
            throw .evaluationFailed(expression.source, reason: reason)
        }
        return outcome
    }

    /// The number of the variable `name` in this session, the same for every call.
    public func variableNumber(_ name: String) -> Int {
        if let number = variableNumbers[name] { return number }
        let number = variableNameOffsets.count
        variableNumbers[name] = number
        variableNameOffsets.append(variableNameBytes.count)
        variableNameBytes += name.utf8CString
        return number
    }

    // MARK: - Nodes

    /// The XPath string value of a node.
    public func stringValue(of handle: XPathNodeHandle) -> String {
        guard let content = xmlNodeGetContent(nodes[handle.index]) else { return "" }
        defer { engage_xmlFree(content) }
        return String(cString: content)
    }

    /// The value of the attribute `name` of an element, nil when it has none: what
    /// `@name` gives from it, without an evaluation.
    public func attribute(_ name: String, of handle: XPathNodeHandle) -> String? {
        let node = nodes[handle.index]
        guard node.pointee.type == XML_ELEMENT_NODE, let raw = xmlHasProp(node, name) else { return nil }
        guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(raw).assumingMemoryBound(to: xmlNode.self)) else { return "" }
        defer { engage_xmlFree(value) }
        return String(cString: value)
    }

    /// The name of an element or attribute; empty for text.
    public func name(of handle: XPathNodeHandle) -> String {
        let node = nodes[handle.index]
        guard node.pointee.type != XML_TEXT_NODE, node.pointee.type != XML_CDATA_SECTION_NODE else { return "" }
        return node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The XPath string value of an object (the first node's, for a node-set).
    public func stringValue(of object: XPathObject) -> String {
        switch object {
        case .nodes(let handles): handles.first.map(stringValue(of:)) ?? ""
        case .string(let string): string
        case .number(let number): XPathValue.xpathString(number)
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// The XPath `boolean()` of an object.
    public func booleanValue(of object: XPathObject) -> Bool {
        switch object {
        case .nodes(let handles): !handles.isEmpty
        case .string(let string): !string.isEmpty
        case .number(let number): number != 0 && !number.isNaN
        case .boolean(let flag): flag
        }
    }

    /// The XPath `number()` of an object.
    public func numberValue(of object: XPathObject) -> Double {
        switch object {
        case .number(let number): return number
        case .boolean(let flag): return flag ? 1 : 0
        default:
            let text = stringValue(of: object).trimmingCharacters()
            return Double(text) ?? .nan
        }
    }

    /// The content of an element as an output tree: its text and the elements whose names
    /// `allowed` holds, in `namespaceURI`, without attributes; any other element gives
    /// its text only. Markup from data thus comes out only as the markup asked for, and
    /// its text is escaped when written like all other text.
    public func content(of handle: XPathNodeHandle, allowing allowed: Set<String>, namespaceURI: String?) -> [XMLOutputNode] {
        var output: [XMLOutputNode] = []
        func copy(_ parent: xmlNodePtr, into nodes: inout [XMLOutputNode]) {
            var child = parent.pointee.children
            while let node = child {
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { nodes.append(.text(String(cString: content))) }
                case XML_ELEMENT_NODE:
                    let name = node.pointee.name.map { String(cString: $0) } ?? ""
                    if allowed.contains(name) {
                        var children: [XMLOutputNode] = []
                        copy(node, into: &children)
                        nodes.append(.element(XMLOutputElement(name: name, namespaceURI: namespaceURI, children: children)))
                    } else {
                        copy(node, into: &nodes)
                    }
                default:
                    break
                }
                child = node.pointee.next
            }
        }
        let node = nodes[handle.index]
        guard node.pointee.type == XML_ELEMENT_NODE else { return [.text(stringValue(of: handle))] }
        copy(node, into: &output)
        return output
    }

    /// The element at `handle` with its attributes and everything inside it, as an output
    /// tree without namespaces: the data a chart is drawn from. Nil for a node that is not
    /// an element.
    public func subtree(of handle: XPathNodeHandle) -> XMLOutputElement? {
        func copy(_ node: xmlNodePtr) -> XMLOutputElement {
            var attributes: [String: String] = [:]
            var attribute = node.pointee.properties
            while let current = attribute {
                if let name = current.pointee.name, let value = xmlGetProp(node, name) {
                    attributes[String(cString: name)] = String(cString: value)
                    engage_xmlFree(value)
                }
                attribute = current.pointee.next
            }
            var children: [XMLOutputNode] = []
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { children.append(.text(String(cString: content))) }
                case XML_ELEMENT_NODE:
                    children.append(.element(copy(current)))
                default:
                    break
                }
                child = current.pointee.next
            }
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            return XMLOutputElement(name: name, attributes: attributes, children: children)
        }
        let node = nodes[handle.index]
        guard node.pointee.type == XML_ELEMENT_NODE else { return nil }
        return copy(node)
    }

    /// Whether the node is an element (not an attribute, text or the document).
    public func isElement(_ handle: XPathNodeHandle) -> Bool {
        nodes[handle.index].pointee.type == XML_ELEMENT_NODE
    }

    /// The parent element of a node (for an attribute, its element); nil for the root.
    public func parent(of handle: XPathNodeHandle) -> XPathNodeHandle? {
        let node = nodes[handle.index]
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return self.handle(for: parent)
    }

    /// Where the node (or, for an attribute or text, its element) starts in the source.
    public func position(of handle: XPathNodeHandle) -> SourcePosition? {
        var node: xmlNodePtr? = nodes[handle.index]
        if let current = node, current.pointee.type != XML_ELEMENT_NODE { node = current.pointee.parent }
        return document.position(ofNode: node.map { UnsafeMutableRawPointer($0) })
    }

    // MARK: - Conversions

    func handle(for node: xmlNodePtr) -> XPathNodeHandle {
        let key = UnsafeMutableRawPointer(node)
        if let existing = handles[key] { return existing }
        let handle = XPathNodeHandle(index: nodes.count)
        nodes.append(node)
        handles[key] = handle
        return handle
    }

    /// Why an evaluation that selected namespace nodes fails.
    static let namespaceNodesRefused =
        "It selects namespace nodes (the namespace:: axis), and namespace nodes cannot be used in templates."

    /// The Swift value of a libxml2 object, which the caller still frees; nil (with
    /// ``evaluationError`` set) when the object holds nodes that must not outlive it.
    fileprivate func convert(_ object: xmlXPathObjectPtr) -> XPathObject? {
        switch object.pointee.type {
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return .nodes([])
            }
            let range = 0..<Int(set.pointee.nodeNr)
            // libxml2 puts namespace nodes (the namespace:: axis) in a node-set as copies
            // that `object` owns and frees with it, so a handle to one would dangle. They
            // are refused before any handle is made: the model has no namespaces, and a
            // namespace node has no parent, path or position a trace could record.
            guard !range.contains(where: { table[$0]?.pointee.type == XML_NAMESPACE_DECL }) else {
                if evaluationError == nil { evaluationError = Self.namespaceNodesRefused }
                return nil
            }
            return .nodes(range.compactMap { table[$0].map(handle(for:)) })
        default:
            return .string("")
        }
    }

    /// A new libxml2 object for `object`; the caller (libxml2) takes ownership.
    fileprivate func makeObject(_ object: XPathObject) -> xmlXPathObjectPtr? {
        switch object {
        case .string(let string):
            inputBytes += string.utf8.count
            if let inputByteLimit, inputBytes > inputByteLimit {
                if evaluationError == nil {
                    evaluationError =
                        "It takes in more than \(inputByteLimit) bytes of strings from variables and functions, the limit for one evaluation."
                    evaluationErrorIsLimit = true
                }
                return nil
            }
            return xmlXPathNewString(string)
        case .number(let number): return xmlXPathNewFloat(number)
        case .boolean(let flag): return xmlXPathNewBoolean(flag ? 1 : 0)
        case .nodes(let handles):
            let set = xmlXPathNewNodeSet(nil)
            for handle in handles {
                xmlXPathNodeSetAdd(set?.pointee.nodesetval, nodes[handle.index])
            }
            return set
        }
    }

    fileprivate func resolveVariable(_ name: UnsafePointer<CChar>) -> xmlXPathObjectPtr? {
        guard let variableLookup else { return nil }
        let key = UnsafeRawPointer(name)
        let number: Int
        if let cached = numbersByNamePointer[key],
            variableNameBytes.withUnsafeBufferPointer({ bytes in
                bytes.baseAddress.map { strcmp($0 + variableNameOffsets[cached], name) == 0 } ?? false
            }) {
            number = cached
        } else {
            number = variableNumber(String(cString: name))
            numbersByNamePointer[key] = number
        }
        return variableLookup(number).flatMap(makeObject)
    }

    fileprivate func callFunction(named name: String, arguments: [XPathObject]) -> XPathObject? {
        if name == "current", functions[name] == nil {
            // XSLT's current(): the node the evaluation started from.
            guard arguments.isEmpty else {
                functionFailure = "current() takes no arguments."
                return nil
            }
            return .nodes(currentNode.map { [$0] } ?? [])
        }
        guard let function = functions[name] else {
            functionFailure = "The function \(name)() is not defined."
            return nil
        }
        do {
            return try function(self, arguments)
        } catch {
            functionFailure = "\(name)(): \(error.message)"
            return nil
        }
    }
}

/// The context's structured error handler; `data` is the session (the context's userData).
private let recordXPathError: xmlStructuredErrorFunc = { data, error in
    guard let data else { return }
    let session = Unmanaged<XPathSession>.fromOpaque(data).takeUnretainedValue()
    guard session.evaluationError == nil else { return }
    // libxml2 2.9 leaves `message` empty for XPath errors; the code says what happened.
    let code = Int(error?.pointee.code ?? 0) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
    if code == Int(XPATH_OP_LIMIT_EXCEEDED.rawValue), let limit = session.operationLimit {
        session.evaluationError =
            "It needs more than \(limit) XPath operations, the limit for one evaluation; an expression nested in its own predicates grows with a power of the document's size."
        session.evaluationErrorIsLimit = true
        return
    }
    let message = error?.pointee.message.map { String(cString: $0) } ?? xpathErrorMessages[code, default: "XPath error"]
    session.evaluationError = ParserErrorMessages.sentence(message)
}

/// libxml2's XPath error texts, by `xmlXPathError` code.
private let xpathErrorMessages: [Int: String] = [
    1: "Number encoding", 2: "Unfinished literal", 3: "Start of literal", 4: "Expected $ for variable reference",
    5: "Undefined variable", 6: "Invalid predicate", 7: "Invalid expression", 8: "Missing closing curly brace",
    9: "Unregistered function", 10: "Invalid operand", 11: "Invalid type", 12: "Invalid number of arguments",
    13: "Invalid context size", 14: "Invalid context position", 15: "Memory allocation error", 16: "Syntax error",
    17: "Resource error", 18: "Sub resource error", 19: "Undefined namespace prefix", 20: "Encoding error",
    21: "Char out of XML range", 22: "Invalid or incomplete context", 23: "Stack usage error",
    24: "Forbidden variable", 25: "Operation limit exceeded", 26: "Recursion limit exceeded",
]

private let lookUpVariable: xmlXPathVariableLookupFunc = { data, name, _ in
    guard let data, let name else { return nil }
    let session = Unmanaged<XPathSession>.fromOpaque(data).takeUnretainedValue()
    return UnsafeRawPointer(name).withMemoryRebound(to: CChar.self, capacity: 1) { session.resolveVariable($0) }
}

private let callSwiftFunction: xmlXPathFunction = { parserContext, argumentCount in
    guard let parserContext, let context = parserContext.pointee.context, let data = context.pointee.userData,
        let rawName = context.pointee.function
    else { return }
    let session = Unmanaged<XPathSession>.fromOpaque(data).takeUnretainedValue()
    var arguments: [XPathObject] = []
    var refused = false
    for _ in 0..<Int(argumentCount) {
        guard let object = valuePop(parserContext) else { break }
        if let argument = session.convert(object) { arguments.append(argument) } else { refused = true }
        xmlXPathFreeObject(object)
    }
    arguments.reverse()
    guard !refused, let result = session.callFunction(named: String(cString: rawName), arguments: arguments),
        let object = session.makeObject(result)
    else {
        parserContext.pointee.error = Int32(XPATH_EXPR_ERROR.rawValue)
        return
    }
    valuePush(parserContext, object)
}
