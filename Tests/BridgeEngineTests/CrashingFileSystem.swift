import BridgeEngine
import Foundation
import Synchronization

/// The real file system, until a chosen step: there it "crashes", and every later call fails too, as if the process had
/// died.
///
/// A new runtime over the same folders then shows what recovery makes of it, without killing a process.
final class CrashingFileSystem: FileSystem {
    /// The steps that can be chosen to crash at.
    enum Step: String, Sendable, CaseIterable {
        case write, append, create, rename, syncFolder, syncFileSystem, remove, truncate
    }

    /// The error every call throws from the crash on.
    struct Crashed: Error {}

    private let inner = LocalFileSystem()
    private let crashAt: (step: Step, count: Int, path: String)
    private let holdUntil: (step: Step, count: Int, path: String)?
    private let state = Mutex((seen: 0, crashed: false, held: 0))

    /// Crashes at the `count`-th (from 1) step of that kind whose path contains `path`.
    ///
    /// With `holdUntil`, the crashing step first waits (on its own thread, for at most a minute) until that other
    /// step has been taken as often: a crash in a window that only work running at the same time opens.
    init(at step: Step, count: Int, path: String = "", holdUntil: (Step, Int, String)? = nil) {
        crashAt = (step, count, path)
        self.holdUntil = holdUntil.map { (step: $0.0, count: $0.1, path: $0.2) }
    }

    /// Whether the held-for step was taken before the crash (always true without `holdUntil`).
    var heldStepTaken: Bool { state.withLock { $0.held >= (holdUntil?.count ?? 0) } }

    /// Whether the crash happened.
    var crashed: Bool { state.withLock { $0.crashed } }

    private func step(_ step: Step, _ path: String) throws {
        let reached = try state.withLock { state -> Bool in
            if state.crashed { throw Crashed() }
            if let hold = holdUntil, step == hold.step, path.contains(hold.path) { state.held += 1 }
            guard step == crashAt.step, crashAt.path.isEmpty || path.contains(crashAt.path) else { return false }
            state.seen += 1
            return state.seen == crashAt.count
        }
        guard reached else { return }
        if holdUntil != nil {
            let deadline = ContinuousClock.now + .seconds(60)
            while !heldStepTaken, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
        }
        state.withLock { $0.crashed = true }
        throw Crashed()
    }

    private func alive() throws {
        if state.withLock({ $0.crashed }) { throw Crashed() }
    }

    func write(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        try step(.write, path)
        try inner.write(bytes, to: path, durable: durable)
    }

    func syncFileSystem(containing path: String) throws {
        try step(.syncFileSystem, path)
        try inner.syncFileSystem(containing: path)
    }

    func append(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        try step(.append, path)
        try inner.append(bytes, to: path, durable: durable)
    }

    func create(_ path: String) throws -> any WritableFile {
        try step(.create, path)
        return try inner.create(path)
    }

    func rename(_ source: String, to target: String) throws {
        try step(.rename, target)
        try inner.rename(source, to: target)
    }

    func syncFolder(_ folder: String) throws {
        try step(.syncFolder, folder)
        try inner.syncFolder(folder)
    }

    func remove(_ path: String) throws {
        try step(.remove, path)
        try inner.remove(path)
    }

    func truncate(_ path: String, to size: UInt64) throws {
        try step(.truncate, path)
        try inner.truncate(path, to: size)
    }

    func exists(_ path: String) -> Bool { inner.exists(path) }
    func attributes(_ path: String) -> FileAttributes? { inner.attributes(path) }
    func contents(ofFolder folder: String) -> [String] { inner.contents(ofFolder: folder) }

    func createFolder(_ path: String) throws {
        try alive()
        try inner.createFolder(path)
    }

    func read(_ path: String) throws -> [UInt8] { try inner.read(path) }

    func read(_ path: String, from offset: UInt64, count: Int) throws -> [UInt8] {
        try inner.read(path, from: offset, count: count)
    }

    func open(_ path: String) throws -> any ReadableFile { try inner.open(path) }
}
