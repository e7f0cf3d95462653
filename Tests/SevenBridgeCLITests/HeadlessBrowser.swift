import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Why running headless chromium failed: it is missing, exited non-zero or did not finish in time.
struct HeadlessBrowserError: Error, CustomStringConvertible {
    /// What failed, with the tail of chromium's standard error.
    var description: String
}

/// The chromium binary (Debian's `chromium` package), if installed: the first of its usual names on `PATH`.
func chromiumPath() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin"]
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
    }
    return nil
}

/// The DOM of the page at `url` after it loaded, serialized, as headless chromium's `--dump-dom` prints it.
func chromiumDOM(_ url: String, timeout: TimeInterval = 60) async throws -> String {
    try await runChromium(["--dump-dom", url], timeout: timeout)
}

/// Saves a PNG screenshot of the page at `url` to `path`, the window `width` by `height` pixels.
func chromiumScreenshot(
    _ url: String, to path: String, width: Int = 1280, height: Int = 1600, timeout: TimeInterval = 60
) async throws {
    try? FileManager.default.removeItem(atPath: path)
    _ = try await runChromium(
        ["--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url], timeout: timeout)
    guard FileManager.default.fileExists(atPath: path) else {
        throw HeadlessBrowserError(description: "chromium exited 0 but wrote no screenshot at \(path)")
    }
}

/// Runs headless chromium with `arguments` and its own throwaway profile; what it printed on standard output.
///
/// Output goes to files (a chatty browser can never fill a pipe) and the wait polls without blocking a thread, at
/// most `timeout` seconds, like `runBinary`.
private func runChromium(_ arguments: [String], timeout: TimeInterval) async throws -> String {
    guard let binary = chromiumPath() else {
        throw HeadlessBrowserError(
            description: "chromium is not installed (looked for chromium, chromium-browser and google-chrome on PATH)")
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-chromium-\(UUID())").path
    try FileManager.default.createDirectory(atPath: scratch + "/profile", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let output = scratch + "/stdout"
    let errors = scratch + "/stderr"
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    _ = FileManager.default.createFile(atPath: errors, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(scratch)/profile", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
        ] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = scratch
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(forWritingAtPath: output)
    process.standardError = FileHandle(forWritingAtPath: errors)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    let timedOut = process.isRunning
    if timedOut { process.terminate() }
    while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }

    func tail() -> String {
        let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(15).joined(separator: "\n")
        return lines.isEmpty ? "(nothing on stderr)" : lines
    }
    let command = ([binary] + arguments).joined(separator: " ")
    if timedOut {
        throw HeadlessBrowserError(
            description: "\(command) did not finish within \(timeout) s; stderr:\n\(tail())")
    }
    guard process.terminationStatus == 0 else {
        throw HeadlessBrowserError(
            description: "\(command) exited with status \(process.terminationStatus); stderr:\n\(tail())")
    }
    return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
}

/// The golden status page in a real browser: it loads, its DOM holds both owners, and it can be photographed.
///
/// It takes a screenshot at a laptop's width (1280) and at a phone's (390). Set `SEVENBRIDGE_STATUS_SCREENSHOTS` to a
/// folder to keep them there (that is how `docs/status-page.png` is made).
@Suite struct StatusPageBrowserTests {
    static let browserAvailable =
        chromiumPath() != nil || ProcessInfo.processInfo.environment["SEVENBRIDGE_REQUIRE_BROWSER"] == "1"

    @Test(
        .enabled(
            if: browserAvailable,
            "chromium is not installed; skipped (SEVENBRIDGE_REQUIRE_BROWSER=1 makes that a failure, as CI does)"))
    func theGoldenPageLoadsInChromium() async throws {
        let golden = repositoryRoot + "/Tests/StatusServerTests/Fixtures/status-page.html"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-page-\(UUID())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let page = scratch + "/status-page.html"
        try FileManager.default.copyItem(atPath: golden, toPath: page)
        let url = URL(fileURLWithPath: page).absoluteString

        let dom = try await chromiumDOM(url)
        #expect(dom.contains("id=\"owner-ACME\""))
        #expect(dom.contains("id=\"owner-NORDLYS\""))
        #expect(dom.contains("soap:Server deadlock victim"))
        #expect(!dom.contains("<script"))

        let keep = ProcessInfo.processInfo.environment["SEVENBRIDGE_STATUS_SCREENSHOTS"]
        let folder = keep ?? scratch
        for (name, width, height) in [("desktop", 1280, 1600), ("phone", 390, 1800)] {
            let shot = folder + "/status-page-\(name).png"
            try await chromiumScreenshot(url, to: shot, width: width, height: height)
            let png = try Data(contentsOf: URL(fileURLWithPath: shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) screenshot is a PNG")
            #expect(png.count > 10_000, "\(name) screenshot is more than a blank page")
        }
    }

    @Test(
        .enabled(
            if: browserAvailable,
            "chromium is not installed; skipped (SEVENBRIDGE_REQUIRE_BROWSER=1 makes that a failure, as CI does)"))
    func aChromiumThatDoesNotFinishInTimeIsAnErrorThatSaysSo() async throws {
        // A page whose server accepts the connection and never answers: chromium cannot finish, whatever the load.
        let (fd, port) = try silentListener()
        defer { close(fd) }
        let error = await #expect(throws: HeadlessBrowserError.self) {
            try await chromiumDOM("http://127.0.0.1:\(port)/", timeout: 2)
        }
        #expect(error?.description.contains("did not finish within") == true)
    }
}
