import CZlib

/// Streaming gzip compression over zlib: feed chunks, collect compressed chunks, then finish.
///
/// ```swift
/// let compressor = try GzipCompressor()
/// var output = try compressor.compress(chunk)
/// output += try compressor.finish()
/// ```
public final class GzipCompressor {
    private var stream = z_stream()
    private var finished = false

    /// Creates a compressor.
    /// - Parameter level: zlib level 0 (none) to 9 (smallest); 6 is zlib's default balance.
    /// - Throws: `GzipError` when zlib cannot initialise.
    public init(level: Int32 = 6) throws {
        // windowBits 15 + 16 selects the gzip wrapper instead of the raw zlib one.
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError("cannot initialise compression", code: status) }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses a chunk and returns whatever compressed bytes zlib has ready.
    public func compress(_ chunk: [UInt8]) throws -> [UInt8] {
        try run(chunk, flush: Z_NO_FLUSH)
    }

    /// Ends the stream and returns the remaining compressed bytes, including the gzip trailer.
    public func finish() throws -> [UInt8] {
        guard !finished else { return [] }
        finished = true
        return try run([], flush: Z_FINISH)
    }

    private func run(_ input: [UInt8], flush: Int32, room: Int = 64 * 1024) throws -> [UInt8] {
        guard !finished || flush == Z_FINISH else { throw GzipError("the stream is already finished") }
        var output: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: room)
        var input = input
        try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let produced = try scratch.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = uInt(outputBuffer.count)
                    let status = deflate(&stream, flush)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw GzipError("compression failed", code: status)
                    }
                    return outputBuffer.count - Int(stream.avail_out)
                }
                output.append(contentsOf: scratch[0..<produced])
                if stream.avail_in == 0 && stream.avail_out != 0 { break }
            }
            stream.next_in = nil
        }
        return output
    }

    /// Compresses a whole buffer into one gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        let compressor = try GzipCompressor(level: level)
        return try compressor.compress(bytes) + compressor.finish()
    }
}
