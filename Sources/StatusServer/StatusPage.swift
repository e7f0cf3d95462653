import BridgeEngine
public import Foundation

/// The status page: server-rendered HTML that reads without JavaScript and refreshes itself.
public enum StatusPage {
    /// The page for `status`, as of `now`.
    public static func render(_ status: SiteStatus, now: Date = Date()) throws -> String {
        // Replaced by the Mustache template in the next step.
        "<!doctype html><title>SevenBridge</title><p>\(status.owners.map(\.goodsOwner).joined(separator: ", "))</p>"
    }
}
