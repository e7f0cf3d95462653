import BridgeEngine
import Foundation
import Testing

/// The journal's rules, without I/O: one live write-back per target, nothing journaled twice, and how each outcome
/// moves a write-back on.
@Suite struct WriteBackJournalTests {
    static func stock(_ product: Int, _ value: String, key: String? = nil) -> PlannedWriteBack {
        PlannedWriteBack(operation: .stock, target: product, value: value, source: "stock.csv", sourceKey: key)
    }

    static func status(_ order: Int, _ value: String, key: String? = nil) -> PlannedWriteBack {
        PlannedWriteBack(operation: .orderStatus, target: order, value: value, source: "ship.csv", sourceKey: key)
    }

    static func pending(_ id: Int64, attempts: Int = 0) -> WriteBack {
        WriteBack(
            id: id, operation: .stock, target: 7, value: "8", source: "stock.csv", state: .pending, attempts: attempts,
            lastError: nil, nextAttemptAt: Date(timeIntervalSince1970: 0))
    }

    @Test func aNewerInstructionSupersedesTheOneStillWaitingForItsTarget() {
        let changes = WriteBackJournal.admit(
            [Self.stock(7, "10")], live: [WriteBack.Target(.stock, 7): 41], journaled: [])
        #expect(changes == [.insert(0), .supersede(.stored(41), by: 0)])
    }

    @Test func anOrderStatusAndAStockOfTheSameIdAreDifferentTargets() {
        let changes = WriteBackJournal.admit(
            [Self.status(7, "Pack")], live: [WriteBack.Target(.stock, 7): 41], journaled: [])
        #expect(changes == [.insert(0)])
    }

    @Test func withinABatchTheLastInstructionForATargetIsTheLiveOne() {
        let changes = WriteBackJournal.admit(
            [Self.status(5007, "OrderState_Sent"), Self.status(5008, "OrderState_Sent"), Self.status(5007, "Pack")],
            live: [:], journaled: [])
        #expect(changes == [.insert(0), .insert(1), .insert(2), .supersede(.incoming(0), by: 2)])
    }

    @Test func anInstructionAlreadyJournaledIsNotJournaledAgain() {
        // A file taken again after a crash: its first batch was journaled, its second was not.
        let changes = WriteBackJournal.admit(
            [Self.stock(1, "5", key: "a12:0"), Self.stock(2, "6", key: "a12:1"), Self.stock(2, "6", key: "a12:1")],
            live: [WriteBack.Target(.stock, 1): 3], journaled: ["a12:0"])
        #expect(changes == [.insert(1)])
    }

    @Test func outcomesMoveAPendingWriteBackOn() {
        let now = Date(timeIntervalSince1970: 1_000)
        let item = Self.pending(1)
        #expect(WriteBackJournal.apply(.applied, to: item, at: now)?.state == .done)
        #expect(WriteBackJournal.apply(.applied, to: item, at: now)?.attempts == 1)
        #expect(WriteBackJournal.apply(.alreadyRight, to: item, at: now)?.state == .skipped)
        let refused = WriteBackJournal.apply(.refused("invoiced"), to: item, at: now)
        #expect(refused?.state == .refused && refused?.lastError == "invoiced")
        let superseded = WriteBackJournal.apply(.superseded(by: 9), to: item, at: now)
        #expect(superseded?.state == .superseded && superseded?.supersededBy == 9)
    }

    @Test func aFailureWaitsLongerEachTimeUpToAnHour() {
        let now = Date(timeIntervalSince1970: 1_000)
        var item = Self.pending(1)
        var waits: [TimeInterval] = []
        for _ in 0..<9 {
            guard let next = WriteBackJournal.apply(.failed("HTTP 500"), to: item, at: now) else { break }
            #expect(next.state == .pending && next.lastError == "HTTP 500")
            waits.append(next.nextAttemptAt.timeIntervalSince(now))
            item = next
        }
        #expect(waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(item.attempts == 9)
    }

    @Test func aShutdownCostsNoAttemptAndRetriesAtOnce() {
        let now = Date(timeIntervalSince1970: 1_000)
        let next = WriteBackJournal.apply(.interrupted, to: Self.pending(1, attempts: 2), at: now)
        #expect(next?.state == .pending && next?.attempts == 2 && next?.nextAttemptAt == now)
    }

    @Test func aFinishedWriteBackDoesNotChangeAgain() {
        let now = Date(timeIntervalSince1970: 1_000)
        for state in [WriteBack.State.done, .skipped, .refused, .superseded] {
            var item = Self.pending(1)
            item.state = state
            #expect(WriteBackJournal.apply(.applied, to: item, at: now) == nil)
            #expect(WriteBackJournal.apply(.failed("late"), to: item, at: now) == nil)
        }
    }
}
