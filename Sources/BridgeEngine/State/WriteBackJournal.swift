public import Foundation

/// The rules of the write-back journal, as values: how instructions are admitted and how a write-back moves from
/// pending to done, skipped, refused or superseded.
///
/// ``StateStore`` carries the changes out in SQLite; these rules decide them, and are tested without I/O.
///
/// - One live write-back per target (an order's status, a product's stock): a newer instruction for a target
///   supersedes the one still waiting, so 24SevenOffice ends with the newest value.
/// - An instruction already journaled (the same source key: a file taken again after a crash) is not journaled twice.
/// - Only a pending write-back changes; a late answer for one that was superseded meanwhile changes nothing.
/// - Temporary failures wait 30 s, doubling to an hour; a stop (shutdown) costs no attempt.
public enum WriteBackJournal {
    /// A live write-back: one stored in the journal, or one of the batch being admitted.
    public enum Live: Sendable, Equatable {
        /// A pending write-back in the journal, by id.
        case stored(Int64)
        /// An instruction of this batch, by index.
        case incoming(Int)
    }

    /// One change to make when admitting a batch.
    public enum Change: Sendable, Equatable {
        /// Insert instruction `index` of the batch as pending.
        case insert(Int)
        /// Mark a live write-back superseded by instruction `by` of the batch.
        case supersede(Live, by: Int)
    }

    /// The changes that admit `incoming`, in the order to apply them.
    /// - Parameters:
    ///   - incoming: instructions in the order they arrived.
    ///   - live: the pending write-back of each target, as the journal holds it.
    ///   - journaled: source keys already in the journal.
    public static func admit(
        _ incoming: [PlannedWriteBack], live: [WriteBack.Target: Int64], journaled: Set<String>
    ) -> [Change] {
        var current = live.mapValues { Live.stored($0) }
        var seen = journaled
        var changes: [Change] = []
        for (index, instruction) in incoming.enumerated() {
            if let key = instruction.sourceKey {
                guard seen.insert(key).inserted else { continue }
            }
            changes.append(.insert(index))
            if let older = current[instruction.targetKey] { changes.append(.supersede(older, by: index)) }
            current[instruction.targetKey] = .incoming(index)
        }
        return changes
    }

    /// What happened when a write-back was tried.
    public enum Event: Sendable, Equatable {
        /// The bridge wrote the value.
        case applied
        /// 24SevenOffice already held the value; nothing was written.
        case alreadyRight
        /// 24SevenOffice refused it for a reason a retry cannot change.
        case refused(String)
        /// A temporary failure; try again later.
        case failed(String)
        /// The bridge is stopping; try again at the next start, without counting an attempt.
        case interrupted
        /// A newer write-back for the same target replaced it.
        case superseded(by: Int64)
    }

    /// The write-back after `event` at `now`, or `nil` when it is final and the event changes nothing.
    public static func apply(_ event: Event, to item: WriteBack, at now: Date) -> WriteBack? {
        guard item.state == .pending else { return nil }
        var next = item
        switch event {
        case .applied:
            next.state = .done
            next.attempts += 1
            next.lastError = nil
        case .alreadyRight:
            next.state = .skipped
        case .refused(let reason):
            next.state = .refused
            next.attempts += 1
            next.lastError = reason
        case .failed(let reason):
            next.attempts += 1
            next.lastError = reason
            next.nextAttemptAt = now.addingTimeInterval(retryDelay(afterAttempts: next.attempts))
        case .interrupted:
            next.nextAttemptAt = now
        case .superseded(let newer):
            next.state = .superseded
            next.supersededBy = newer
        }
        return next
    }

    /// The wait after `attempts` failed attempts: 30 s, doubling, at most an hour.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(min(max(attempts, 1) - 1, 7))))
    }
}
