/// The credentials of a 24SevenOffice integration user.
///
/// The password never appears in descriptions.
public struct Credential: Sendable, Equatable, CustomStringConvertible {
    /// The integration's application id (a GUID issued by 24SevenOffice).
    public var applicationId: String
    /// The identity (client company) to work on; `nil` for the user's default identity.
    public var identityId: String?
    /// The user name (an e-mail address).
    public var username: String
    /// The password.
    public var password: String

    /// Creates credentials.
    public init(applicationId: String, identityId: String? = nil, username: String, password: String) {
        self.applicationId = applicationId
        self.identityId = identityId
        self.username = username
        self.password = password
    }

    /// A readable description, for logs and error messages.
    public var description: String {
        "Credential(applicationId: \(applicationId), username: \(username), password: <redacted>)"
    }
}
