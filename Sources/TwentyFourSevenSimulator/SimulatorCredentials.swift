/// The one integration user the simulator accepts.
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

    /// The demo credentials, listed in the README.
    ///
    /// They grant access to nothing but the simulator.
    public static let demo = SimulatorCredentials(
        applicationId: "6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b", username: "demo@sevenbridge.example",
        password: "demo-password")
}
