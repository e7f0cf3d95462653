import CLibXML2

/// One-time libxml2 set-up shared by every reader, writer and validator.
enum LibXML {
    /// Initialises the parser once per process; libxml2 requires this before use from several threads.
    static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parser options for every document: no network, no DTD loading, no entity substitution.
    ///
    /// `XML_PARSE_NOENT` is deliberately absent (it would expand entities), and so are `DTDLOAD`,
    /// `DTDATTR` and `DTDVALID`. `NONET` forbids any network access.
    static let safeOptions: Int32 =
        Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOXINCNODE.rawValue) | Int32(XML_PARSE_BIG_LINES.rawValue)

    /// Converts a libxml2 string to a Swift string.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
