public import Foundation

/// How the client reaches 24SevenOffice and how hard it tries.
public struct TwentyFourSevenConfiguration: Sendable {
    /// The base URL, such as `https://api.24sevenoffice.com`; the service paths are appended.
    public var endpoint: String
    /// The integration user's credentials.
    public var credential: Credential
    /// The most attempts for one call when failures are temporary (429, 5xx, timeouts, dropped connections).
    public var maxAttempts: Int
    /// The first back-off delay; each retry doubles it, with random jitter of up to half.
    public var initialBackoff: Duration
    /// The longest back-off delay.
    public var maxBackoff: Duration
    /// Requests allowed per hour (24SevenOffice's documented budget is 7200).
    public var hourlyRequestBudget: Int
    /// The longest the client waits for a "Quarantine ends at" time before giving up.
    public var maxQuarantineWait: Duration
    /// The most ids in one request (`OrderIds`, `ProductIds`, `CompanyIds`); 24SevenOffice allows 1000.
    public var maxIdsPerRequest: Int

    /// Creates a configuration with the documented defaults.
    public init(
        endpoint: String, credential: Credential, maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(30), hourlyRequestBudget: Int = 7200,
        maxQuarantineWait: Duration = .seconds(65 * 60), maxIdsPerRequest: Int = 1000
    ) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.credential = credential
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.hourlyRequestBudget = hourlyRequestBudget
        self.maxQuarantineWait = maxQuarantineWait
        self.maxIdsPerRequest = min(max(1, maxIdsPerRequest), 1000)
    }
}

/// The client's view of time and chance, injected so that tests can drive waits without sleeping.
public struct TwentyFourSevenEnvironment: Sendable {
    /// The current wall-clock time.
    public var now: @Sendable () -> Date
    /// Waits for a duration; throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in 0..<1 for back-off jitter.
    public var random: @Sendable () -> Double

    /// Creates an environment.
    public init(
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// Real time and real randomness.
    public static let live = TwentyFourSevenEnvironment(
        now: { Date() }, sleep: { try await Task.sleep(for: $0) }, random: { Double.random(in: 0..<1) })
}
