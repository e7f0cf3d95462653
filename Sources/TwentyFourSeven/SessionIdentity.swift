/// The identity a 24SevenOffice session works on: which user, in which client company.
public struct SessionIdentity: Sendable, Equatable {
    /// The identity's GUID (what `erp.identityId` selects).
    public var id: String
    /// The user's name.
    public var userName: String?
    /// The client company's id.
    public var clientId: Int?
    /// The client company's name.
    public var clientName: String?

    /// Creates an identity.
    public init(id: String, userName: String?, clientId: Int?, clientName: String?) {
        self.id = id
        self.userName = userName
        self.clientId = clientId
        self.clientName = clientName
    }
}
