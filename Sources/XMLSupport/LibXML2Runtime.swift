import CLibXML2

/// One-time libxml2 set-up and per-call error capture.
///
/// libxml2 keeps its error handlers in thread-local state, so installing a handler
/// around a synchronous call captures exactly that call's errors, even while other
/// threads parse other documents.
enum LibXML2Runtime {
    /// `xmlInitParser` must run once before any thread uses libxml2;
    /// `xmlCleanupParser` is never called, since other threads may still be working.
    private static let initialization: Void = {
        xmlInitParser()
        // No file or URL is ever opened by libxml2 itself (DTDs, entities, schema
        // imports): everything engage parses is bytes it read and checked first.
        engage_refuseExternalEntities()
    }()

    static func ensureInitialized() {
        _ = initialization
    }

    /// Runs `body` with every libxml2 error raised on this thread collected into the
    /// returned list instead of being printed to stderr.
    static func capturingErrors<Result>(
        _ body: (ErrorCollector) throws -> Result
    ) rethrows -> (Result, [CapturedError]) {
        ensureInitialized()
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context, collectStructuredError)
        engage_silenceGenericErrors()
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
        }
        let result = try withExtendedLifetime(collector) { try body(collector) }
        return (result, collector.errors)
    }
}

/// One error reported by libxml2, copied out of its C structure.
struct CapturedError {
    var domain: Int32
    var code: Int32
    var isWarning: Bool
    var message: String
    var line: Int
    var column: Int
    /// The node the error is about, used only as a lookup key inside this module.
    var node: UnsafeMutableRawPointer?
}

/// Receives errors from libxml2's C callback.
final class ErrorCollector {
    private(set) var errors: [CapturedError] = []

    /// Cap on the number kept: a pathological file can raise thousands.
    private let maximumErrors = 200

    func append(_ error: CapturedError) {
        guard errors.count < maximumErrors else { return }
        errors.append(error)
    }

    var opaqueSelf: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

/// The C-compatible structured error callback; `context` is an unretained `ErrorCollector`.
let collectStructuredError: xmlStructuredErrorFunc = { context, errorPointer in
    guard let context, let error = errorPointer?.pointee else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
    let rawMessage = error.message.map { String(cString: $0) } ?? "Unknown XML error."
    collector.append(
        CapturedError(
            domain: error.domain,
            code: error.code,
            isWarning: error.level == XML_ERR_WARNING,
            message: rawMessage.trimmingCharacters(),
            line: Int(error.line),
            column: Int(error.int2),
            node: error.node
        )
    )
}

extension String {
    /// Drops leading and trailing whitespace and newlines without Foundation.
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
