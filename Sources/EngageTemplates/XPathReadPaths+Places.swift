/// What a read path says about the nodes it selects, for the lines a trace records of
/// them (``TraceHash``): which lists they were chosen from, and whether an expression needs
/// anything from where it is evaluated.
extension XPathReadPaths {
    /// XPath 1.0's own functions whose value depends on their arguments alone (not
    /// `position()`, `last()`, `lang()` or `id()`): an expression calling only these, on
    /// paths from the root, has the same value wherever it is evaluated.
    package static let contextFreeFunctions: Set<String> = [
        "count", "local-name", "namespace-uri", "name", "string", "concat", "starts-with", "contains",
        "substring-before", "substring-after", "substring", "string-length", "normalize-space", "translate",
        "boolean", "not", "true", "false", "number", "sum", "floor", "ceiling", "round",
    ]

    /// Whether `expression`, analyzed as `found`, needs nothing from where it is evaluated:
    /// no variable, no relative path outside a predicate, no `current()`, only
    /// ``contextFreeFunctions``; and it reads the model at all.
    package static func isContextFree(
        _ expression: String, _ found: (paths: [String], places: [String], functions: [String])
    ) -> Bool {
        guard !found.paths.isEmpty || !found.places.isEmpty,
            !expression.utf8.contains(UInt8(ascii: "$")), !found.functions.contains("current")
        else { return false }
        return found.functions.allSatisfy(contextFreeFunctions.contains)
            && (found.paths + found.places).allSatisfy { $0.utf8.first == slash }
    }

    /// Which lists a node that a read path (predicates stripped) selected was chosen from,
    /// and so which list lines record its place (``TraceHash``).
    package enum Place: Equatable, Sendable {
        /// Every child of its parent: the path steps by `*`, `//`, `..`, `node()` or another
        /// axis, or is not a plain path, so any new sibling could have joined it.
        case amongAllSiblings
        /// Its siblings of the same name, and so for each of the path's `steps` element
        /// steps (at least one): the path steps by name along the child axis
        /// (`preferences/preference/@format` takes two steps), so only a new sibling of
        /// that name, at one of its steps, could have joined it.
        case amongSameName(steps: Int)
        /// Nowhere: an attribute or text of the context node or of a variable's node
        /// (`@id`, `$s/@level`), whose own place was recorded where it was chosen.
        case fixed
        /// Below an element a ``KeyedLookup`` chose, whose line records its place: the
        /// same-named siblings at each of the `stepsAfter` element steps after it.
        case chosenByKey(stepsAfter: Int)
    }

    /// The ``Place`` of the nodes the read path `path` selects, from the context, a
    /// variable or the root.
    package static func place(of path: String) -> Place {
        var path = path
        return path.withUTF8 { whole in
            var bytes = whole[...]
            if bytes.starts(with: selfNode) { bytes = bytes.dropFirst(selfNode.count) }
            var elementSteps = 0
            var readsBelowStart = false
            var stepStart = bytes.startIndex
            var stepIndex = 0
            // One pass: each step ends at a "/" or at the end.
            for position in bytes.startIndex...bytes.endIndex {
                if position < bytes.endIndex {
                    let byte = bytes[position]
                    if position + 1 < bytes.endIndex, bytes[position + 1] == byte, byte == slash || byte == dot || byte == colon {
                        return .amongAllSiblings  // "//", "..", "::"
                    }
                    guard byte == slash else { continue }
                }
                let step = bytes[stepStart..<position]
                defer {
                    stepStart = position + 1
                    stepIndex += 1
                }
                if step.elementsEqual(textNode) {
                    readsBelowStart = true
                    continue
                }
                if (stepIndex == 0 && step.isEmpty) || (step.count == 1 && step.first == dot) { continue }
                var name = step
                if name.first == UInt8(ascii: "$"), stepIndex == 0 {
                    name = name.dropFirst()
                } else if name.first == UInt8(ascii: "@") {
                    name = name.dropFirst()
                    readsBelowStart = true
                } else {
                    elementSteps += 1
                    readsBelowStart = false
                }
                // A name: no "*", no "node()", no spaces; it starts with a letter or "_".
                guard isName(name) else { return .amongAllSiblings }
            }
            // Only attributes or text of the starting node: fixed. The node itself (`.`, a
            // bare `$sponsors`) keeps its list: where it was chosen may lie outside the section.
            return elementSteps == 0 && readsBelowStart ? .fixed : .amongSameName(steps: max(1, elementSteps))
        }
    }

    private static let selfNode = Array("self::node()".utf8)
    private static let textNode = Array("text()".utf8)
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")
    private static let colon = UInt8(ascii: ":")

    /// An XML name without a prefix (letters, digits, `-`, `_`, `.`, starting with a
    /// letter or `_`; any byte of a multi-byte character counts as a letter).
    package static func isName<Bytes: Collection<UInt8>>(_ name: Bytes) -> Bool {
        guard let first = name.first, first >= 0x80 || first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.allSatisfy { $0 >= 0x80 || isNameCharacter($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }
}
