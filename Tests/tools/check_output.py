#!/usr/bin/env python3
"""Checks engage's rendered documents with real parsers, for the end-to-end tests.

    check_output.py html FILE   parse FILE as HTML5 with html5lib in strict mode
    check_output.py md FILE     render FILE with GitHub's cmark-gfm, then parse the HTML
    check_output.py xhtml FILE  parse FILE as XML (ElementTree)

Prints one JSON object: the visible text, the headings, the number of tables and of
table cells, the links, the images (source and alternative text) and the inline SVG
charts (their titles); exits 1 with the parser's message when the input is invalid.
"""
import json
import sys

import cmarkgfm
import html5lib
from cmarkgfm.cmark import Options


def summarize(document):
    namespace = "{http://www.w3.org/1999/xhtml}"

    def local(tag):
        return tag[len(namespace):] if isinstance(tag, str) and tag.startswith(namespace) else tag

    text = []
    headings = []
    tables = cells = 0
    links = []
    images = []
    charts = []
    svg = "{http://www.w3.org/2000/svg}"
    for element in document.iter():
        tag = local(element.tag)
        if tag == "img":
            images.append({"src": element.get("src"), "alt": element.get("alt")})
        if tag == svg + "svg":
            titles = [child for child in element if child.tag == svg + "title"]
            charts.append("".join(titles[0].itertext()) if titles else None)
        if tag == "head":
            continue
        if tag in ("script", "style"):
            continue
        if tag in ("h1", "h2", "h3", "h4"):
            headings.append("".join(element.itertext()).strip())
        if tag == "table":
            tables += 1
        if tag in ("td", "th"):
            cells += 1
        if tag == "a" and element.get("href"):
            links.append(element.get("href"))
        if element.text and tag not in ("style", "script"):
            text.append(element.text)
        if element.tail:
            text.append(element.tail)
    return {"text": " ".join(" ".join(text).split()), "headings": headings, "tables": tables,
            "cells": cells, "links": links, "images": images, "charts": charts}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as handle:
        data = handle.read()
    if kind == "xhtml":
        import xml.etree.ElementTree as ElementTree
        try:
            document = ElementTree.fromstring(data)
        except ElementTree.ParseError as error:
            print(f"{path}: not well-formed XML: {error}", file=sys.stderr)
            return 1
        print(json.dumps(summarize(document), ensure_ascii=False))
        return 0
    if kind == "md":
        html = cmarkgfm.github_flavored_markdown_to_html(data.decode("utf-8"), options=Options.CMARK_OPT_UNSAFE)
        data = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>" + html
                + "</body></html>").encode("utf-8")
    parser = html5lib.HTMLParser(strict=True)
    try:
        document = parser.parse(data)
    except html5lib.html5parser.ParseError as error:
        print(f"{path}: not valid HTML5: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summarize(document), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
