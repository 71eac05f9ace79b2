import Testing

@testable import ObjectStore

/// One space per project below the root: the same object path names different files in different
/// projects, and nothing (a link included) leads from one project's space into another's.
@Suite struct ProjectSpaceTests {
    @Test func theSamePathNamesDifferentFilesInDifferentProjects() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let root = try FileObjectStore(root: scratch.path + "/root")
        let a = try root.project("alpha")
        let b = try root.project("beta")
        let object = try ObjectPath(parsing: "obs://bucket/x.zip")
        try a.write(Array("a".utf8), to: object)
        #expect(try b.kind(of: object) == nil)
        try b.write(Array("b".utf8), to: object)
        #expect(try a.read(object, maxBytes: 10) == Array("a".utf8))
        #expect(scratch.exists("root/projects/alpha/bucket/x.zip") && scratch.exists("root/projects/beta/bucket/x.zip"))
        #expect(try a.localPath(for: object) == root.root + "/projects/alpha/bucket/x.zip")
    }

    @Test(arguments: ["", ".", "..", "a/b", "../beta", "a b", "é", String(repeating: "p", count: 65)])
    func namesThatAreNotProjectIDsAreRefused(_ name: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let root = try FileObjectStore(root: scratch.path + "/root")
        #expect(throws: ObjectStoreError.invalidProject) { try root.project(name) }
    }

    @Test func aLinkIntoAnotherProjectsSpaceIsRefused() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let root = try FileObjectStore(root: scratch.path + "/root")
        let b = try root.project("beta")
        try b.write(Array("secret".utf8), to: try ObjectPath(parsing: "bucket/secret.jar"))
        let a = try root.project("alpha")
        scratch.makeDirectory("root/projects/alpha/bucket")
        scratch.symlink("root/projects/alpha/bucket/link", to: scratch.path + "/root/projects/beta/bucket")
        #expect(throws: ObjectStoreError.escapesRoot) { try a.read(try ObjectPath(parsing: "bucket/link/secret.jar"), maxBytes: 100) }
        #expect(throws: ObjectStoreError.escapesRoot) { try a.localPath(for: try ObjectPath(parsing: "bucket/link/secret.jar")) }
    }

    @Test func engineLocationsMapBackToTheProjectsObjectPaths() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let root = try FileObjectStore(root: scratch.path + "/root")
        let a = try root.project("alpha")
        let local = a.root + "/streamjobs-state/savepoints/savepoint-1"
        #expect(a.objectPath(ofLocal: "file:" + local)?.description == "obs://streamjobs-state/savepoints/savepoint-1")
        #expect(a.objectPath(ofLocal: "file://" + local)?.description == "obs://streamjobs-state/savepoints/savepoint-1")
        #expect(a.objectPath(ofLocal: local)?.description == "obs://streamjobs-state/savepoints/savepoint-1")
        #expect(a.objectPath(ofLocal: "file:" + root.root + "/projects/beta/bucket/x") == nil)
        #expect(a.objectPath(ofLocal: "file:/etc/passwd") == nil)
    }
}
