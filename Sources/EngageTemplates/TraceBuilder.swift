import XMLSupport

/// Turns a render's log of reads into section traces: each node read is a line (its stable
/// path and content hash), and so is each list it was chosen from (``TraceHash``), so that
/// adding an element to a list a section looped over makes the section stale. Every
/// distinct line gets a number when first read; sections keep numbers, and the document
/// writes each line once (``DocumentReads``).
struct TraceBuilder {
    let session: XPathSession
    let memo: TraceMemo
    /// The lines read that are not a node's (``ReadKind/line(_:)``).
    let ownLines: [(path: String, hash: String)]

    /// The traces of `sectionIDs`: each reads the entries of `log` in its range of
    /// `ranges`, read as `kinds` says; the sections in `readingEverything` show the input
    /// fingerprint, which changes whenever any input does.
    func traces(
        of sectionIDs: [String], ranges sectionRanges: [Range<Int>], log readLog: [XPathNodeHandle], kinds readKinds: [ReadKind],
        readingEverything sectionsReadingEverything: Set<Int>
    ) -> (sections: [SectionTrace], reads: DocumentReads) {
        // Every distinct line gets a number when first read; sections keep numbers, and
        // the document writes each line once. Handles are dense indices, so arrays stand
        // in for dictionaries.
        var lines: [(path: String, hash: String)] = []
        var lineOfNode = [Int](repeating: -1, count: session.nodeCount)
        var lineOfMembership = [Int](repeating: -1, count: session.nodeCount)
        var lineOfNamedList: [String: Int] = [:]
        // Per element, the number of the line listing it and its same-named siblings:
        // -2 not known yet, -1 none (the document element).
        var sameNameLineOfElement = [Int](repeating: -2, count: session.nodeCount)
        var seenInSection = [Int](repeating: -1, count: session.nodeCount)
        // Per node, the last section whose lists of it were added, and through how many
        // steps (the most a read in that section asked for).
        var allSiblingsDoneInSection = [Int](repeating: -1, count: session.nodeCount)
        var stepsDoneInSection = [Int](repeating: -1, count: session.nodeCount)
        var stepsDone = [Int](repeating: 0, count: session.nodeCount)
        // Per entry of `ownLines`, its line's number once written (-1 before).
        var lineOfOwnLine = [Int](repeating: -1, count: ownLines.count)
        var lineSeenInSection: [Int] = []
        func line(_ line: (path: String, hash: String)) -> Int {
            lines.append(line)
            return lines.count - 1
        }
        /// The number of the line listing every child of the holder of `entry`'s node.
        func membershipLine(_ entry: TraceMemo.Entry) -> Int? {
            guard let holder = entry.listHolder?.index, let membership = memo.membership(of: entry, in: session) else { return nil }
            // A holder no expression read may have got its handle just now.
            if holder >= lineOfMembership.count {
                lineOfMembership += repeatElement(-1, count: holder + 1 - lineOfMembership.count)
            }
            if lineOfMembership[holder] < 0 { lineOfMembership[holder] = line(membership) }
            return lineOfMembership[holder]
        }
        /// The number of the line listing `element` and its same-named siblings.
        func sameNameLine(_ element: XPathNodeHandle) -> Int? {
            if element.index >= sameNameLineOfElement.count {
                sameNameLineOfElement += repeatElement(-2, count: element.index + 1 - sameNameLineOfElement.count)
            }
            if sameNameLineOfElement[element.index] == -2 {
                if let list = memo.sameNameList(of: element, in: session) {
                    let number = lineOfNamedList[list.path] ?? line(list)
                    lineOfNamedList[list.path] = number
                    sameNameLineOfElement[element.index] = number
                } else {
                    sameNameLineOfElement[element.index] = -1
                }
            }
            let number = sameNameLineOfElement[element.index]
            return number >= 0 ? number : nil
        }
        var sectionLines: [[Int]] = []
        sectionLines.reserveCapacity(sectionRanges.count)
        for (section, range) in sectionRanges.enumerated() {
            var numbers: [Int] = []
            numbers.reserveCapacity(range.count * 2)
            func add(_ number: Int?) {
                guard let number else { return }
                if number >= lineSeenInSection.count {
                    lineSeenInSection += repeatElement(-1, count: number + 1 - lineSeenInSection.count)
                }
                guard lineSeenInSection[number] != section else { return }
                lineSeenInSection[number] = section
                numbers.append(number)
            }
            for position in range {
                let handle = readLog[position]
                let placeOnly: Bool
                let place: XPathReadPaths.Place
                switch readKinds[position].decoded {
                case .line(let index):
                    if lineOfOwnLine[index] < 0 {
                        let own = ownLines[index]
                        let number = lineOfNamedList[own.path] ?? line(own)
                        lineOfNamedList[own.path] = number
                        lineOfOwnLine[index] = number
                    }
                    add(lineOfOwnLine[index])
                    continue
                case .node(let onlyPlace, let nodePlace):
                    placeOnly = onlyPlace
                    place = nodePlace
                }
                let node = handle.index
                // An attribute or text in a fixed place exists or not: its content line
                // records that, since no list of elements does; so does one right below
                // an element a lookup chose.
                let isFixed = place == .fixed || (place == .chosenByKey(stepsAfter: 0) && !session.isElement(handle))
                if (!placeOnly || isFixed) && seenInSection[node] != section {
                    seenInSection[node] = section
                    if lineOfNode[node] < 0 {
                        let entry = memo.entry(for: handle, in: session)
                        lineOfNode[node] = line((entry.path, memo.hash(of: entry, in: session)))
                    }
                    numbers.append(lineOfNode[node])
                }
                // Where the node is: the lists it was chosen from; a node read again in the
                // same section, through as many steps, adds none.
                switch place {
                case .fixed:
                    break
                case .amongAllSiblings:
                    guard allSiblingsDoneInSection[node] != section else { break }
                    allSiblingsDoneInSection[node] = section
                    add(membershipLine(memo.entry(for: handle, in: session)))
                case .amongSameName(let steps), .chosenByKey(let steps):
                    guard stepsDoneInSection[node] != section || stepsDone[node] < steps else { break }
                    stepsDoneInSection[node] = section
                    stepsDone[node] = steps
                    var element = memo.entry(for: handle, in: session).element
                    for _ in 0..<steps {
                        guard let current = element else { break }
                        add(sameNameLine(current))
                        element = memo.parent(of: current, in: session)
                    }
                }
            }
            sectionLines.append(numbers)
        }
        // A section showing the input fingerprint changes whenever any input does.
        for section in sectionsReadingEverything { sectionLines[section] = Array(lines.indices) }
        let built = DocumentReads.build(lines: lines, sections: sectionLines)
        let sections = zip(sectionIDs, built.sections).map { id, numbers in
            SectionTrace(sectionID: id, encodedLineNumbers: numbers, document: built.reads)
        }
        return (sections, built.reads)
    }
}

/// How a render read a node: for its content and its place, or (an item of `t:each`, a
/// node bound by `t:let`, a node that makes a `t:if` true, a node counted) for its place
/// only, and which lists its place is in (``XPathReadPaths/Place``); or a line of its own
/// (a keyed lookup's, a context-free expression's value).
///
/// Packed in four bytes: a render logs hundreds of thousands of reads, and an enum with
/// payloads would take twenty-four bytes each.
struct ReadKind {
    enum Decoded {
        case node(placeOnly: Bool, place: XPathReadPaths.Place)
        /// The index of the line in `ownLines`.
        case line(Int)
    }

    /// Bit 31: a line, whose index is bits 0-30. Otherwise bit 0: place only; bits 1-2: the
    /// place (fixed, among all siblings, among the same name, chosen by key); bits 3-30:
    /// its steps.
    private let raw: UInt32

    static func node(placeOnly: Bool, place: XPathReadPaths.Place) -> ReadKind {
        let (kind, steps): (UInt32, Int) =
            switch place {
            case .fixed: (0, 0)
            case .amongAllSiblings: (1, 0)
            case .amongSameName(let steps): (2, steps)
            case .chosenByKey(let steps): (3, steps)
            }
        return ReadKind(raw: (placeOnly ? 1 : 0) | kind << 1 | UInt32(min(steps, 1 << 27)) << 3)
    }

    static func line(_ index: Int) -> ReadKind {
        ReadKind(raw: 1 << 31 | UInt32(index))
    }

    var decoded: Decoded {
        if raw & (1 << 31) != 0 { return .line(Int(raw & ~(1 << 31))) }
        let steps = Int((raw >> 3) & ((1 << 28) - 1))
        let place: XPathReadPaths.Place =
            switch (raw >> 1) & 3 {
            case 0: .fixed
            case 1: .amongAllSiblings
            case 2: .amongSameName(steps: steps)
            default: .chosenByKey(stepsAfter: steps)
            }
        return .node(placeOnly: raw & 1 != 0, place: place)
    }
}
