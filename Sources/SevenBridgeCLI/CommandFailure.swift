/// A command that cannot do what it was asked, with the reason in plain words; printed as `Error: <reason>`
/// without the usage text, because the command line itself was right.
struct CommandFailure: Error, CustomStringConvertible {
    /// The reason.
    let description: String

    /// A failure with its reason.
    init(_ description: String) {
        self.description = description
    }
}
