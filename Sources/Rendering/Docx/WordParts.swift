import XMLSupport

/// The small parts of a DOCX, each written through libxml2 in schema order.
enum WordParts {
    static func contentTypes(hasSVG: Bool, hasPNG: Bool) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        w.empty("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        w.empty("Default", ["Extension": "xml", "ContentType": "application/xml"])
        if hasPNG { w.empty("Default", ["Extension": "png", "ContentType": "image/png"]) }
        if hasSVG { w.empty("Default", ["Extension": "svg", "ContentType": "image/svg+xml"]) }
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        for (part, type) in [
            ("/word/document.xml", word + "document.main+xml"),
            ("/word/styles.xml", word + "styles+xml"),
            ("/word/numbering.xml", word + "numbering+xml"),
            ("/word/settings.xml", word + "settings+xml"),
            ("/word/header1.xml", word + "header+xml"),
            ("/word/footer1.xml", word + "footer+xml"),
            ("/word/header2.xml", word + "header+xml"),
            ("/word/footer2.xml", word + "footer+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ] {
            w.empty("Override", ["PartName": part, "ContentType": type])
        }
        w.end()
        return w.finish()
    }

    static func packageRelationships() -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("Relationships", ["xmlns": WordNamespace.packageRelationships])
        w.empty("Relationship", ["Id": "rId1", "Type": WordNamespace.officeRelationshipTypes + "officeDocument", "Target": "word/document.xml"])
        w.empty("Relationship", [
            "Id": "rId2", "Type": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "Target": "docProps/core.xml",
        ])
        w.empty("Relationship", ["Id": "rId3", "Type": WordNamespace.officeRelationshipTypes + "extended-properties", "Target": "docProps/app.xml"])
        w.end()
        return w.finish()
    }

    /// What Word's File > Info shows: title, author (else the firm), the document date
    /// (never the clock's), status and classification (as the category).
    static func coreProperties(title: String, head: DocumentHead) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("cp:coreProperties", [
            "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:dcterms": "http://purl.org/dc/terms/",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        ])
        w.element("dc:title", text: title)
        if let creator = head.author ?? head.firmName { w.element("dc:creator", text: creator) }
        if let classification = head.classification { w.element("cp:category", text: classification) }
        if let status = head.status { w.element("cp:contentStatus", text: statusWords[status] ?? status) }
        w.element("dc:language", text: head.language ?? "en-GB")
        if let date = head.date { w.element("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: "\(date)T00:00:00Z") }
        w.end()
        return w.finish()
    }

    /// A status as Word's Status property shows it.
    static let statusWords = ["draft": "Draft", "for-review": "For review", "final": "Final"]

    static func appProperties(company: String?) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("Properties", ["xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"])
        w.element("Application", text: "EngagementPlanner")
        if let company { w.element("Company", text: company) }
        w.end()
        return w.finish()
    }

    /// Bullets (`w:num` 1) and one numbering per ordered list (2, 3, ...), so that each
    /// list starts at 1. Every `w:abstractNum` comes before every `w:num`, as Word requires.
    static func numbering(orderedLists: Int) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("w:numbering", ["xmlns:w": WordNamespace.main])
        let bullets = ["•", "–", "▪", "•", "–", "▪"]
        let numbers = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."), ("decimal", "%4."), ("lowerLetter", "%5)"), ("lowerRoman", "%6.")]
        for abstract in 0...1 {
            w.start("w:abstractNum", ["w:abstractNumId": String(abstract)])
            w.empty("w:multiLevelType", ["w:val": "hybridMultilevel"])
            for level in 0..<6 {
                w.start("w:lvl", ["w:ilvl": String(level)])
                w.empty("w:start", ["w:val": "1"])
                w.empty("w:numFmt", ["w:val": abstract == 0 ? "bullet" : numbers[level].0])
                w.empty("w:lvlText", ["w:val": abstract == 0 ? bullets[level] : numbers[level].1])
                w.empty("w:lvlJc", ["w:val": "left"])
                w.start("w:pPr")
                w.empty("w:ind", ["w:left": String(360 * (level + 1)), "w:hanging": "360"])
                w.end()
                w.end()
            }
            w.end()
        }
        w.start("w:num", ["w:numId": "1"])
        w.empty("w:abstractNumId", ["w:val": "0"])
        w.end()
        for list in 0..<orderedLists {
            w.start("w:num", ["w:numId": String(list + 2)])
            w.empty("w:abstractNumId", ["w:val": "1"])
            w.start("w:lvlOverride", ["w:ilvl": "0"])
            w.empty("w:startOverride", ["w:val": "1"])
            w.end()
            w.end()
        }
        w.end()
        return w.finish()
    }

    /// Asks Word to update fields on opening (it fills the table of contents and page
    /// count), in Word 2013 and later's compatibility mode.
    static func settings(language: String?) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("w:settings", ["xmlns:w": WordNamespace.main])
        w.empty("w:zoom", ["w:percent": "100"])
        w.empty("w:defaultTabStop", ["w:val": "720"])
        w.empty("w:characterSpacingControl", ["w:val": "doNotCompress"])
        w.empty("w:updateFields", ["w:val": "true"])
        w.start("w:compat")
        w.empty("w:compatSetting", ["w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word", "w:val": "15"])
        w.end()
        w.empty("w:themeFontLang", ["w:val": language ?? "en-GB"])
        w.end()
        return w.finish()
    }

    /// The logo (or, without one, the firm's name) at the right of every page's header;
    /// on the cover, larger and at the left, where a letterhead has it.
    static func header(logo: WordLogo?, ids: (png: String, svg: String?)?, firmName: String?, page: WordPage, onCover: Bool = false) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("w:hdr", [
            "xmlns:w": WordNamespace.main, "xmlns:r": WordNamespace.relationships, "xmlns:wp": WordNamespace.drawing,
            "xmlns:a": WordNamespace.drawingMain, "xmlns:pic": WordNamespace.picture,
        ])
        w.start("w:p")
        w.start("w:pPr")
        w.empty("w:pStyle", ["w:val": "Header"])
        w.empty("w:jc", ["w:val": onCover ? "left" : "right"])
        w.end()
        if let logo, let ids {
            // 0.45 inch high in the header (0.7 on the cover), as wide as the picture's
            // proportions make it.
            let height = onCover ? 640_080 : 411_480
            let width = height * logo.pixelWidth / logo.pixelHeight
            w.start("w:r")
            // Drawing ids are unique across the document's parts: the charts' follow these two.
            WordDrawing(
                width: width, height: height, id: onCover ? 2 : 1, name: "Logo", description: logo.description, fileName: "logo.png",
                pngRelationship: ids.png, svgRelationship: ids.svg
            ).write(to: w)
            w.end()
        } else if let firmName {
            WordRun.text(w, firmName)
        }
        w.end()
        w.end()
        return w.finish()
    }

    /// The cover's footer: none.
    static func emptyFooter() -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("w:ftr", ["xmlns:w": WordNamespace.main])
        w.empty("w:p")
        w.end()
        return w.finish()
    }

    /// The document's title, revision, status (until final) and classification at the left
    /// of every page's footer, and "Page N of M" at the right.
    static func footer(title: String, head: DocumentHead, page: WordPage) -> [UInt8] {
        let w = XMLStreamWriter()
        w.start("w:ftr", ["xmlns:w": WordNamespace.main, "xmlns:r": WordNamespace.relationships])
        w.start("w:p")
        w.start("w:pPr")
        w.empty("w:pStyle", ["w:val": "Footer"])
        w.start("w:tabs")
        w.empty("w:tab", ["w:val": "right", "w:pos": String(page.textWidth)])
        w.end()
        w.end()
        let status = head.status.flatMap { $0 == "final" ? nil : statusWords[$0] }
        WordRun.text(w, ([title] + [head.revision.map { "Revision \($0)" }, status, head.classification].compactMap { $0 }).joined(separator: " · "))
        w.start("w:r")
        w.empty("w:tab")
        w.end()
        WordRun.text(w, "Page ")
        field(w, "PAGE", placeholder: "1")
        WordRun.text(w, " of ")
        field(w, "NUMPAGES", placeholder: "1")
        w.end()
        w.end()
        return w.finish()
    }

    /// A simple field that Word and LibreOffice compute as they lay out the page.
    static func field(_ w: XMLStreamWriter, _ instruction: String, placeholder: String) {
        w.start("w:fldSimple", ["w:instr": " \(instruction) "])
        WordRun.text(w, placeholder)
        w.end()
    }
}

/// Runs of text.
enum WordRun {
    /// `<w:r><w:t>text</w:t></w:r>`.
    static func text(_ w: XMLStreamWriter, _ text: String) {
        w.start("w:r")
        textElement(w, text)
        w.end()
    }

    /// `<w:t>text</w:t>`, with `xml:space="preserve"` when the text starts or ends with a
    /// space, which Word would otherwise drop.
    static func textElement(_ w: XMLStreamWriter, _ text: String) {
        if text.utf8.first == 0x20 || text.utf8.last == 0x20 {
            w.element("w:t", ["xml:space": "preserve"], text: text)
        } else {
            w.element("w:t", text: text)
        }
    }
}
