import Gzip
import Testing

@Suite struct GzipTests {
    @Test func roundTripsAcrossChunks() throws {
        let text = (0..<20_000).map { "line \($0) æøå\n" }.joined()
        let input = Array(text.utf8)
        let compressor = try GzipCompressor()
        var compressed: [UInt8] = []
        for start in stride(from: 0, to: input.count, by: 7_777) {
            compressed += try compressor.compress(Array(input[start..<min(start + 7_777, input.count)]))
        }
        compressed += try compressor.finish()
        #expect(compressed.count < input.count / 5)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])

        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        for start in stride(from: 0, to: compressed.count, by: 1_000) {
            output += try decompressor.decompress(Array(compressed[start..<min(start + 1_000, compressed.count)]))
        }
        #expect(decompressor.isComplete)
        #expect(output == input)
    }

    @Test func oneCompressorMakesManyMembersThatReadAloneAndTogether() throws {
        let files = (0..<50).map { index in Array((0..<(index * 37)).map { "order \($0) æ\n" }.joined().utf8) }
        let compressor = try GzipMembers(level: 1)
        let members = try files.map { try compressor.member($0) }
        for (member, file) in zip(members, files) {
            #expect(member.prefix(2) == [0x1f, 0x8b])
            #expect(try GzipDecompressor.decompress(member) == file)
        }
        #expect(try GzipDecompressor.decompress(members.flatMap { $0 }) == files.flatMap { $0 })
    }

    @Test func emptyInputRoundTrips() throws {
        let compressed = try GzipCompressor.compress([])
        #expect(try GzipDecompressor.decompress(compressed) == [])
        let member = try GzipMembers(level: 1).member([])
        #expect(try GzipDecompressor.decompress(member) == [])
    }

    @Test func membersAreSmallerThanZlibAtTheSameLevel() throws {
        let file = Array(
            (0..<60).map { "<CustomerOrderLine><ArticleNumber>A-\($0)</ArticleNumber></CustomerOrderLine>\n" }.joined()
                .utf8)
        let member = try GzipMembers(level: 1).member(file)
        #expect(try GzipDecompressor.decompress(member) == file)
        #expect(member.count <= (try GzipCompressor.compress(file, level: 1)).count)
    }

    @Test func concatenatedMembersDecompressInOrder() throws {
        let first = try GzipCompressor.compress(Array("first,".utf8))
        let second = try GzipCompressor.compress(Array("second".utf8))
        #expect(try GzipDecompressor.decompress(first + second) == Array("first,second".utf8))
    }

    @Test func truncatedDataIsRejected() throws {
        let compressed = try GzipCompressor.compress(Array(repeating: 65, count: 10_000))
        #expect(throws: GzipError.self) { try GzipDecompressor.decompress(Array(compressed.dropLast(6))) }
    }

    @Test func corruptedChecksumIsRejected() throws {
        var compressed = try GzipCompressor.compress(Array("tamper-evident".utf8))
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        #expect(throws: GzipError.self) { try GzipDecompressor.decompress(compressed) }
    }

    @Test func outputBeyondTheLimitIsRejected() throws {
        let bomb = try GzipCompressor.compress(Array(repeating: 0, count: 5_000_000), level: 9)
        #expect(bomb.count < 10_000)
        #expect(throws: GzipError.self) { try GzipDecompressor.decompress(bomb, maxOutputBytes: 1_000_000) }
    }
}
