/// Turns the free-text country of a 24SevenOffice address into an ISO 3166-1 alpha-2 code.
public enum CountryCode {
    /// The result of normalising a country.
    public struct Normalised: Sendable, Equatable {
        /// The value to write: a code, or the input unchanged when it is not recognised.
        public var value: String
        /// Whether the input was recognised (an alpha-2 code or a known name).
        public var recognised: Bool

        /// Creates a result.
        public init(value: String, recognised: Bool) {
            self.value = value
            self.recognised = recognised
        }
    }

    /// Normalises a country: a two-letter code passes through upper-cased; a common name in Norwegian,
    /// Swedish, Danish or English becomes its code; anything else passes through unrecognised.
    public static func normalise(_ text: String) -> Normalised {
        let trimmed = text.trimmingWhitespace()
        if trimmed.count == 2,
            trimmed.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) })
        {
            return Normalised(value: trimmed.uppercased(), recognised: true)
        }
        if let code = names[trimmed.lowercased()] { return Normalised(value: code, recognised: true) }
        return Normalised(value: trimmed, recognised: false)
    }

    /// Country names by lower-cased spelling.
    static let names: [String: String] = {
        let table: [String: [String]] = [
            "NO": ["norge", "norway", "noreg", "norwegen"],
            "SE": ["sverige", "sweden", "sverige (sweden)", "schweden"],
            "DK": ["danmark", "denmark", "dänemark"],
            "FI": ["finland", "suomi", "finnland"],
            "IS": ["island", "iceland", "ísland"],
            "DE": ["tyskland", "germany", "deutschland"],
            "GB": ["storbritannia", "storbritannien", "united kingdom", "great britain", "england", "uk"],
            "US": ["usa", "united states", "united states of america", "usa (united states)"],
            "NL": ["nederland", "nederländerna", "holland", "netherlands", "the netherlands"],
            "FR": ["frankrike", "frankrig", "france"],
            "ES": ["spania", "spanien", "spain"],
            "IT": ["italia", "italien", "italy"],
            "PL": ["polen", "poland"],
            "EE": ["estland", "estonia"],
            "LV": ["latvia", "lettland", "letland"],
            "LT": ["litauen", "lithuania"],
            "BE": ["belgia", "belgien", "belgium"],
            "AT": ["østerrike", "österrike", "østrig", "austria", "österreich"],
            "CH": ["sveits", "schweiz", "switzerland"],
            "FO": ["færøyene", "färöarna", "færøerne", "faroe islands"],
            "GL": ["grønland", "grönland", "greenland"],
        ]
        var result: [String: String] = [:]
        for (code, spellings) in table {
            for spelling in spellings { result[spelling] = code }
        }
        return result
    }()
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
