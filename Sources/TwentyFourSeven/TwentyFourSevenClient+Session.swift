import Foundation
import Logging
import XMLStream

/// Logging in: one session per client, shared by concurrent calls, renewed when 24SevenOffice says it expired.
extension TwentyFourSevenClient {
    /// Logs in and returns the new session id.
    /// - Throws: `TwentyFourSevenError` with `.invalidCredentials` when 24SevenOffice refuses the credentials.
    @discardableResult
    public func login() async throws -> String {
        sessionId = nil
        return try await ensureSession()
    }

    /// The session in use, after logging in when there is none; concurrent callers share one login.
    func ensureSession() async throws -> String {
        if let sessionId { return sessionId }
        if let pendingLogin { return try await pendingLogin.value }
        let task = Task { try await self.performLogin() }
        pendingLogin = task
        defer { pendingLogin = nil }
        let id = try await task.value
        sessionId = id
        return id
    }

    /// Sends `Login` with the configured credentials and returns the session id it answers.
    private func performLogin() async throws -> String {
        let credential = configuration.credential
        let envelope = try SOAPEnvelope.request("Login") { writer in
            try writer.startElement("credential")
            try writer.element("ApplicationId", text: credential.applicationId)
            try writer.element("IdentityId", optional: credential.identityId)
            try writer.element("Password", text: credential.password)
            try writer.element("Username", text: credential.username)
            try writer.endElement()
        }
        let response = try await call(
            "Login", service: .authenticate, envelope: envelope, effect: .read, authenticated: false)
        guard let id = response.value("LoginResult") else {
            throw TwentyFourSevenError(.invalidCredentials, operation: "Login")
        }
        logins += 1
        logger.debug("Logged in to 24SevenOffice", metadata: ["erp.user": "\(credential.username)"])
        return id
    }
}
