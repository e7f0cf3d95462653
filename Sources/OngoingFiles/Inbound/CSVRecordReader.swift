import Foundation

/// Reads `;`-separated records (RFC 4180 quoting, fields may span lines) from a file in chunks, so that a file of any size is read in bounded memory.
///
/// Refuses invalid UTF-8 and over-long records.
final class CSVRecordReader {
    private let handle: FileHandle
    private let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private(set) var line = 1
    private let maxRecordBytes = 1 << 20

    init(path: String, file: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InboundFileError(file: file, reason: "the file cannot be read")
        }
        self.handle = handle
        self.file = file
    }

    deinit { try? handle.close() }

    /// The next record and the line it starts on, or `nil` at the end of the file.
    func next() throws -> (fields: [String], line: Int)? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var started = false
        let startLine = line
        var size = 0
        while let byte = try nextByte() {
            started = true
            size += 1
            if size > maxRecordBytes {
                throw InboundFileError(
                    file: file, location: "line \(startLine)", reason: "a record is longer than 1 MiB")
            }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        _ = try nextByte()
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if field.isEmpty { quoted = true } else { field.append(byte) }
            case UInt8(ascii: ";"): fields.append(try text(field, startLine)); field = []
            case 0x0D: continue
            case 0x0A:
                line += 1
                fields.append(try text(field, startLine))
                return (fields, startLine)
            default: field.append(byte)
            }
        }
        if quoted {
            throw InboundFileError(
                file: file, location: "line \(startLine)",
                reason: "a quoted field is not closed (is the file cut short?)")
        }
        guard started else { return nil }
        fields.append(try text(field, startLine))
        return (fields, startLine)
    }

    private func text(_ bytes: [UInt8], _ line: Int) throws -> String {
        if bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            throw InboundFileError(
                file: file, location: "line \(line)",
                reason: "the text holds control characters (is this a binary file?)")
        }
        guard let value = String(validating: bytes, as: UTF8.self) else {
            throw InboundFileError(
                file: file, location: "line \(line)", reason: "the text is not valid UTF-8 (save the file as UTF-8)")
        }
        return value
    }

    private func nextByte() throws -> UInt8? {
        if position >= buffer.count {
            guard try fill() else { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() throws -> UInt8? {
        if position >= buffer.count {
            guard try fill() else { return nil }
        }
        return buffer[position]
    }

    private func fill() throws -> Bool {
        guard !finished else { return false }
        let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
        if chunk.isEmpty {
            finished = true
            return false
        }
        buffer = Array(chunk)
        position = 0
        return true
    }
}
