import Testing

@testable import BridgeEngine

/// The status shows a failed inbox file's reason as the first line of its error file, read no further than
/// ``OwnerStatus/reasonBytes``.
@Suite struct FailedFileReasonTests {
    func line(_ text: String) -> String? { OwnerStatus.firstLine(Array(text.utf8)) }

    @Test func theFirstLineThatIsNotEmpty() {
        #expect(
            line("stock.csv: line 3: quantity -1 is negative\r\nline 9: ...\r\n")
                == "stock.csv: line 3: quantity -1 is negative")
        #expect(line("\n\r\nwrong.xml: not an Ongoing file\n") == "wrong.xml: not an Ongoing file")
        #expect(line("no line break at all") == "no line break at all")
    }

    @Test func nothingToShowIsNil() {
        #expect(line("") == nil)
        #expect(line("\r\n\n") == nil)
    }

    @Test func aFirstLineLongerThanWhatIsReadEndsInAnEllipsis() {
        let head = Array(repeating: UInt8(ascii: "x"), count: OwnerStatus.reasonBytes)
        #expect(OwnerStatus.firstLine(head) == String(repeating: "x", count: OwnerStatus.reasonBytes) + "…")
        var short = head
        short[100] = UInt8(ascii: "\n")
        #expect(OwnerStatus.firstLine(short) == String(repeating: "x", count: 100))
    }
}
