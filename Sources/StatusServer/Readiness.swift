public import BridgeEngine

/// `/readyz`: ready when the last request to 24SevenOffice of every goods owner got an answer and every folder the
/// owner writes to is writable; else the reasons.
public struct Readiness: Codable, Sendable, Equatable {
    /// Whether the bridge is ready.
    public var ready: Bool
    /// Why not, one line per problem, each naming the goods owner.
    public var reasons: [String]

    /// Judges readiness from how each owner's 24SevenOffice last answered and the folders found not writable.
    /// - Parameters:
    ///   - accounts: every goods owner's code with its account's health.
    ///   - unwritable: the folders that cannot be written to, with their owners.
    public static func judge(
        _ accounts: [(goodsOwner: String, erp: OwnerStatus.ERP)], unwritable: [(goodsOwner: String, folder: String)]
    ) -> Readiness {
        var reasons: [String] = []
        for (owner, erp) in accounts {
            switch erp.reachable {
            case true?:
                break
            case false?:
                reasons.append(
                    "\(owner): 24SevenOffice \(erp.endpoint) could not be reached at "
                        + "\(erp.lastFailure ?? "?"): \(erp.lastError ?? "no reason recorded")")
            case nil:
                reasons.append("\(owner): no request to 24SevenOffice \(erp.endpoint) has been answered yet")
            }
        }
        for (owner, folder) in unwritable {
            reasons.append("\(owner): the folder \(folder) is not writable")
        }
        return Readiness(ready: reasons.isEmpty, reasons: reasons)
    }
}
