import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ListenAddress {
    /// Why the daemon could not listen on the address, or `nil` when it can: a bind to it is tried and let go at once,
    /// before anything starts, so that a port in use is one clear error rather than a daemon that stops its services.
    func bindProblem() -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            return "the host \(host) cannot be resolved (\(String(cString: gai_strerror(status))))"
        }
        defer { freeaddrinfo(found) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return "no socket: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            return "cannot listen on \(self) (\(reason)); another process may use the port: "
                + "choose another one, or stop that process"
        }
        return nil
    }
}
