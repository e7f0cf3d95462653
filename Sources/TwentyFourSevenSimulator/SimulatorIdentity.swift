/// The identity a simulated integration user works on: which client company its session sees, as `GetIdentity`
/// answers it.
///
/// A user may have several identities (a 3PL's user working for several client companies); a login names one with
/// its `IdentityId`, or gets the user's default without one.
public struct SimulatorIdentity: Sendable, Equatable {
    /// The identity's GUID, the `IdentityId` a login names.
    public var id: String
    /// The user's display name.
    public var userName: String
    /// The client company's id.
    public var clientId: Int
    /// The client company's name.
    public var clientName: String

    /// Creates an identity.
    public init(id: String, userName: String, clientId: Int, clientName: String) {
        self.id = id
        self.userName = userName
        self.clientId = clientId
        self.clientName = clientName
    }

    /// The sample company's identity (`samples/erp`).
    public static let demo = SimulatorIdentity(
        id: "3c9d2f1e-7a44-4b8e-9d10-5e2a6b7c8d90", userName: "Demo Integrasjon", clientId: 1_234_567,
        clientName: "Fjellutstyr Engros AS")

    /// The second sample company's identity (`samples/erp/nordlys`).
    public static let nordlys = SimulatorIdentity(
        id: "8e4b6a10-2f3c-4d5e-8a9b-0c1d2e3f4a5b", userName: "Nordlys Integrasjon", clientId: 7_654_321,
        clientName: "Nordlys Kaffe AS")
}
