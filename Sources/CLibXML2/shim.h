#ifndef ENGAGE_CLIBXML2_SHIM_H
#define ENGAGE_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its encoding.h then pulls in ICU headers that
// clash with Foundation's own ICU module. Read the version header first and turn the
// ICU part off before any other libxml2 header is seen.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/c14n.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>

// `xmlFree` is a mutable global function pointer; Swift 6 refuses to touch it from
// concurrent code, so reach it through a function.
static inline void engage_xmlFree(void *pointer) {
    xmlFree(pointer);
}

// The parser context's SAX handler is the only per-document place to install a
// structured error callback on libxml2 2.9 (xmlCtxtSetErrorHandler is 2.13+).
static inline void engage_setStructuredErrorHandler(xmlParserCtxtPtr context,
                                                    xmlStructuredErrorFunc handler) {
    if (context != NULL && context->sax != NULL) {
        context->sax->initialized = XML_SAX2_MAGIC;
        context->sax->serror = handler;
    }
}

// libxml2's generic error channel is variadic, which Swift cannot implement; errors
// are captured through the structured channel, so the generic one is silenced here.
static void engage_ignoreGenericError(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void engage_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, engage_ignoreGenericError);
}

// engage parses only bytes it has read itself: libxml2 must never open a file or a URL
// on its own (DTDs, entities, xs:include/xs:import of a schema). This loader refuses all.
static xmlParserInputPtr engage_refuseExternalEntity(const char *URL, const char *ID,
                                                     xmlParserCtxtPtr context) {
    (void)URL;
    (void)ID;
    (void)context;
    return NULL;
}

static inline void engage_refuseExternalEntities(void) {
    xmlSetExternalEntityLoader(engage_refuseExternalEntity);
}

#endif
