import BridgeEngine
import Foundation
import Testing

/// The archive makes a batch durable with one syncfs per file system, not one per folder.
@Suite struct SyncFileSystemsTests {
    @Test func foldersOnOneFileSystemAreSyncedOnce() throws {
        let workspace = try Workspace()
        let folders = [workspace.archive, workspace.outbox, workspace.state]
        // Crashing at a second syncfs: there is none.
        let once = CrashingFileSystem(at: .syncFileSystem, count: 2)
        try once.syncFileSystems(containing: folders)
        #expect(!once.crashed)
        // The first one is made.
        let first = CrashingFileSystem(at: .syncFileSystem, count: 1)
        #expect(throws: CrashingFileSystem.Crashed.self) { try first.syncFileSystems(containing: folders) }
        #expect(LocalFileSystem().attributes(workspace.outbox)?.device != nil)
    }
}
