public import Foundation
public import XMLStream

/// One simulated 24SevenOffice company: its data, the user and identity that log in to it, its sessions, fault plan
/// and the log of calls and writes.
///
/// A simulator serves one store or several (one per company), each found by the credentials a login gives.
///
/// Tests reach it directly to change data ("the customer edits an order in 24SevenOffice"), set faults,
/// and count the writes that really took effect.
public actor SimulatorStore {
    /// What the front door decided about a request before it reaches an operation.
    enum Admission {
        /// Answer a bare HTTP 500 (before or after applying a write).
        case serverError(afterApplying: Bool)
        /// Drop the connection (before or after applying a write).
        case drop(afterApplying: Bool)
        /// Answer a `soap:Server` deadlock fault without applying anything.
        case serverFault
        /// Never answer.
        case hang
        /// Let it through.
        case proceed
    }

    var data: SimulatorData
    let credentials: SimulatorCredentials
    /// The identity a session of this company works on.
    public let identity: SimulatorIdentity
    let now: @Sendable () -> Date
    /// Companies per page of GetCompanySyncList (24SevenOffice uses 1000).
    let companyPageSize: Int
    /// The fault plan in force.
    public private(set) var faults: SimulatorFaults
    private var random: SplitMix64
    /// What each character of a session id is shifted by: derived from the user and identity.
    private let sessionSalt: [UInt64]
    private var sessions: [String: Int] = [:]
    private var requestsInWindow = 0
    private var quarantineEnd: Date?
    /// Every request received, in order.
    public private(set) var calls: [SimulatorCall] = []
    /// Every write applied to the data, in order.
    public private(set) var writes: [SimulatorWrite] = []
    private var writeObserver: (@Sendable (SimulatorWrite, Date) -> Void)?
    /// Orders whose writes fail with a `soap:Server` deadlock fault, every time, until they are let go.
    public private(set) var stuckOrders: Set<Int> = []

    /// Creates a store.
    /// - Parameters:
    ///   - data: the company data.
    ///   - credentials: the one user that may log in.
    ///   - identity: the identity its sessions work on; a login that names another `IdentityId` is not this company's.
    ///   - faults: the fault plan.
    ///   - companyPageSize: companies per page of GetCompanySyncList.
    ///   - now: the simulator's clock, used for DateChanged stamps and quarantines.
    public init(
        data: SimulatorData, credentials: SimulatorCredentials = .demo, identity: SimulatorIdentity = .demo,
        faults: SimulatorFaults = .none, companyPageSize: Int = 1000, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.identity = identity
        self.companyPageSize = max(1, companyPageSize)
        self.data = data
        self.credentials = credentials
        self.faults = faults
        self.random = SplitMix64(seed: faults.seed)
        self.now = now
        // FNV-1a of the user and identity: stable across runs, unlike `Hasher`.
        let key = (credentials.username + "|" + identity.id).utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        var salt = SplitMix64(seed: key)
        self.sessionSalt = (0..<24).map { _ in salt.next() }
    }

    /// Replaces the fault plan (and restarts its random sequence from its seed).
    public func setFaults(_ faults: SimulatorFaults) {
        self.faults = faults
        self.random = SplitMix64(seed: faults.seed)
        requestsInWindow = 0
        quarantineEnd = nil
    }

    /// Makes every SaveInvoices that names one of `orders` fail with a `soap:Server` deadlock fault, applying
    /// nothing, until ``releaseOrders(_:)``: a write-back that keeps failing.
    public func jamOrders(_ orders: Set<Int>) {
        stuckOrders.formUnion(orders)
    }

    /// Lets writes to `orders` through again.
    public func releaseOrders(_ orders: Set<Int>) {
        stuckOrders.subtract(orders)
    }

    /// Forgets every session, as if 24SevenOffice had restarted.
    public func expireAllSessions() {
        sessions.removeAll()
    }

    /// Changes an order as a user in 24SevenOffice would, stamping its DateChanged with the current time.
    public func editOrder(_ orderId: Int, _ change: @Sendable (inout XMLElement) -> Void) {
        guard var order = data.orders[orderId] else { return }
        change(&order)
        data.orders[orderId] = order.setting("DateChanged", to: XSDDateTime.format(now(), zone: true))
    }

    /// Changes a product as a user in 24SevenOffice would, stamping its DateChanged with the current time.
    public func editProduct(_ productId: Int, _ change: @Sendable (inout XMLElement) -> Void) {
        guard var product = data.products[productId] else { return }
        change(&product)
        data.products[productId] = product.setting("DateChanged", to: XSDDateTime.format(now(), zone: true))
    }

    /// Changes a company as a user in 24SevenOffice would, stamping its DateChanged with the current time.
    public func editCompany(_ companyId: Int, _ change: @Sendable (inout XMLElement) -> Void) {
        guard var company = data.companies[companyId] else { return }
        change(&company)
        data.companies[companyId] = company.setting("DateChanged", to: XSDDateTime.format(now(), zone: true))
    }

    /// The number of requests received so far, of every operation and outcome.
    public var requestCount: Int { calls.count }

    /// The number of requests of an operation received so far, by what happened to them.
    public func count(_ operation: String, outcome: String? = nil) -> Int {
        calls.filter { $0.operation == operation && (outcome == nil || $0.outcome == outcome) }.count
    }

    /// Adds or replaces an order.
    public func putOrder(_ order: XMLElement) {
        guard let id = order.value("OrderId").flatMap({ Int($0) }) else { return }
        data.orders[id] = order
    }

    /// Adds or replaces a product.
    public func putProduct(_ product: XMLElement) {
        guard let id = product.value("Id").flatMap({ Int($0) }) else { return }
        data.products[id] = product
    }

    /// An order's current status.
    public func orderStatus(_ orderId: Int) -> String? {
        data.orders[orderId]?.value("OrderStatus")
    }

    /// A product's current stock.
    public func stock(_ productId: Int) -> String? {
        data.products[productId]?.value("Stock")
    }

    /// Clears the call and write logs.
    public func clearLogs() {
        calls.removeAll()
        writes.removeAll()
    }

    // MARK: - Front door

    func record(_ operation: String, _ outcome: String) {
        calls.append(SimulatorCall(operation: operation, outcome: outcome))
    }

    /// Decides whether to inject a transport-level fault for this request.
    func admit(_ operation: String) -> Admission {
        let roll = Double(random.next() % 1_000_000) / 1_000_000
        let afterApplying = random.next() % 2 == 0
        var threshold = faults.dropRate
        if roll < threshold { return .drop(afterApplying: afterApplying) }
        threshold += faults.serverErrorRate
        if roll < threshold { return .serverError(afterApplying: afterApplying) }
        threshold += faults.serverFaultRate
        if roll < threshold { return .serverFault }
        threshold += faults.hangRate
        if roll < threshold { return .hang }
        return .proceed
    }

    /// Counts the request against the hourly limit; returns the quarantine end when the account is blocked.
    func checkQuarantine() -> Date? {
        let current = now()
        if let end = quarantineEnd {
            if end > current { return end }
            quarantineEnd = nil
            requestsInWindow = 0
        }
        guard let limit = faults.requestLimit else { return nil }
        requestsInWindow += 1
        if requestsInWindow > limit {
            let end = current.addingTimeInterval(Double(faults.quarantineDuration.components.seconds))
            quarantineEnd = end
            return end
        }
        return nil
    }

    /// Whether the session id is valid; counts the call against the session's lifetime.
    func authenticate(_ sessionId: String?) -> Bool {
        guard let sessionId, let used = sessions[sessionId] else { return false }
        if let lifetime = faults.sessionLifetimeCalls, used >= lifetime {
            sessions[sessionId] = nil
            return false
        }
        sessions[sessionId] = used + 1
        return true
    }

    /// Whether the session id is valid, without counting a call.
    func isValidSession(_ sessionId: String?) -> Bool {
        guard let sessionId else { return false }
        return sessions[sessionId] != nil
    }

    /// Whether a login is for this company: its user, and its identity or none.
    nonisolated func accepts(applicationId: String?, username: String?, password: String?, identityId: String?) -> Bool
    {
        credentials.accepts(applicationId: applicationId, username: username, password: password)
            && (identityId == nil || identityId?.lowercased() == identity.id.lowercased())
    }

    /// Logs in; returns a new session id, or an empty string for wrong credentials.
    func login(applicationId: String?, username: String?, password: String?, identityId: String? = nil) -> String {
        guard accepts(applicationId: applicationId, username: username, password: password, identityId: identityId)
        else { return "" }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        // Salted per company, so that two companies of one simulator, drawing from the same seed, never issue the
        // same session id; the draws themselves stay as they were, so fault sequences do not change.
        let id = String(
            (0..<24).map { alphabet[Int((random.next() &+ sessionSalt[$0]) % UInt64(alphabet.count))] })
        sessions[id] = 0
        return id
    }

    func recordWrite(_ operation: String, id: Int, value: String) {
        let write = SimulatorWrite(operation: operation, id: id, value: value)
        writes.append(write)
        writeObserver?(write, now())
    }

    /// Calls `observer` with every write as it is applied (the benchmark logs them with their time).
    public func observeWrites(_ observer: @escaping @Sendable (SimulatorWrite, Date) -> Void) {
        writeObserver = observer
    }
}
