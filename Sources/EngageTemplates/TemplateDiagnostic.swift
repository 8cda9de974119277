import EngageBasics
import XMLSupport

/// Where a template construct comes from: its file and position, and the chain of
/// includes and macro calls that brought it into the document being rendered.
public struct TemplateOrigin: Sendable, Hashable {
    /// One step of the chain, innermost first: "in macro 'kpi' called from FILE:L:C".
    public struct Frame: Sendable, Hashable {
        public var description: String
        public var file: String
        public var position: SourcePosition

        package init(description: String, file: String, position: SourcePosition) {
            self.description = description
            self.file = file
            self.position = position
        }
    }

    public var file: String
    public var position: SourcePosition
    public var chain: [Frame]

    package init(file: String, position: SourcePosition, chain: [Frame]) {
        self.file = file
        self.position = position
        self.chain = chain
    }

    package func adding(_ frame: Frame) -> TemplateOrigin {
        TemplateOrigin(file: file, position: position, chain: chain + [frame])
    }
}

/// A problem in a template or in its evaluation, reported the way Chameleon does: the
/// location, the message, the source line with a caret, then the include/macro chain.
public struct TemplateDiagnostic: Error, Sendable, Hashable {
    public var origin: TemplateOrigin
    public var summary: String
    public var fix: String?
    /// The template line the error is on, for the caret display.
    public var sourceLine: String?

    package init(origin: TemplateOrigin, summary: String, fix: String? = nil, sourceLine: String? = nil) {
        self.origin = origin
        self.summary = summary
        self.fix = fix
        self.sourceLine = sourceLine
    }

    /// The diagnostic in the product's one-line form, `FILE:LINE:COL: error: MESSAGE`.
    public var diagnostic: Diagnostic {
        Diagnostic(file: origin.file, position: origin.position, summary: summary, fix: fix)
    }

    /// The full multi-line report.
    public var formatted: String {
        var lines = [diagnostic.formatted]
        if let sourceLine {
            let expanded = sourceLine.replacingTabs()
            lines.append("    " + expanded)
            let caretColumn = max(0, origin.position.column - 1)
            lines.append("    " + String(repeating: " ", count: caretColumn) + "^")
        }
        for frame in origin.chain {
            lines.append("  \(frame.description) \(frame.file):\(frame.position.line):\(frame.position.column)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Every problem of a template run, reported together.
public struct TemplateFailure: Error, Sendable {
    public var diagnostics: [TemplateDiagnostic]

    package init(diagnostics: [TemplateDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var formatted: String { diagnostics.map(\.formatted).joined(separator: "\n") }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
