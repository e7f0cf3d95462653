import Foundation
public import Logging
public import ServiceLifecycle

/// The one runtime of a process: per goods owner one archive writer and one 24SevenOffice gateway with its session,
/// with the exporters, inbox and write-back runner over them, all over one state database per state folder.
///
/// Built once by the composition root and shared by every service of the daemon's one `ServiceGroup`. Each owner's
/// services are its own: one owner's unreachable 24SevenOffice, quarantine, bad file or held stock file holds up
/// only that owner's work. Owners that log in with the same 24SevenOffice user share that account's budget.
///
/// ```swift
/// let runtime = try await RuntimeBuilder.build(configuration, logger: logger)
/// let group = ServiceGroup(services: runtime.services(clock: ContinuousClock()), logger: logger)
/// ```
public final class BridgeRuntime: Sendable {
    /// The state database of the top-level state folder: the accounts' budgets and health, and the state of every
    /// owner that keeps it there.
    public let database: StateDatabase
    /// The goods owners' runtimes.
    public let owners: [OwnerRuntime]
    /// The process's logger.
    public let logger: Logger

    /// Assembles the runtime from its parts.
    public init(database: StateDatabase, owners: [OwnerRuntime], logger: Logger) {
        self.database = database
        self.owners = owners
        self.logger = logger
    }

    /// The runtime of one goods owner.
    public func owner(_ code: String) -> OwnerRuntime? {
        owners.first { $0.settings.goodsOwnerCode == code }
    }

    /// Every owner's services, on `clock`.
    public func services<C: Clock>(clock: C) -> [any Service] where C.Duration == Duration {
        owners.flatMap { $0.services(clock: clock) }
    }
}
