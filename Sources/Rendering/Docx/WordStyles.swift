import XMLSupport

/// `word/styles.xml`: Word's built-in style names (so Word's own style gallery, navigation
/// pane and table of contents work), in the house style of the document's head.
enum WordStyles {
    /// Without a firm's fonts: Office's own, on every Word reader's machine (LibreOffice
    /// lays them out with their metric twins Carlito and Caladea, Debian's
    /// fonts-crosextra-carlito and fonts-crosextra-caladea).
    static let defaultBodyFont = "Calibri"
    static let defaultHeadingFont = "Cambria"
    static let muted = "5B6475"
    static let rule = "D7DCE5"
    static let soft = "F4F6FA"

    struct Palette {
        let primary: String
        let accent: String
        let text: String
        let headingFont: String
        let bodyFont: String

        init(_ style: DocumentHead) {
            primary = Self.hex(style.primaryColour) ?? "1F4E79"
            accent = Self.hex(style.accentColour) ?? primary
            text = Self.hex(style.textColour) ?? "1D2433"
            headingFont = style.headingFont ?? WordStyles.defaultHeadingFont
            bodyFont = style.bodyFont ?? WordStyles.defaultBodyFont
        }

        /// `#1F3A5F` as Word writes it: `1F3A5F`.
        static func hex(_ colour: String?) -> String? { colour.map { String($0.dropFirst()).uppercased() } }
    }

    static func bytes(for style: DocumentHead) -> [UInt8] {
        let palette = Palette(style)
        let w = XMLStreamWriter()
        w.start("w:styles", ["xmlns:w": WordNamespace.main])
        w.start("w:docDefaults")
        w.start("w:rPrDefault")
        w.start("w:rPr")
        fonts(w, palette.bodyFont)
        w.empty("w:color", ["w:val": palette.text])
        w.empty("w:sz", ["w:val": "21"])
        w.empty("w:szCs", ["w:val": "21"])
        w.empty("w:lang", ["w:val": style.language ?? "en-GB"])
        w.end()
        w.end()
        w.start("w:pPrDefault")
        w.start("w:pPr")
        w.empty("w:spacing", ["w:after": "120", "w:line": "276", "w:lineRule": "auto"])
        w.end()
        w.end()
        w.end()

        paragraphStyle(w, id: "Normal", name: "Normal", isDefault: true) {}
        paragraphStyle(w, id: "Title", name: "Title", next: "Normal", pPr: {
            w.empty("w:spacing", ["w:before": "240", "w:after": "240"])
        }, rPr: {
            fonts(w, palette.headingFont)
            w.empty("w:b")
            w.empty("w:bCs")
            w.empty("w:color", ["w:val": palette.primary])
            size(w, 52)
        })
        paragraphStyle(w, id: "Subtitle", name: "Subtitle", next: "Normal", rPr: {
            fonts(w, palette.headingFont)
            w.empty("w:color", ["w:val": muted])
            size(w, 26)
        })
        for level in 1...3 {
            let sizes = [32, 26, 22]
            paragraphStyle(w, id: "Heading\(level)", name: "heading \(level)", next: "Normal", pPr: {
                w.empty("w:keepNext")
                w.empty("w:keepLines")
                if level == 1 {
                    w.start("w:pBdr")
                    w.empty("w:bottom", ["w:val": "single", "w:sz": "8", "w:space": "4", "w:color": rule])
                    w.end()
                }
                w.empty("w:spacing", ["w:before": level == 1 ? "480" : "280", "w:after": "120"])
                w.empty("w:outlineLvl", ["w:val": String(level - 1)])
            }, rPr: {
                fonts(w, palette.headingFont)
                w.empty("w:b")
                w.empty("w:bCs")
                w.empty("w:color", ["w:val": palette.primary])
                size(w, sizes[level - 1])
            })
        }
        paragraphStyle(w, id: "Quote", name: "Quote", next: "Normal", pPr: {
            w.start("w:pBdr")
            w.empty("w:left", ["w:val": "single", "w:sz": "24", "w:space": "8", "w:color": palette.accent])
            w.end()
            w.empty("w:shd", ["w:val": "clear", "w:color": "auto", "w:fill": soft])
            w.empty("w:spacing", ["w:before": "120", "w:after": "200"])
            w.empty("w:ind", ["w:left": "227", "w:right": "113"])
            w.empty("w:contextualSpacing")
        })
        paragraphStyle(w, id: "Caption", name: "caption", next: "Normal", pPr: {
            w.empty("w:keepNext")
            w.empty("w:spacing", ["w:before": "120", "w:after": "60"])
        }, rPr: {
            fonts(w, palette.headingFont)
            w.empty("w:b")
            w.empty("w:bCs")
            w.empty("w:color", ["w:val": muted])
            size(w, 19)
        })
        paragraphStyle(w, id: "ListParagraph", name: "List Paragraph", pPr: {
            w.empty("w:spacing", ["w:after": "60"])
        })
        paragraphStyle(w, id: "TableText", name: "Table Text", pPr: {
            w.empty("w:spacing", ["w:before": "20", "w:after": "20", "w:line": "240", "w:lineRule": "auto"])
        }, rPr: { size(w, 18) })
        paragraphStyle(w, id: "TableHeading", name: "Table Heading", basedOn: "TableText", rPr: {
            fonts(w, palette.headingFont)
            w.empty("w:b")
            w.empty("w:bCs")
        })
        paragraphStyle(w, id: "Term", name: "Term", next: "Definition", pPr: {
            w.empty("w:keepNext")
            w.empty("w:spacing", ["w:after": "0"])
        }, rPr: {
            w.empty("w:b")
            w.empty("w:bCs")
        })
        paragraphStyle(w, id: "Definition", name: "Definition", pPr: {
            w.empty("w:ind", ["w:left": "360"])
        })
        paragraphStyle(w, id: "SmallPrint", name: "Small Print", rPr: {
            w.empty("w:color", ["w:val": muted])
            size(w, 17)
        })
        paragraphStyle(w, id: "TOCHeading", name: "TOC Heading", next: "Normal", pPr: {
            w.empty("w:keepNext")
            w.empty("w:spacing", ["w:before": "240", "w:after": "120"])
        }, rPr: {
            fonts(w, palette.headingFont)
            w.empty("w:b")
            w.empty("w:bCs")
            w.empty("w:color", ["w:val": palette.primary])
            size(w, 28)
        })
        for level in 1...3 {
            paragraphStyle(w, id: "TOC\(level)", name: "toc \(level)", next: "Normal", pPr: {
                w.empty("w:spacing", ["w:after": "40"])
                w.empty("w:ind", ["w:left": String((level - 1) * 220)])
            })
        }
        paragraphStyle(w, id: "Header", name: "header", rPr: {
            w.empty("w:color", ["w:val": muted])
            size(w, 17)
        })
        paragraphStyle(w, id: "Footer", name: "footer", pPr: {
            w.start("w:pBdr")
            w.empty("w:top", ["w:val": "single", "w:sz": "4", "w:space": "4", "w:color": rule])
            w.end()
        }, rPr: {
            w.empty("w:color", ["w:val": muted])
            size(w, 17)
        })

        characterStyle(w, id: "Hyperlink", name: "Hyperlink") {
            w.empty("w:color", ["w:val": palette.primary])
            w.empty("w:u", ["w:val": "single"])
        }
        characterStyle(w, id: "CodeChar", name: "Code") {
            w.empty("w:rFonts", ["w:ascii": "Consolas", "w:hAnsi": "Consolas", "w:cs": "Consolas"])
            size(w, 19)
        }

        w.start("w:style", ["w:type": "table", "w:styleId": "EngageTable"])
        w.empty("w:name", ["w:val": "Engagement Table"])
        w.empty("w:uiPriority", ["w:val": "59"])
        w.start("w:pPr")
        w.empty("w:spacing", ["w:after": "0"])
        w.end()
        w.start("w:tblPr")
        w.start("w:tblBorders")
        let border: KeyValuePairs<StaticString, String> = ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": rule]
        w.empty("w:top", border)
        w.empty("w:left", border)
        w.empty("w:bottom", border)
        w.empty("w:right", border)
        w.empty("w:insideH", border)
        w.empty("w:insideV", border)
        w.end()
        w.start("w:tblCellMar")
        w.empty("w:top", ["w:w": "40", "w:type": "dxa"])
        w.empty("w:left", ["w:w": "85", "w:type": "dxa"])
        w.empty("w:bottom", ["w:w": "40", "w:type": "dxa"])
        w.empty("w:right", ["w:w": "85", "w:type": "dxa"])
        w.end()
        w.end()
        w.end()

        w.end()
        return w.finish()
    }

    static func fonts(_ w: XMLStreamWriter, _ family: String) {
        w.empty("w:rFonts", ["w:ascii": family, "w:hAnsi": family, "w:eastAsia": family, "w:cs": family])
    }

    /// A size in half-points, for Latin and complex scripts alike.
    static func size(_ w: XMLStreamWriter, _ halfPoints: Int) {
        w.empty("w:sz", ["w:val": String(halfPoints)])
        w.empty("w:szCs", ["w:val": String(halfPoints)])
    }

    /// A paragraph style; `pPr` and `rPr` write the children of those elements.
    static func paragraphStyle(
        _ w: XMLStreamWriter, id: String, name: String, basedOn: String? = "Normal", next: String? = nil, isDefault: Bool = false,
        pPr: (() -> Void)? = nil, rPr: (() -> Void)? = nil
    ) {
        w.start("w:style", ["w:type": "paragraph", "w:styleId": id])
        if isDefault { w.attribute("w:default", "1") }
        w.empty("w:name", ["w:val": name])
        if let basedOn, id != "Normal" { w.empty("w:basedOn", ["w:val": basedOn]) }
        if let next { w.empty("w:next", ["w:val": next]) }
        w.empty("w:qFormat")
        if let pPr {
            w.start("w:pPr")
            pPr()
            w.end()
        }
        if let rPr {
            w.start("w:rPr")
            rPr()
            w.end()
        }
        w.end()
    }

    static func paragraphStyle(_ w: XMLStreamWriter, id: String, name: String, isDefault: Bool, _ body: () -> Void) {
        paragraphStyle(w, id: id, name: name, basedOn: nil, isDefault: isDefault)
    }

    static func characterStyle(_ w: XMLStreamWriter, id: String, name: String, rPr: () -> Void) {
        w.start("w:style", ["w:type": "character", "w:styleId": id])
        w.empty("w:name", ["w:val": name])
        w.start("w:rPr")
        rPr()
        w.end()
        w.end()
    }
}
