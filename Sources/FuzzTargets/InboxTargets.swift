import Foundation
import OngoingFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one file each fuzzing process writes its inputs to; under `TMPDIR`, so a run can keep it in a scratch folder.
private let inputPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("sevenbridge-fuzz-\(ProcessInfo.processInfo.processIdentifier).input").path

/// Reads arbitrary bytes as an inbox XML file (shipments, stock or acknowledgements).
///
/// Inputs whose first significant byte is not `<` are skipped, so this target stays on the XML path.
/// - Parameter data: the fuzzer's input.
public func fuzzInboxXML(_ data: UnsafeRawBufferPointer) {
    guard firstSignificantByte(data) == UInt8(ascii: "<") else { return }
    readInbox(data)
}

/// Reads arbitrary bytes as an inbox CSV file (`;`-separated shipments or stock).
///
/// Inputs whose first significant byte is `<` are skipped, so this target stays on the CSV path.
/// - Parameter data: the fuzzer's input.
public func fuzzInboxCSV(_ data: UnsafeRawBufferPointer) {
    guard firstSignificantByte(data) != UInt8(ascii: "<") else { return }
    readInbox(data)
}

/// The first byte that is neither a UTF-8 byte order mark nor white space, as the inbox's detection sees it.
private func firstSignificantByte(_ data: UnsafeRawBufferPointer) -> UInt8? {
    data.first { ![0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0D, 0x0A].contains($0) }
}

/// Writes the input to the process's file, detects its kind and reads every item, checking each item's promises.
private func readInbox(_ data: UnsafeRawBufferPointer) {
    store(data, at: inputPath)
    _ = try? InboundFile.detect(path: inputPath, name: "fuzzed.input")
    do {
        let problems = try InboundFile.read(path: inputPath, name: "fuzzed.input") { item in check(item) }
        precondition(problems.count <= 1001, "more row problems kept than the log's bound")
        _ = problems.map(\.description)
    } catch {
        _ = "\(error)"
    }
}

/// Replaces the file's content in place: far cheaper than FileManager's atomic write, at every input.
private func store(_ data: UnsafeRawBufferPointer, at path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot open \(path) for the fuzzing input (errno \(errno))") }
    defer { close(descriptor) }
    var offset = 0
    while offset < data.count {
        let written = write(descriptor, data.baseAddress! + offset, data.count - offset)
        guard written > 0 else { fatalError("cannot write the fuzzing input to \(path) (errno \(errno))") }
        offset += written
    }
}

/// Traps when an item breaks what ``InboundFile`` promises about the values it returns.
private func check(_ item: InboundItem) {
    let limit = Decimal(1_000_000_000)
    switch item {
    case .shipment(let report):
        precondition(!report.orderNumber.isEmpty && report.orderNumber.count <= 200, "bad order number")
        precondition((0..<100_000).contains(report.statusNumber), "status number out of range")
        for line in report.lines {
            precondition(!line.externalOrderLineCode.isEmpty, "empty line code")
            precondition(line.picked >= 0 && line.picked <= limit, "picked quantity out of range")
        }
    case .stock(let report):
        precondition(report.articleNumber != nil || report.productCode != nil, "stock without a key")
        precondition(report.sellable != nil || report.numberOfItems != nil, "stock without a quantity")
        // Negative stock figures are well-formed (the WMS's sellable stock goes below zero; the planner reports
        // them and writes nothing), so only the size is bounded.
        for value in [report.sellable, report.numberOfItems].compactMap({ $0 }) {
            precondition(value >= -limit && value <= limit, "stock quantity out of range")
        }
    case .acknowledgement(let acknowledgement):
        precondition(!acknowledgement.orderNumber.isEmpty, "acknowledgement without an order number")
    }
}
