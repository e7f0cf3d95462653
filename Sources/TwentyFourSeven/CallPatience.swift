/// How long a 24SevenOffice call may wait for the request budget, a quarantine or a back-off.
///
/// The inbox reads 24SevenOffice only to spare the journal needless entries; such a read must never hold up the
/// intake of files, so it runs with ``failFast``:
///
/// ```swift
/// let stock = try await CallPatience.$current.withValue(.failFast) { try await client.products(query) }
/// ```
public enum CallPatience: Sendable, Equatable {
    /// Wait as needed (the default): for the budget, a quarantine within the configured limit, and back-offs.
    case waitAsNeeded
    /// Never wait: one attempt; a used budget, a quarantine or a failure ends the call at once with an error.
    case failFast

    /// The patience of calls made by the current task.
    @TaskLocal public static var current: CallPatience = .waitAsNeeded
}
