import Testing

@testable import ObjectStore

/// `FileObjectStore.remove`: a file or a whole folder inside the root; links are removed, never followed.
@Suite struct FileObjectStoreRemoveTests {
    func withStore(_ body: (FileObjectStore, ScratchDirectory) throws -> Void) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        scratch.makeDirectory("root")
        scratch.makeDirectory("outside/dir")
        scratch.write("outside/dir/secret", "keep")
        try body(try FileObjectStore(root: scratch.path + "/root"), scratch)
    }

    func path(_ text: String) throws -> ObjectPath { try ObjectPath(parsing: text) }

    @Test func removesAFolderWithEverythingBelowItAndNothingBeside() throws {
        try withStore { store, scratch in
            scratch.makeDirectory("root/bkt/jobs/1/checkpoints/chk-1")
            scratch.write("root/bkt/jobs/1/checkpoints/chk-1/_metadata", "x")
            scratch.makeDirectory("root/bkt/jobs/10/checkpoints")
            scratch.write("root/bkt/jobs/10/checkpoints/keep", "y")
            let job = try path("obs://bkt/jobs/1"), missing = try path("nobucket/a/b")
            let removed = try store.remove(job)
            #expect(removed)
            #expect(!scratch.exists("root/bkt/jobs/1"))
            #expect(scratch.exists("root/bkt/jobs/10/checkpoints/keep"))
            let again = try store.remove(job), none = try store.remove(missing)
            #expect(!again && !none, "nothing there is no error")
        }
    }

    @Test func aLinkIsRemovedNeverFollowed() throws {
        try withStore { store, scratch in
            scratch.makeDirectory("root/bkt/sp")
            scratch.symlink("root/bkt/sp/out", to: scratch.path + "/outside/dir")
            scratch.symlink("root/bkt/direct", to: scratch.path + "/outside/dir")
            let sp = try path("bkt/sp"), direct = try path("bkt/direct"), away = try path("away/dir")
            let first = try store.remove(sp), second = try store.remove(direct)
            #expect(first && second)
            #expect(!scratch.exists("root/bkt/sp") && !scratch.exists("root/bkt/direct"))
            #expect(scratch.exists("outside/dir/secret"))
            // A parent that leads outside the root is refused.
            scratch.symlink("root/away", to: scratch.path + "/outside")
            #expect(throws: ObjectStoreError.escapesRoot) { try store.remove(away) }
            #expect(scratch.exists("outside/dir/secret"))
        }
    }
}
