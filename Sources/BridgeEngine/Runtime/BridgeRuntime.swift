import Foundation
public import Logging
public import ServiceLifecycle

/// The one runtime of a process: one state database, and per goods owner one archive writer and one 24SevenOffice
/// gateway with its session and budget, with the exporters, inbox and write-back runner over them.
///
/// Built once by the composition root and shared by every service of the daemon's one `ServiceGroup`.
///
/// ```swift
/// let runtime = try await RuntimeBuilder.build(configuration, logger: logger)
/// let group = ServiceGroup(services: runtime.services(clock: ContinuousClock()), logger: logger)
/// ```
public final class BridgeRuntime: Sendable {
    /// The state database.
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
