import BridgeEngine
import Testing

/// What recovery does about an interrupted outbox write, for every point a crash can stop it at.
@Suite struct OutboxWriteTests {
    typealias Evidence = OutboxWrite.Evidence

    @Test(
        arguments: [
            // Crashed after recording it pending, before the hidden file was complete: roll back; the next export
            // writes it again.
            (Evidence(writesXML: true, visible: false, archived: false, hidden: false), .rollBack),
            (Evidence(writesXML: true, visible: false, archived: false, hidden: true), .rollBack),
            // Archived, so the hidden file was complete: finish the rename.
            (Evidence(writesXML: true, visible: false, archived: true, hidden: true), .finishRename),
            // Archived and renamed, and the importer already took it: done.
            (Evidence(writesXML: true, visible: false, archived: true, hidden: false), .done),
            // In view: only the last record was missing.
            (Evidence(writesXML: true, visible: true, archived: true, hidden: false), .done),
            // CSV only: the rows are settled with the CSV file.
            (Evidence(writesXML: false, visible: false, archived: false, hidden: false), .done),
        ] as [(Evidence, OutboxWrite.Recovery)])
    func recovery(evidence: Evidence, expected: OutboxWrite.Recovery) {
        #expect(OutboxWrite.recovery(evidence) == expected)
    }

    @Test func csvRowsCountAsDeliveredOnlyOnceTheirFileWasArchived() {
        #expect(OutboxWrite.csvRecovery(assigned: nil, visible: false, archived: false, hidden: false) == nil)
        #expect(OutboxWrite.csvRecovery(assigned: "orders-1.csv", visible: false, archived: false, hidden: true) == nil)
        #expect(
            OutboxWrite.csvRecovery(assigned: "orders-1.csv", visible: false, archived: true, hidden: true)
                == .finishRename)
        #expect(
            OutboxWrite.csvRecovery(assigned: "orders-1.csv", visible: true, archived: true, hidden: false) == .done)
        #expect(
            OutboxWrite.csvRecovery(assigned: "orders-1.csv", visible: false, archived: true, hidden: false) == .done)
    }
}
