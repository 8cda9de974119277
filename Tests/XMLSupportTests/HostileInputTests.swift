import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import XMLSupport

/// Inputs crafted to read files, reach the network or exhaust memory and time: each must be
/// refused quickly, with a diagnostic that says why and where, and without leaking anything.
@Suite("Hostile input")
struct HostileInputTests {
    /// The first line of /etc/passwd on every Unix system; must never appear in our output.
    static let passwdMarker = "root:"

    @Test func externalEntityReadingPasswdIsRefusedAsDoctypeWithoutLeakingTheFile() throws {
        let text = #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#
        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: text, fileName: "xxe.xml") }
        let diagnostic = try #require(failure?.diagnostics.first)

        #expect(failure?.diagnostics.count == 1)
        #expect(diagnostic.file == "xxe.xml")
        #expect(diagnostic.position == SourcePosition(line: 1, column: 1))
        #expect(diagnostic.summary.contains("DOCTYPE declarations are not allowed"))
        #expect(diagnostic.fix?.contains("Remove the <!DOCTYPE") == true)
        let everything = try TestXML.allText(#require(failure))
        #expect(!everything.contains(Self.passwdMarker))
        #expect(elapsed < .seconds(1))
    }

    @Test func networkDTDIsRefusedAtTheDoctypeLine() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">
            <x/>
            """
        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: text) }
        let diagnostic = try #require(failure?.diagnostics.first)

        #expect(diagnostic.position == SourcePosition(line: 2, column: 1))
        #expect(diagnostic.summary.contains("DOCTYPE"))
        #expect(diagnostic.fix != nil)
        #expect(elapsed < .seconds(1))
    }

    @Test func billionLaughsEntityBombIsRefusedBeforeExpansion() throws {
        var lines = [#"<?xml version="1.0"?>"#, "<!DOCTYPE lolz [", #"  <!ENTITY lol "lol">"#]
        var previous = "lol"
        for level in 1...9 {
            let name = "lol\(level)"
            lines.append("  <!ENTITY \(name) \"\(String(repeating: "&\(previous);", count: 10))\">")
            previous = name
        }
        lines += ["]>", "<lolz>&lol9;</lolz>"]
        let text = lines.joined(separator: "\n")

        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: text, fileName: "bomb.xml") }
        let diagnostic = try #require(failure?.diagnostics.first)

        #expect(failure?.diagnostics.count == 1)
        #expect(diagnostic.position == SourcePosition(line: 2, column: 1))
        #expect(diagnostic.summary.contains("expand without limit"))
        #expect(elapsed < .seconds(1))
    }

    @Test func hundredMegabyteFileIsRefusedAsTooLargeWithoutBeingParsed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("huge.xml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("<r>".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let megabyteOfElements = Data(String(repeating: "<i/>", count: (1 << 20) / 4).utf8)
        for _ in 0..<100 { try handle.write(contentsOf: megabyteOfElements) }
        try handle.write(contentsOf: Data("</r>".utf8))
        try handle.close()

        let (result, elapsed) = TestXML.timed {
            Result { () throws(XMLParseFailure) in try XMLDocument.parse(fileAt: path, displayName: "huge.xml") }
        }
        guard case .failure(let failure) = result else {
            Issue.record("A 100 MB file was parsed instead of refused.")
            return
        }
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(failure.diagnostics.count == 1)
        #expect(diagnostic.file == "huge.xml")
        #expect(diagnostic.position == .start)
        #expect(diagnostic.summary == "The file is 100.0 MiB (104857604 bytes), more than the limit of 16 MiB.")
        #expect(diagnostic.fix != nil)
        #expect(elapsed < .seconds(1))
    }

    @Test func endlessDeviceIsRefusedAfterReadingJustPastTheLimit() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/zero"))
        let limits = XMLLimits(maximumBytes: 64 << 10, maximumDepth: 16)
        let (result, elapsed) = TestXML.timed {
            Result { () throws(XMLParseFailure) in try XMLDocument.parse(fileAt: "/dev/zero", limits: limits) }
        }
        guard case .failure(let failure) = result else {
            Issue.record("/dev/zero was accepted as XML.")
            return
        }
        #expect(failure.diagnostics.first?.summary.contains("more than the limit of 64 KiB") == true)
        #expect(elapsed < .seconds(1))
    }

    @Test func tenThousandLevelsOfNestingAreRefusedAtTheFirstTagPastTheLimit() throws {
        let text = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: text, fileName: "deep.xml") }
        let diagnostic = try #require(failure?.diagnostics.first)

        #expect(failure?.diagnostics.count == 1)
        // The 257th <a> starts after 256 three-byte tags.
        #expect(diagnostic.position == SourcePosition(line: 1, column: 256 * 3 + 1))
        #expect(diagnostic.summary == "Elements are nested 257 levels deep here, more than the limit of 256.")
        #expect(diagnostic.fix?.isEmpty == false)
        #expect(elapsed < .seconds(1))
    }

    @Test func nestingAtTheDepthLimitIsAccepted() throws {
        let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 10)
        let atLimit = String(repeating: "<a>", count: 10) + String(repeating: "</a>", count: 10)
        let document = try TestXML.parse(atLimit, limits: limits)
        var depth = 1
        var element = document.root
        while let child = element.element(named: "a") {
            depth += 1
            element = child
        }
        #expect(depth == 10)

        let overLimit = "<a>" + atLimit + "</a>"
        let failure = TestXML.failure(parsing: overLimit, limits: limits)
        #expect(failure?.diagnostics.first?.summary.contains("nested 11 levels deep") == true)
    }

    @Test func depthLimitAbove256IsClampedToLibxml2sOwnLimitWithAClearMessage() throws {
        // engage never turns on libxml2's huge mode, whose absence caps nesting at 256.
        let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 300)
        #expect(limits.maximumDepth == 256)
        let text = String(repeating: "<a>", count: 280) + String(repeating: "</a>", count: 280)
        let failure = try #require(TestXML.failure(parsing: text, limits: limits))
        #expect(failure.diagnostics.first?.summary.contains("nested 257 levels deep") == true)
        #expect(failure.diagnostics.first?.summary.contains("XML_PARSE_HUGE") == false)
    }

    @Test func invalidUTF8IsRefusedAtTheLineAndColumnOfTheBadByte() throws {
        // 0xC3 starts a two-byte sequence, but 0x28 "(" is not a continuation byte.
        let bytes = Array("<a>\n  x".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: bytes, fileName: "latin.xml") }
        let diagnostic = try #require(failure?.diagnostics.first)

        #expect(diagnostic.file == "latin.xml")
        #expect(diagnostic.position == SourcePosition(line: 2, column: 4))
        #expect(diagnostic.summary.contains("not proper UTF-8"))
        #expect(diagnostic.fix == "Save the file as UTF-8 and remove control characters.")
        #expect(elapsed < .seconds(1))
    }

    @Test func invalidUTF8ColumnCountsCharactersBeforeTheBadByte() throws {
        // "é" is two bytes but one column, so 0xFF is in column 5, not 6.
        let bytes = Array("<a>é".utf8) + [0xFF] + Array("</a>".utf8)
        let diagnostic = try #require(TestXML.failure(parsing: bytes)?.diagnostics.first)
        #expect(diagnostic.position == SourcePosition(line: 1, column: 5))
        #expect(diagnostic.summary.contains("0xFF"))
    }

    @Test(
        "A DOCTYPE is found wherever it hides before or after the root",
        arguments: [
            ("<!-- a <comment> with > inside --><!DOCTYPE x><x/>", SourcePosition(line: 1, column: 35)),
            ("<?pi <not-a-tag> ?>\n<!DOCTYPE x []><x/>", SourcePosition(line: 2, column: 1)),
            (#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n\n  <!DOCTYPE x><x/>", SourcePosition(line: 3, column: 3)),
            ("<x/>\n<!DOCTYPE x>", SourcePosition(line: 2, column: 1)),
            ("\u{FEFF}<!DOCTYPE x><x/>", nil),
        ] as [(String, SourcePosition?)]
    )
    func hiddenDoctypeIsRefused(text: String, expected: SourcePosition?) throws {
        let diagnostic = try #require(TestXML.failure(parsing: text)?.diagnostics.first)
        #expect(diagnostic.summary.contains("DOCTYPE declarations are not allowed"))
        if let expected {
            #expect(diagnostic.position == expected)
        }
    }

    @Test(
        "A DOCTYPE keyword in another case is not a DOCTYPE, and is still refused",
        arguments: ["<!doctype x><x/>", "<!DocType x><x/>", "<!-- c -->\n<!doctype x SYSTEM \"file:///etc/passwd\"><x/>"]
    )
    func doctypeInOtherCaseIsRefusedAsMalformed(text: String) throws {
        let failure = try #require(TestXML.failure(parsing: text))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.fix?.isEmpty == false)
        #expect(!TestXML.allText(failure).contains(Self.passwdMarker))
    }

    @Test func doctypeInsideCommentOrCDATAIsOnlyText() throws {
        let document = try TestXML.parse("<x><!-- <!DOCTYPE y> --><![CDATA[<!DOCTYPE z>]]></x>")
        #expect(document.root.name == "x")
        #expect(document.root.textContent == "<!DOCTYPE z>")
    }

    @Test func utf16DoctypeWithExternalEntityIsStillRefusedWithoutLeaking() throws {
        // The start-tag scanner reads bytes and cannot see this DOCTYPE; the check after
        // libxml2 has parsed must still catch it, and the entity must not have been read.
        let text = #"<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#
        let (failure, elapsed) = TestXML.timed { TestXML.failure(parsing: TestXML.utf16LittleEndian(text)) }
        let unwrapped = try #require(failure)
        #expect(unwrapped.diagnostics.first?.summary.contains("DOCTYPE declarations are not allowed") == true)
        #expect(!TestXML.allText(unwrapped).contains(Self.passwdMarker))
        #expect(elapsed < .seconds(1))
    }

    @Test func xincludeElementIsKeptAndNotExpanded() throws {
        let text = #"<doc><xi:include href="/etc/passwd" parse="text" xmlns:xi="http://www.w3.org/2001/XInclude"/></doc>"#
        let (document, elapsed) = try TestXML.timed { try TestXML.parse(text) }
        let include = try #require(document.root.elements.first)

        #expect(document.root.elements.count == 1)
        #expect(include.name == "include")
        #expect(include.namespaceURI == "http://www.w3.org/2001/XInclude")
        #expect(include[attribute: "href"] == "/etc/passwd")
        #expect(include.children.isEmpty)
        #expect(!document.root.textContent.contains(Self.passwdMarker))
        let canonical = String(decoding: try document.canonicalBytes(), as: UTF8.self)
        #expect(!canonical.contains(Self.passwdMarker))
        #expect(elapsed < .seconds(1))
    }

    @Test
    func includedSchemaCannotPullInFilesThroughEntities() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let part = try folder.write(Data(#"<xs:element xmlns:xs="http://www.w3.org/2001/XMLSchema" name="smuggled" type="xs:string"/>"#.utf8), to: "part.txt")
        let included = """
            <!DOCTYPE xs:schema [<!ENTITY e SYSTEM "file://\(part)">]>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">&e;</xs:schema>
            """
        let includedPath = try folder.write(Data(included.utf8), to: "included.xsd")
        let main = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:include schemaLocation="\(includedPath)"/>
              <xs:element name="a" type="xs:string"/>
            </xs:schema>
            """
        let document = try TestXML.parse("<smuggled>x</smuggled>")
        do {
            let schema = try XMLSchema(document: TestXML.parse(main, fileName: "main.xsd"))
            // If the schema compiles at all, the entity must not have declared <smuggled>.
            #expect(schema.validate(document).count == 1)
        } catch {
            #expect(!error.diagnostics.isEmpty)
        }
    }

    #if canImport(Glibc)
    @Test func loopbackListenerSeesAConnection() throws {
        // Proves the listener used below can observe a connection at all.
        let listener = try LoopbackListener()
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = listener.port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        close(client)
        #expect(connected)
        let deadline = ContinuousClock.now + .seconds(2)
        while listener.connectionCount == 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(listener.stop() == 1)
    }

    @Test
    func schemaImportDoesNotReachTheNetwork() throws {
        let listener = try LoopbackListener()
        let text = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:import namespace="urn:remote" schemaLocation="http://127.0.0.1:\(listener.port)/remote.xsd"/>
              <xs:element name="a" type="xs:string"/>
            </xs:schema>
            """
        let (_, elapsed) = TestXML.timed {
            Result { () throws(XMLParseFailure) in try XMLSchema(document: TestXML.parse(text, fileName: "net.xsd")) }
        }
        #expect(listener.stop() == 0)
        #expect(elapsed < .seconds(1))
    }
    #endif

    @Test func undeclaredEntityWithoutDoctypeIsAnErrorNotALookup() throws {
        let failure = try #require(TestXML.failure(parsing: "<x>\n  &passwd;</x>"))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.line == 2)
        #expect(diagnostic.summary.contains("passwd"))
        #expect(diagnostic.fix?.contains("&amp;") == true)
    }
}
