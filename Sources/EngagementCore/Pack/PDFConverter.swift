import Foundation

/// Converts Word documents to PDF with LibreOffice (`soffice --headless --convert-to pdf`),
/// DESIGN section 15: the PDF is the DOCX as a word processor lays it out.
///
/// Each conversion runs one LibreOffice process over all its documents, with a profile
/// folder of its own (two LibreOffice processes sharing one profile block each other), and
/// is stopped after ``timeout``. The PDF's creation date and file identifier, the only
/// bytes that change from run to run, are replaced by fixed ones of the same length, so the
/// same document gives the same bytes.
public enum PDFConverter {
    /// The Debian package that provides `soffice` without a desktop.
    public static let package = "libreoffice-writer-nogui"
    /// How long one conversion may take before it is stopped; `ENGAGE_PDF_TIMEOUT` (seconds) sets it.
    static var timeout: Duration {
        if let text = ProcessInfo.processInfo.environment["ENGAGE_PDF_TIMEOUT"], let seconds = Double(text), seconds > 0 { return .seconds(seconds) }
        return .seconds(300)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// LibreOffice's program, or why there is none.
    public static func program() throws(Failure) -> String {
        guard let soffice = ExecutableSearch.find("soffice") ?? ExecutableSearch.find("libreoffice") else {
            throw Failure(description: "PDF needs LibreOffice, which is not installed: apt-get install \(package)")
        }
        return soffice
    }

    /// The PDF of each DOCX of `documents`, by name (without extension).
    public static func convert(_ documents: [(name: String, docx: [UInt8])]) throws(Failure) -> [String: [UInt8]] {
        guard !documents.isEmpty else { return [:] }
        let soffice = try program()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("engage-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("in")
        let output = work.appendingPathComponent("out")
        do {
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for document in documents {
                try Data(document.docx).write(to: input.appendingPathComponent("\(document.name).docx"))
            }
        } catch {
            throw Failure(description: "could not prepare the PDF conversion in \(work.path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "--headless", "--norestore", "--nolockcheck", "--nodefault",
            "-env:UserInstallation=\(work.appendingPathComponent("profile").absoluteString)",
            "--convert-to", "pdf", "--outdir", output.path,
        ] + documents.map { input.appendingPathComponent("\($0.name).docx").path }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { throw Failure(description: "could not start \(soffice): \(error.localizedDescription)") }
        let errorText = UnsafeSendableBox<Data>(Data())
        let reader = Thread { errorText.value = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let limit = timeout
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw Failure(description: "LibreOffice did not finish converting to PDF within \(Int(seconds)) seconds (ENGAGE_PDF_TIMEOUT sets the limit)")
        }
        var pdfs: [String: [UInt8]] = [:]
        for document in documents {
            guard let data = try? Data(contentsOf: output.appendingPathComponent("\(document.name).pdf")), data.starts(with: Array("%PDF".utf8)) else {
                let detail = String(decoding: errorText.value, as: UTF8.self).split(separator: "\n").filter { !$0.contains("javaldx") }.joined(separator: " ")
                throw Failure(description: "LibreOffice did not convert \(document.name) to PDF (exit status \(process.terminationStatus))\(detail.isEmpty ? "" : ": \(detail)")")
            }
            pdfs[document.name] = deterministic([UInt8](data))
        }
        return pdfs
    }

    /// `pdf` with its creation date, file identifier and checksum made fixed: the date
    /// becomes 1 January 1980 and the others a hash of the rest, each the same length as
    /// before so that the cross-reference offsets stay right.
    static func deterministic(_ pdf: [UInt8]) -> [UInt8] {
        var bytes = pdf
        for key in ["/CreationDate(D:", "/ModDate(D:"] {
            let pattern = Array(key.utf8)
            var start = 0
            while let found = firstIndex(of: pattern, in: bytes, from: start) {
                var index = found + pattern.count
                let fixed = Array("19800101000000".utf8)
                var digit = 0
                while index < bytes.count, digit < fixed.count, (0x30...0x39).contains(bytes[index]) {
                    bytes[index] = fixed[digit]
                    index += 1
                    digit += 1
                }
                start = index
            }
        }
        // The identifier (/ID [ <hex> <hex> ]) and LibreOffice's checksum of the content
        // (/DocChecksum /hex), which covers the date, become a hash of everything else.
        var spans: [Range<Int>] = []
        let idKey = Array("/ID [".utf8)
        if let found = firstIndex(of: idKey, in: bytes, from: 0) {
            var index = found + idKey.count
            while spans.count < 2, let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")), let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")), close - open < 80 {
                spans.append(open + 1..<close)
                index = close + 1
            }
        }
        let checksumKey = Array("/DocChecksum /".utf8)
        if let found = firstIndex(of: checksumKey, in: bytes, from: 0) {
            let start = found + checksumKey.count
            var end = start
            while end < bytes.count, end - start < 64, bytes[end].isHexDigit { end += 1 }
            spans.append(start..<end)
        }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var rest = bytes
        for span in spans.reversed() { rest.removeSubrange(span) }
        let hex = Array(FNV1a.hex(FNV1a.hash(rest)).uppercased().utf8)
        for span in spans {
            for (offset, position) in span.enumerated() { bytes[position] = hex[offset % hex.count] }
        }
        return bytes
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// A value written by one thread and read by another after it has finished.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
