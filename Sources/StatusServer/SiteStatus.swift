public import BridgeEngine
import Foundation

/// Everything the status page shows, and what `/status.json` serves: the daemon, and each goods owner's status with
/// its alerts.
public struct SiteStatus: Codable, Sendable {
    /// The process serving the page.
    public struct Daemon: Codable, Sendable {
        /// Its process id.
        public var pid: Int32
        /// When it started.
        public var startedAt: String
        /// The version of SevenBridge it runs.
        public var version: String

        /// Describes the daemon.
        public init(pid: Int32, startedAt: String, version: String) {
            self.pid = pid
            self.startedAt = startedAt
            self.version = version
        }
    }

    /// When the status was gathered.
    public var generatedAt: String
    /// The process serving it.
    public var daemon: Daemon
    /// Every goods owner's status, in configuration order.
    public var owners: [OwnerStatus]
    /// How often the page refreshes itself, in seconds.
    public var refreshSeconds: Int

    /// Assembles the status.
    public init(generatedAt: String, daemon: Daemon, owners: [OwnerStatus], refreshSeconds: Int = 15) {
        self.generatedAt = generatedAt
        self.daemon = daemon
        self.owners = owners
        self.refreshSeconds = refreshSeconds
    }

    /// Every owner's alerts, with the owner's code.
    public var alerts: [(goodsOwner: String, alert: Alert)] {
        owners.flatMap { owner in owner.alerts.map { (owner.goodsOwner, $0) } }
    }
}
