import BridgeEngine
import Testing

/// What taking a file of known content means, in each state the store can hold it: the rule that takes a file once
/// across crashes.
@Suite struct InboxFileStateTests {
    @Test(arguments: [
        (nil, false, InboxFileState.Decision.take),
        (InboxFileState.replay, false, .take),
        (.archived, false, .resume(archiveSeq: 12)),
        (.processing, false, .resume(archiveSeq: 12)),
        (.planned, false, .finish),
        (.processed, false, .duplicate),
        (.rejected, false, .duplicate),
        (.held, false, .duplicate),
        (.held, true, .resume(archiveSeq: 12)),
    ])
    func decision(state: InboxFileState?, released: Bool, expected: InboxFileState.Decision) {
        #expect(InboxFileState.decide(state, released: released, archiveSeq: 12) == expected)
    }
}
