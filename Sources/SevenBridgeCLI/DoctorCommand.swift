import ArgumentParser
import BridgeEngine
import Foundation
import TwentyFourSeven

/// `sevenbridge doctor`: checks the configuration, the credentials, the folders and the archive, and says
/// what is wrong in plain words, with the fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check configuration, 24SevenOffice credentials, folders and archive; exit non-zero when anything is wrong.",
        discussion: "With several goods owners, every owner's credentials, folders and archive, each line naming it.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var problems = 0
        func report(_ ok: Bool, _ what: String, _ detail: String) {
            print("\(ok ? "ok     " : "PROBLEM") \(what): \(detail)")
            if !ok { problems += 1 }
        }
        let selection: OwnerSelection
        do {
            selection = try global.selection()
            let codes = selection.site.owners.map(\.goodsOwnerCode)
            report(
                true, "configuration",
                "\(global.config) is valid"
                    + (codes.count > 1 ? " (goods owners \(codes.joined(separator: ", ")))" : ""))
        } catch let error as ConfigurationError {
            for problem in error.problems { report(false, "configuration", problem) }
            throw ExitCode(1)
        }
        if let listen = selection.site.httpListen {
            // A running daemon holds the port itself; otherwise `run` must be able to take it.
            if let pid = StateLock.runningHolder(folder: selection.site.stateFolder) {
                report(true, "http.listen", "\(listen) is served by the running daemon (process \(pid))")
            } else if let problem = listen.bindProblem() {
                report(false, "http.listen", problem)
            } else {
                report(true, "http.listen", "\(listen) is free for the status page, metrics and health")
            }
        }
        for configuration in selection.owners {
            let start = selection.prefix(configuration.goodsOwnerCode)
            await Self.check(configuration) { ok, what, detail in report(ok, start + what, detail) }
        }
        print(problems == 0 ? "everything looks right" : "\(problems) problem\(problems == 1 ? "" : "s") found")
        if problems > 0 { throw ExitCode(1) }
    }

    /// Checks one goods owner: its credentials and identity, its folders and its archive.
    static func check(
        _ configuration: BridgeConfiguration, report: (Bool, String, String) -> Void
    ) async {
        let client = RuntimeBuilder.client(configuration, budget: nil, logger: LogSetup.logger(level: "critical"))
        do {
            try await client.login()
            let session = try await client.hasSession()
            report(
                session, "credentials",
                session
                    ? "logged in to \(configuration.erp.endpoint) as \(configuration.erp.username)"
                    : "logged in, but 24SevenOffice does not keep the session; check erp.identityId")
            let identity = try await client.identity()
            let wanted = configuration.erp.identityId.map { $0.lowercased() == identity.id.lowercased() } ?? true
            report(
                wanted, "identity",
                "the session works on \(identity.clientName ?? "an unnamed client") (client \(identity.clientId.map(String.init) ?? "?"), identity \(identity.id))"
                    + (wanted ? "" : "; erp.identityId asks for \(configuration.erp.identityId ?? "")"))
        } catch let error as TwentyFourSevenError {
            let fix =
                if case .invalidCredentials = error.kind {
                    "fix erp.applicationId, erp.username or erp.password (SEVENBRIDGE_ERP_PASSWORD)"
                } else { "check erp.endpoint and the network" }
            report(false, "credentials", "\(error); \(fix)")
        } catch {
            report(false, "credentials", "\(error); check erp.endpoint and the network")
        }
        let folders = configuration.folders
        for (name, path) in [
            ("outbox", folders.outbox), ("inbox", folders.inbox), ("archive", folders.archive),
            ("state", folders.state),
        ] {
            // The configuration was checked already: a folder is writable, or it does not exist and can be made.
            report(
                true, "folders.\(name)",
                Self.writable(path)
                    ? "\(path) is writable" : "\(path) does not exist yet; `sevenbridge run` will create it")
        }
        if Self.writable(folders.outbox) {
            let sameFileSystem = Self.renames(in: folders.outbox)
            report(
                sameFileSystem, "outbox writes",
                sameFileSystem
                    ? "hidden temporary names and final names are renamed atomically in \(folders.outbox)"
                    : "a temporary file cannot be renamed into place in \(folders.outbox); the outbox must be one local or NFS folder"
            )
        }
        do {
            let archive = try ArchiveVerifier.verify(root: folders.archive)
            report(
                archive.isIntact, "archive",
                archive.isIntact
                    ? "\(archive.records) records, chain intact"
                    : "\(archive.problems.count) problems, first: \(archive.problems.first ?? ""); keep the folder as evidence and restore it from backup"
            )
        } catch {
            report(false, "archive", "cannot be read: \(error)")
        }
    }

    static func writable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.isWritableFile(atPath: path)
    }

    /// Whether a hidden file can be written, flushed and renamed in the folder (what every outbox write does).
    static func renames(in folder: String) -> Bool {
        let temporary = folder + "/.sevenbridge-doctor.tmp"
        let final = folder + "/.sevenbridge-doctor-check"
        defer {
            try? FileManager.default.removeItem(atPath: temporary)
            try? FileManager.default.removeItem(atPath: final)
        }
        guard FileManager.default.createFile(atPath: temporary, contents: Data("check".utf8)) else { return false }
        return (try? FileManager.default.moveItem(atPath: temporary, toPath: final)) != nil
    }
}
