import CLibXML2

extension XMLDocument {
    /// Errors from serializing a document.
    public enum SerializationError: Error, Sendable, CustomStringConvertible {
        case canonicalizationFailed

        public var description: String {
            switch self {
            case .canonicalizationFailed: "libxml2 could not canonicalize the document."
            }
        }
    }

    /// The document in Canonical XML 1.0 without comments: the same information always
    /// gives the same bytes, whatever the attribute order or quoting of the source.
    public func canonicalBytes() throws(SerializationError) -> [UInt8] {
        var output: UnsafeMutablePointer<xmlChar>?
        let (length, _) = LibXML2Runtime.capturingErrors { _ in
            xmlC14NDocDumpMemory(pointer, nil, Int32(XML_C14N_1_0.rawValue), nil, 0, &output)
        }
        guard length >= 0, let output else { throw .canonicalizationFailed }
        defer { engage_xmlFree(output) }
        return [UInt8](UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
