import BridgeModel
import Gzip
import OngoingFiles

/// Renders a batch's outbox files in memory, one part per core: each object's XML document with its archive copy
/// (compressed and hashed), and the batch's CSV rows with the gzip member that goes into the CSV file's archive copy.
///
/// Pure CPU work with no state: ``OutboxSession`` renders a batch before it commits it, while the batch before is still
/// being made durable.
struct OutboxRenderer: Sendable {
    /// One object's XML file, with its archive copy.
    struct File: Sendable {
        /// The file's name in the outbox.
        var name: String
        /// The document.
        var xml: [UInt8]
        /// The document compressed and hashed for the archive.
        var archived: ArchiveWriter.PreparedItem
    }

    /// A contiguous part of a batch, rendered.
    struct Part: Sendable {
        /// The part's XML files, in order (none when only CSV is written).
        var files: [File]
        /// The part's CSV rows as UTF-8 (empty when no CSV is written).
        var csv: [UInt8]
        /// Those rows as one gzip member, for the CSV file's archive copy.
        var csvMember: [UInt8]
    }

    let kind: ObjectKind
    let goodsOwnerCode: String
    let xml: OngoingXMLWriter
    let csv: OngoingCSVWriter

    /// Renders a part one object at a time: ``OutboxSession`` renders each object right after hashing it, while its
    /// values are still in the core's cache (rendering a chunk after hashing all of it met a cache miss at every
    /// value looked up, a third of the XML plan's time).
    struct PartBuilder {
        private let renderer: OutboxRenderer
        private let writesXML: Bool
        private let writesCSV: Bool
        private let compressor: GzipMembers
        private var files: [File] = []
        private var rows: [UInt8] = []
        /// How many objects were added.
        private(set) var count = 0

        /// Starts a part.
        /// - Parameter compressor: compresses the archive copies (at the archive's level).
        init(_ renderer: OutboxRenderer, xml writesXML: Bool, csv writesCSV: Bool, compressor: GzipMembers) {
            self.renderer = renderer
            self.writesXML = writesXML
            self.writesCSV = writesCSV
            self.compressor = compressor
        }

        /// Renders an object: its XML document with its archive copy (compressed and hashed), its CSV rows.
        /// - Throws: `OngoingFileError` when the record lacks a required value; `GzipError` when zlib fails.
        mutating func add(_ record: OngoingRecord, name: String) throws {
            count += 1
            let kind = renderer.kind
            if writesXML {
                let bytes = try renderer.xml.document(for: record, goodsOwnerCode: renderer.goodsOwnerCode)
                let copy = ArchiveWriter.Item(
                    bytes: bytes, name: name, direction: "outbound", kind: kind.rawValue,
                    keys: [kind.rawValue: record.key])
                files.append(
                    File(name: name, xml: bytes, archived: try ArchiveWriter.prepare(copy, with: compressor)))
            }
            if writesCSV { renderer.csv.appendRows(for: record, to: &rows) }
        }

        /// Renders an object's CSV rows alone (rows an interrupted run owes, ``StateStore/ExportEntry/isCSVOwed``).
        mutating func addRows(_ record: OngoingRecord) {
            count += 1
            if writesCSV { renderer.csv.appendRows(for: record, to: &rows) }
        }

        /// The part, with the CSV rows' gzip member, compressed by the part's own compressor (not one allocated for
        /// it).
        func finish() throws -> Part {
            Part(files: files, csv: rows, csvMember: writesCSV ? try compressor.member(rows) : [])
        }
    }
}
