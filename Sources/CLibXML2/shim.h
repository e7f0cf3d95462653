#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

/// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state; call it through C.
static inline void sevenbridge_xml_free(void *pointer) { xmlFree(pointer); }
