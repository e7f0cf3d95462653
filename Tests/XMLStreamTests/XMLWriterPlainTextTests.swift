import Testing

@testable import XMLStream

/// The writer copies a value as it is only when no byte of it needs an escape or a removal: checked for every byte
/// value at every position of values up to 24 bytes long.
@Suite struct XMLWriterPlainTextTests {
    @Test func theWordAtATimeScanFindsEveryByteThatIsNotPlain() {
        for length in 1...24 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[position] = UInt8(value)
                    let expected = !(value < 0x20 || [0x26, 0x3C, 0x3E, 0x22, 0xEF].contains(value))
                    let found = bytes.withUnsafeBufferPointer { XMLWriter.isPlain($0) }
                    #expect(found == expected, "byte \(value) at \(position) of \(length)")
                }
            }
        }
        #expect(XMLWriter.isPlain(UnsafeBufferPointer(start: nil, count: 0)))
    }
}
