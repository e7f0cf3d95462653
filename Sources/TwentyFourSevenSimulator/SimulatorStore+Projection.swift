import Foundation
import XMLStream

extension SimulatorStore {
    static let nilAttribute = XMLAttribute(localName: "nil", namespaceURI: XMLElement.xsiNamespace, value: "true")

    /// A record with only the requested properties, in schema order, its DateChanged rounded to the minute
    /// as 24SevenOffice reports it, and its rows reduced to the requested row properties.
    static func project(_ record: XMLElement, _ properties: Set<String>, rowProperties: Set<String>) -> XMLElement {
        var copy = record
        copy.children = record.children.compactMap { child in
            guard properties.contains(child.name) else { return nil }
            switch child.name {
            case "DateChanged":
                return XMLElement(name: child.name, text: roundedText(XSDDateTime.parse(child.trimmedText)))
            case "InvoiceRows":
                var rows = child
                rows.children = child.children.map { row in
                    var reduced = row
                    reduced.children = row.children.filter { rowProperties.contains($0.name) }
                    return reduced
                }
                return rows
            default:
                return child
            }
        }
        return copy
    }

    /// A time rounded to the nearest minute, as 24SevenOffice stores change stamps.
    static func rounded(_ date: Date?) -> Date? {
        guard let date else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded() * 60)
    }

    static func roundedText(_ date: Date?) -> String {
        XSDDateTime.format(rounded(date) ?? Date(timeIntervalSince1970: 0), zone: true)
    }

    static func ints(_ element: XMLElement?) -> Set<Int>? {
        guard let element else { return nil }
        return Set(element.children("int").compactMap { Int($0.trimmedText) })
    }

    static func strings(_ element: XMLElement?) -> Set<String> {
        Set(element?.children("string").map(\.trimmedText) ?? [])
    }

    static func sorted(_ records: some Sequence<XMLElement>, by key: String) -> [XMLElement] {
        records.sorted { (Int($0.value(key) ?? "") ?? 0) < (Int($1.value(key) ?? "") ?? 0) }
    }
}
