import Foundation
import JobDomain
import Testing

@testable import FlinkEngine

/// `EngineObjects.latestCheckpoint`: the on-disk half of finding a lost engine job's latest checkpoint,
/// on a directory tree built by the test (no cluster needed).
struct CheckpointScanTests {
    let root = NSTemporaryDirectory() + "sj-chk-\(UInt32.random(in: 0...UInt32.max))"
    let id = EngineJobID(String(repeating: "ab", count: 16))!
    var space: String { root + "/projects/adapter" }
    var project: ProjectID { ProjectID("adapter")! }

    func makeFile(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
    }

    @Test func theHighestChkDirectoryWithARegularMetadataFileWins() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let job = space + "/state/ck/\(id.rawValue)"
        try makeFile(job + "/chk-3/_metadata")
        try makeFile(job + "/chk-2/_metadata")
        try FileManager.default.createDirectory(atPath: job + "/chk-5", withIntermediateDirectories: true)  // no _metadata
        try makeFile(job + "/chk-7/_metadata.inprogress")
        try makeFile(job + "/chk-x/_metadata")
        try makeFile(job + "/shared/chk-99/_metadata")
        try makeFile(job + "/chk-8")  // a file, not a directory
        // A _metadata that is a link out of the project's space, and a chk directory that is one.
        let outside = root + "/outside"
        try makeFile(outside + "/chk/_metadata")
        try FileManager.default.createDirectory(atPath: job + "/chk-9", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: job + "/chk-9/_metadata", withDestinationPath: outside + "/chk/_metadata")
        try FileManager.default.createSymbolicLink(atPath: job + "/chk-12", withDestinationPath: outside + "/chk")
        let found = try EngineObjects(root: root).latestCheckpoint(under: "obs://state/ck", of: id, project: project)
        #expect(found == "obs://state/ck/\(id.rawValue)/chk-3")
        // What it returns is a location submissions accept as savepointPath.
        let url = try EngineObjects(root: root).savepointURL(of: try #require(found), project: project)
        #expect(url == "file://\(job)/chk-3")
    }

    @Test func noFolderOrNoCompleteCheckpointIsNilAndABaseOutsideTheSpaceIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: space, withIntermediateDirectories: true)
        let objects = EngineObjects(root: root)
        #expect(try objects.latestCheckpoint(under: "obs://state/ck", of: id, project: project) == nil)
        try makeFile(space + "/state/ck/\(id.rawValue)/chk-4/_metadata.inprogress")
        #expect(try objects.latestCheckpoint(under: "obs://state/ck", of: id, project: project) == nil)
        #expect(throws: EngineError.self) { try objects.latestCheckpoint(under: "obs://../etc", of: id, project: project) }
    }

    @Test func checkpointNumbersAreDecimalDigitsOnly() {
        #expect(EngineObjects.checkpointNumber("chk-12") == 12)
        #expect(EngineObjects.checkpointNumber("chk-") == nil)
        #expect(EngineObjects.checkpointNumber("chk-1a") == nil)
        #expect(EngineObjects.checkpointNumber("chk--1") == nil)
        #expect(EngineObjects.checkpointNumber("savepoint-1") == nil)
    }
}
