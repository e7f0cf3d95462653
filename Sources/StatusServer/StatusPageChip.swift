/// A state label on the status page: a word that says the state (`OK`, `FAILED`) and the class that colours it, so the
/// page reads the same without colour.
struct StatusPageChip: Sendable, Equatable {
    /// How a state looks: each is a CSS class of the template.
    enum Tone: String, Sendable, Comparable {
        /// Nothing to say: greyed.
        case neutral
        /// All well: green.
        case ok
        /// Worth a look: amber.
        case warn
        /// Needs a person: red.
        case bad

        /// Orders tones by how much they ask of a person, so the worst of several is their maximum.
        static func < (lhs: Tone, rhs: Tone) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .neutral: 0
            case .ok: 1
            case .warn: 2
            case .bad: 3
            }
        }
    }

    /// The word shown, in capitals.
    var label: String
    /// The CSS class: `neutral`, `ok`, `warn` or `bad`.
    var tone: String

    /// A chip with a label and a tone.
    init(_ label: String, _ tone: Tone) {
        self.label = label
        self.tone = tone.rawValue
    }

    /// The state of a whole goods owner (or the site): `OK`, `WARNING` or `ACTION NEEDED`.
    static func overall(_ tone: Tone) -> StatusPageChip {
        switch tone {
        case .neutral, .ok: StatusPageChip("OK", .ok)
        case .warn: StatusPageChip("WARNING", .warn)
        case .bad: StatusPageChip("ACTION NEEDED", .bad)
        }
    }
}
