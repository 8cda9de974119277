#!/usr/bin/env python3
"""Checks a Word document engage wrote against the XHTML it was made from, for the
end-to-end tests.

    check_docx.py DOCX XHTML

1. python-docx opens it.
2. It has one Title, and as many Heading 1-3 paragraphs as the XHTML has h2-h6 headings.
3. Its paragraphs (body and table cells, in order, the table of contents left out) have
   the text of the XHTML's blocks, one for one.
4. The parts engage writes keep the child order of the ECMA-376 schema for every element
   listed in ORDER below, and Word's rules: every table cell ends in a paragraph, no two
   tables are adjacent, the body ends in a paragraph and its section properties, every
   abstractNum comes before every num.
5. Every inline picture of the body (a chart; the XHTML's SVG is left out of its text)
   embeds a PNG part and, when it has an svgBlip, an SVG part, and has alt text.

Prints one JSON object (headings, paragraphs, tables, inline_shapes: how many pictures
python-docx sees in the body, alt_texts: their alt text in order); exits 1 naming the
first problem.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ElementTree

import docx
from docx.text.paragraph import Paragraph
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"

# Child order from the ECMA-376 (Transitional) schema, for the elements engage writes.
ORDER = {
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "w:styles": "docDefaults latentStyles style",
    "w:docDefaults": "rPrDefault pPrDefault",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "w:tblBorders": "top left start bottom right end insideH insideV",
    "w:tblCellMar": "top left start bottom right end",
    "w:pBdr": "top left bottom right between bar",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "w:tbl": "bookmarkStart bookmarkEnd tblPr tblGrid tr",
    "w:tr": "tblPrEx trPr tc",
    "w:numPr": "ilvl numId",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
    "w:numbering": "numPicBullet abstractNum num numIdMacAtCleanup",
    "w:abstractNum": "nsid multiLevelType tmpl name styleLink numStyleLink lvl",
    "w:lvl": "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr",
    "w:num": "abstractNumId lvlOverride",
    "w:lvlOverride": "startOverride lvl",
    "w:settings": "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
    "wp:inline": "extent effectExtent docPr cNvGraphicFramePr graphic",
    "pic:pic": "nvPicPr blipFill spPr",
    "pic:blipFill": "blip srcRect tile stretch",
    "pic:spPr": "xfrm custGeom prstGeom",
}
PREFIXES = {
    "w": W,
    "wp": "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}",
    "pic": "{http://schemas.openxmlformats.org/drawingml/2006/picture}",
}
ORDER = {PREFIXES[key.split(":")[0]] + key.split(":")[1]: value.split() for key, value in ORDER.items()}
# Paragraph-level content may mix in any order, but pPr comes first; likewise rPr in a run.
FIRST = {W + "p": "pPr", W + "r": "rPr"}


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def local(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def check_order(part, root):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        children = [child for child in element if isinstance(child.tag, str)]
        if element.tag in ORDER:
            sequence = ORDER[element.tag]
            ranks = []
            for child in children:
                name = local(child.tag)
                if name not in sequence:
                    fail(f"{part}: <{local(element.tag)}> holds <{name}>, which its schema does not allow")
                ranks.append(sequence.index(name))
            for before, after, child in zip(ranks, ranks[1:], children[1:]):
                if after < before:
                    fail(f"{part}: in <{local(element.tag)}>, <{local(child.tag)}> comes after an element the schema puts after it")
        if element.tag in FIRST:
            for index, child in enumerate(children):
                if local(child.tag) == FIRST[element.tag] and index != 0:
                    fail(f"{part}: <{FIRST[element.tag]}> is not the first child of <{local(element.tag)}>")
        if element.tag == W + "tc" and (not children or children[-1].tag != W + "p"):
            fail(f"{part}: a table cell does not end in a paragraph")
        if element.tag in (W + "body", W + "tc"):
            for first, second in zip(children, children[1:]):
                if first.tag == W + "tbl" and second.tag == W + "tbl":
                    fail(f"{part}: two tables are adjacent (Word would merge them)")
        if element.tag == W + "body":
            if len(children) < 2 or children[-1].tag != W + "sectPr" or children[-2].tag != W + "p":
                fail(f"{part}: the body does not end in a paragraph and its section properties")


def docx_texts(document):
    texts = []
    skipped_styles = {"TOC Heading", "toc 1", "toc 2", "toc 3"}

    def blocks(container):
        for child in container:
            if child.tag == W + "p":
                paragraph = Paragraph(child, document)
                if paragraph.style is not None and paragraph.style.name in skipped_styles:
                    continue
                texts.append(paragraph.text)
            elif child.tag == W + "tbl":
                for row in child.iter(W + "tr"):
                    if row.getparent() is not child:
                        continue
                    for cell in row:
                        if cell.tag == W + "tc":
                            blocks(cell)
    blocks(document.element.body)
    return texts


INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd", "mark", "q", "s",
          "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
# A chart (SVG) is a picture in Word: its title, description and labels are not paragraphs.
HIDDEN = {"head", "nav", "style", "script", "template", "img", "svg"}


def inline_text(element):
    name = local(element.tag)
    if name in ("img", "style", "script", "svg"):
        return ""
    if name == "br":
        return " " + (element.tail or "")
    return (element.text or "") + "".join(inline_text(child) for child in element) + (element.tail or "")


def xhtml_texts(body):
    texts = []

    def container(element):
        pending = [element.text or ""]

        def flush():
            text = "".join(pending)
            if text.strip():
                texts.append(text)
            pending.clear()

        for child in element:
            name = local(child.tag)
            if name in INLINE:
                pending.append(inline_text(child))
            else:
                flush()
                block(child)
                pending.append(child.tail or "")
        flush()

    def block(element):
        name = local(element.tag)
        if name in HIDDEN:
            return
        if name == "table":
            for child in element:
                if local(child.tag) == "caption":
                    container(child)
            for row in element.iter(XHTML + "tr"):
                for cell in row:
                    container(cell)
            return
        container(element)

    container(body)
    return texts


def check_pictures(path, document):
    """The alt text of each inline picture, once its PNG and SVG parts are found."""
    alt_texts = []
    related = document.part.related_parts
    for index, shape in enumerate(document.inline_shapes):
        inline = shape._inline
        description = inline.docPr.get("descr") or ""
        if not description.strip():
            fail(f"{path}: picture {index + 1} has no alt text")
        blip = inline.find(f".//{A}blip")
        png = related.get(blip.get(R + "embed")) if blip is not None else None
        if png is None or png.content_type != "image/png":
            fail(f"{path}: picture {index + 1} embeds no PNG part")
        for svg in inline.iter(SVG_BLIP):
            part = related.get(svg.get(R + "embed"))
            if part is None or part.content_type != "image/svg+xml":
                fail(f"{path}: picture {index + 1}'s svgBlip names no SVG part")
        alt_texts.append(description)
    return alt_texts


def normalize(texts):
    return [" ".join(text.split()) for text in texts if text.split()]


def main():
    path, xhtml_path = sys.argv[1], sys.argv[2]
    try:
        document = docx.Document(path)
    except Exception as error:  # python-docx raises several kinds
        fail(f"{path}: python-docx cannot open it: {error}")
    with zipfile.ZipFile(path) as package:
        for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
                     "word/header1.xml", "word/footer1.xml", "word/header2.xml", "word/footer2.xml"):
            check_order(part, etree.fromstring(package.read(part)))
        numbering = etree.fromstring(package.read("word/numbering.xml"))
        kinds = [local(child.tag) for child in numbering]
        if "num" in kinds and "abstractNum" in kinds[kinds.index("num"):]:
            fail("word/numbering.xml: an abstractNum comes after a num")
    body = ElementTree.parse(xhtml_path).getroot().find(XHTML + "body")
    expected_headings = sum(1 for element in body.iter() if local(element.tag) in ("h2", "h3", "h4", "h5", "h6"))
    styles = [paragraph.style.name if paragraph.style is not None else "" for paragraph in document.paragraphs]
    headings = sum(1 for style in styles if style.startswith("Heading"))
    titles = styles.count("Title")
    if headings != expected_headings:
        fail(f"{path}: {headings} headings, but the XHTML has {expected_headings}")
    if titles != 1:
        fail(f"{path}: {titles} Title paragraphs, not 1")
    expected = normalize(xhtml_texts(body))
    actual = normalize(docx_texts(document))
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            fail(f"{path}: paragraph {index + 1} reads {got!r}, but the XHTML's block reads {want!r}")
    if len(expected) != len(actual):
        fail(f"{path}: {len(actual)} paragraphs with text, but the XHTML has {len(expected)} blocks")
    alt_texts = check_pictures(path, document)
    print(json.dumps({"headings": headings, "paragraphs": len(actual), "tables": len(document.tables),
                      "inline_shapes": len(document.inline_shapes), "alt_texts": alt_texts}))


if __name__ == "__main__":
    main()
