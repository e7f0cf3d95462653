public import BridgeEngine
import CoreMetrics
import Prometheus

/// The process's one Prometheus registry: every goods owner's ``BridgeMetrics`` record into it, and `/metrics`
/// writes it out in the Prometheus text format.
///
/// One per runtime rather than swift-metrics' global bootstrap, so that several runtimes in one test process each
/// count their own.
public final class MetricsRegistry: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    /// An empty registry.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // ERP requests take from a few milliseconds to the client's 60 s timeout.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60),
        ]
        self.factory = factory
    }

    /// The metrics of one goods owner.
    public func metrics(goodsOwner: String) -> BridgeMetrics {
        BridgeMetrics(goodsOwner: goodsOwner, factory: factory)
    }

    /// Everything recorded, in the Prometheus text format, each family of ``BridgeMetrics/Family`` with its
    /// `# HELP` line.
    public func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Self.withHelp(String(decoding: buffer, as: UTF8.self))
    }

    /// `text` with a `# HELP` line before the `# TYPE` line of every family of ``BridgeMetrics/Family``.
    ///
    /// The metrics come through swift-metrics' factory, which registers every series with an empty help text, and
    /// swift-prometheus stops the process when one name is registered with two help texts; so the help is added to
    /// the text rather than to the registry.
    static func withHelp(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 1024)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first,
                let family = BridgeMetrics.Family(rawValue: String(name))
            {
                result += "# HELP \(name) \(family.help)\n"
            }
            result += line
            result += "\n"
        }
        result.removeLast()
        return result
    }
}
