/// The integration user a simulated account accepts.
public struct SimulatorCredentials: Sendable, Equatable {
    /// The application id to log in with.
    public var applicationId: String
    /// The user name.
    public var username: String
    /// The password.
    public var password: String

    /// Creates credentials.
    public init(applicationId: String, username: String, password: String) {
        self.applicationId = applicationId
        self.username = username
        self.password = password
    }

    /// The demo credentials of the sample company, listed in the README.
    ///
    /// They grant access to nothing but the simulator.
    public static let demo = SimulatorCredentials(
        applicationId: "6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b", username: "demo@sevenbridge.example",
        password: "demo-password")

    /// The demo credentials of the second sample company (`samples/erp/nordlys`), listed in the README.
    public static let nordlys = SimulatorCredentials(
        applicationId: "6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b", username: "nordlys@sevenbridge.example",
        password: "nordlys-password")

    /// Whether a login's fields name this user (the application id in any case).
    func accepts(applicationId: String?, username: String?, password: String?) -> Bool {
        applicationId?.lowercased() == self.applicationId.lowercased() && username == self.username
            && password == self.password
    }
}
