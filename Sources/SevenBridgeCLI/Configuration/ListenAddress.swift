import Foundation

/// `http.listen`: the host and port the daemon's status page, metrics and health listen on, such as
/// `127.0.0.1:9464`, `[::1]:9464` or `localhost:0` (port 0 takes a free port; the daemon logs the one it got).
struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address, without brackets.
    var host: String
    /// The port; 0 for any free one.
    var port: Int

    /// The address as the configuration writes it.
    var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The address a text names, or the reason it names none.
    static func parse(_ text: String) -> Result<ListenAddress, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let port: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].hasPrefix(":")
            else { return .failure(.shape(trimmed)) }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            port = trimmed[trimmed.index(close, offsetBy: 2)...]
        } else {
            guard let colon = trimmed.lastIndex(of: ":"), !trimmed[..<colon].contains(":") else {
                return .failure(.shape(trimmed))
            }
            host = trimmed[..<colon]
            port = trimmed[trimmed.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return .failure(.shape(trimmed)) }
        guard let number = Int(port), (0...65_535).contains(number) else { return .failure(.port(String(port))) }
        return .success(ListenAddress(host: String(host), port: number))
    }

    /// Why a text is not an address.
    enum Problem: Error, Equatable {
        /// Not `host:port`.
        case shape(String)
        /// The port is not a number from 0 to 65535.
        case port(String)

        /// The explanation, for a message that names the key.
        var explanation: String {
            switch self {
            case .shape(let text):
                "\(text) is not host:port; write it as 127.0.0.1:9464 (loopback) or [::1]:9464"
            case .port(let text): "the port \(text) is not a number from 0 to 65535"
            }
        }
    }
}
