import CZlib

/// Streaming gzip decompression over zlib, with a bound on the output so that a small hostile input cannot expand into gigabytes.
///
/// Concatenated gzip members are decompressed one after the other.
public final class GzipDecompressor {
    private var stream = z_stream()
    private let maxOutputBytes: Int
    private var produced = 0
    /// Whether the last member's trailer has been read and verified.
    public private(set) var isComplete = false

    /// Creates a decompressor.
    /// - Parameter maxOutputBytes: the most bytes this stream may produce in total.
    public init(maxOutputBytes: Int = 8 << 30) throws {
        self.maxOutputBytes = maxOutputBytes
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError("cannot initialise decompression", code: status) }
    }

    deinit { inflateEnd(&stream) }

    /// Decompresses a chunk and returns the bytes it produced.
    /// - Throws: `GzipError` for corrupt data, a wrong checksum or output over the limit.
    public func decompress(_ chunk: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var input = chunk
        try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                if isComplete {
                    guard stream.avail_in > 0 else { break }
                    // Another gzip member follows the one just finished.
                    guard inflateReset(&stream) == Z_OK else { throw GzipError("cannot start the next member") }
                    isComplete = false
                }
                var status: Int32 = Z_OK
                var outputFull = false
                let count = try scratch.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = uInt(outputBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw GzipError("the data is not valid gzip", code: status)
                    }
                    outputFull = stream.avail_out == 0
                    return outputBuffer.count - Int(stream.avail_out)
                }
                produced += count
                if produced > maxOutputBytes {
                    throw GzipError("the decompressed data is larger than \(maxOutputBytes) bytes")
                }
                output.append(contentsOf: scratch[0..<count])
                if status == Z_STREAM_END {
                    isComplete = true
                    continue
                }
                // Stop when zlib has consumed all input and has no more output waiting.
                if !outputFull && (stream.avail_in == 0 || status == Z_BUF_ERROR) { break }
            }
            stream.next_in = nil
        }
        return output
    }

    /// Decompresses a whole gzip buffer.
    /// - Throws: `GzipError` when the data is corrupt, truncated or larger than `maxOutputBytes`.
    public static func decompress(_ bytes: [UInt8], maxOutputBytes: Int = 1 << 30) throws -> [UInt8] {
        let decompressor = try GzipDecompressor(maxOutputBytes: maxOutputBytes)
        let output = try decompressor.decompress(bytes)
        guard decompressor.isComplete else { throw GzipError("the data is truncated") }
        return output
    }
}
