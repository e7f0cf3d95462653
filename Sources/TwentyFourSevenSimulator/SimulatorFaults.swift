/// Faults the simulator injects, so tests can prove the client survives a bad day at 24SevenOffice.
public struct SimulatorFaults: Sendable, Equatable {
    /// Added to every answer.
    public var latency: Duration
    /// The share of requests (0...1) answered with a bare HTTP 500, as a failing IIS front end does.
    public var serverErrorRate: Double
    /// The share of requests (0...1) whose connection is dropped without an answer.
    public var dropRate: Double
    /// The share of requests (0...1) answered with a `soap:Server` fault like a deadlock victim's, in HTTP 500 as
    /// ASMX answers every fault; a write so answered was not applied (its transaction was rolled back).
    public var serverFaultRate: Double
    /// The share of requests (0...1) that are never answered (the client's timeout ends them).
    public var hangRate: Double
    /// Sessions expire after serving this many calls; `nil` for never.
    public var sessionLifetimeCalls: Int?
    /// Requests allowed before the account is quarantined; `nil` for no limit.
    public var requestLimit: Int?
    /// How long a quarantine lasts.
    public var quarantineDuration: Duration
    /// The seed of the random choices, so that a failing run can be repeated.
    public var seed: UInt64

    /// Creates a fault plan; the default injects nothing.
    public init(
        latency: Duration = .zero, serverErrorRate: Double = 0, dropRate: Double = 0, serverFaultRate: Double = 0,
        hangRate: Double = 0, sessionLifetimeCalls: Int? = nil, requestLimit: Int? = nil,
        quarantineDuration: Duration = .seconds(3600), seed: UInt64 = 0x5EB7_B41D
    ) {
        self.latency = latency
        self.serverErrorRate = serverErrorRate
        self.dropRate = dropRate
        self.serverFaultRate = serverFaultRate
        self.hangRate = hangRate
        self.sessionLifetimeCalls = sessionLifetimeCalls
        self.requestLimit = requestLimit
        self.quarantineDuration = quarantineDuration
        self.seed = seed
    }

    /// No faults.
    public static let none = SimulatorFaults()

    /// The text of the commonest transient fault of an ASMX service over SQL Server.
    public static let deadlock =
        "Server was unable to process request. ---> Transaction (Process ID 71) was deadlocked on lock resources "
        + "with another process and has been chosen as the deadlock victim. Rerun the transaction."
}

/// A small deterministic random generator (SplitMix64) for reproducible fault injection.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next number of the sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
