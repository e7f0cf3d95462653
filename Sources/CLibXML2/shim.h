// libxml2 is built with ICU on Debian, and its encoding.h then includes <unicode/ucnv.h>. Swift's
// Foundation ships its own ICU as the module _FoundationICU, whose UErrorCode differs from the system's,
// and a module that imports both fails to build. The bridge never touches libxml2's ICU converter
// fields, so keep the system ICU headers out and declare the two names encoding.h needs, opaque.
#define UCNV_H 1
typedef struct UConverter UConverter;
typedef unsigned short UChar;

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

/// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state; call it through C.
static inline void sevenbridge_xml_free(void *pointer) { xmlFree(pointer); }
