public import Foundation

/// One intended write to 24SevenOffice, as the journal keeps it.
public struct WriteBack: Sendable, Equatable {
    /// What to change.
    public enum Operation: String, Sendable, CaseIterable {
        /// An order's status (`SaveInvoices`); `value` is the `OrderSlipStateType` name.
        case orderStatus
        /// A product's stock (`SetStockQuantity`); `value` is the quantity.
        case stock
    }

    /// Where a write-back stands.
    public enum State: String, Sendable {
        /// Recorded, not yet taken effect; tried again after `nextAttemptAt`.
        case pending
        /// Written by the bridge.
        case done
        /// Not needed: 24SevenOffice already held the value when checked.
        case skipped
        /// 24SevenOffice refused it for a reason a retry cannot change (invoiced, unknown id); reported.
        case refused
        /// Replaced, while it waited, by a newer write-back for the same target; never applied.
        case superseded

        /// Whether the write-back is finished: nothing more happens to it.
        public var isFinal: Bool { self != .pending }
    }

    /// What a write-back changes: one order's status or one product's stock.
    ///
    /// The journal keeps one live (pending) write-back per target.
    public struct Target: Sendable, Hashable {
        /// What to change.
        public var operation: Operation
        /// The OrderId or product id.
        public var id: Int

        /// Creates a target.
        public init(_ operation: Operation, _ id: Int) {
            self.operation = operation
            self.id = id
        }
    }

    /// The journal's id.
    public var id: Int64
    /// What to change.
    public var operation: Operation
    /// The OrderId or product id.
    public var target: Int
    /// The value to write.
    public var value: String
    /// The inbox file and place it came from.
    public var source: String
    /// Where it stands.
    public var state: State
    /// How often it was tried.
    public var attempts: Int
    /// The last error, for `status`.
    public var lastError: String?
    /// When it may be tried again.
    public var nextAttemptAt: Date
    /// The newer write-back that replaced it, when it was superseded.
    public var supersededBy: Int64?
    /// What identifies its instruction in its source file (`a<archive record>:<position>`), if it came from one.
    public var sourceKey: String?

    /// What it changes.
    public var targetKey: Target { Target(operation, target) }

    /// Creates a record.
    public init(
        id: Int64, operation: Operation, target: Int, value: String, source: String, state: State, attempts: Int,
        lastError: String?, nextAttemptAt: Date, supersededBy: Int64? = nil, sourceKey: String? = nil
    ) {
        self.id = id
        self.operation = operation
        self.target = target
        self.value = value
        self.source = source
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.supersededBy = supersededBy
        self.sourceKey = sourceKey
    }
}

/// A write-back to record, before it has an id.
public struct PlannedWriteBack: Sendable, Equatable {
    /// What to change.
    public var operation: WriteBack.Operation
    /// The OrderId or product id.
    public var target: Int
    /// The value to write.
    public var value: String
    /// The inbox file and place it came from.
    public var source: String
    /// What identifies the instruction in its source (the file's SHA-256 and the item's position), so that taking a
    /// file again after a crash never journals it twice; `nil` for instructions without one.
    public var sourceKey: String?

    /// What it changes.
    public var targetKey: WriteBack.Target { WriteBack.Target(operation, target) }

    /// Creates a planned write-back.
    public init(operation: WriteBack.Operation, target: Int, value: String, source: String, sourceKey: String? = nil) {
        self.operation = operation
        self.target = target
        self.value = value
        self.source = source
        self.sourceKey = sourceKey
    }
}
