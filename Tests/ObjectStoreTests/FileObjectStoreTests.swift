import Testing

@testable import ObjectStore

@Suite struct FileObjectStoreTests {
    func withStore(_ body: (FileObjectStore, ScratchDirectory) throws -> Void) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        scratch.makeDirectory("root")
        try body(try FileObjectStore(root: scratch.path + "/root"), scratch)
    }

    func path(_ text: String) throws -> ObjectPath { try ObjectPath(parsing: text) }

    @Test func writesAtomicallyCreatingDirectoriesAndReadsBack() throws {
        try withStore { store, scratch in
            let target = try path("obs://bucket/a/b/c.bin")
            try store.write(Array("hello".utf8), to: target)
            #expect(scratch.exists("root/bucket/a/b/c.bin"))
            #expect(try store.read(target, maxBytes: 100) == Array("hello".utf8))
            try store.write(Array("again".utf8), to: target)
            #expect(try store.read(target, maxBytes: 100) == Array("again".utf8))
            #expect(try store.list(try path("bucket/a/b")) == [ObjectStoreEntry(name: "c.bin", kind: .file)])
            #expect(try store.isDirectory(try path("bucket/a")))
            #expect(try !store.isDirectory(target))
            #expect(try store.kind(of: try path("bucket/none")) == nil)
            #expect(try store.localPath(for: target) == store.root + "/bucket/a/b/c.bin")
            #expect(throws: ObjectStoreError.alreadyExists) { try store.write([1], to: target, replacing: false) }
            try store.write(Array("new".utf8), to: try path("bucket/a/b/d.bin"), replacing: false)
            #expect(try store.read(try path("bucket/a/b/d.bin"), maxBytes: 10) == Array("new".utf8))
            #expect(try store.list(try path("bucket/a/b")).map(\.name) == ["c.bin", "d.bin"])  // no temporary left
        }
    }

    @Test func readRefusesMissingLargeAndDirectories() throws {
        try withStore { store, _ in
            let target = try path("bucket/big")
            try store.write([UInt8](repeating: 1, count: 1000), to: target)
            #expect(throws: ObjectStoreError.tooLarge(limit: 999)) { try store.read(target, maxBytes: 999) }
            #expect(throws: ObjectStoreError.notFound) { try store.read(try path("bucket/missing"), maxBytes: 10) }
            #expect(throws: ObjectStoreError.notAFile) { try store.read(try path("bucket"), maxBytes: 10) }
            #expect(throws: ObjectStoreError.notAFile) { try store.write([], to: try path("bucket")) }
            #expect(throws: ObjectStoreError.notADirectory) { try store.write([], to: try path("bucket/big/x")) }
            #expect(throws: ObjectStoreError.notADirectory) { try store.list(target) }
        }
    }

    @Test func listsSortedWithKinds() throws {
        try withStore { store, _ in
            try store.write([], to: try path("bucket/d/b.zip"))
            try store.write([], to: try path("bucket/d/a.zip"))
            try store.write([], to: try path("bucket/d/sub/x"))
            #expect(
                try store.list(try path("bucket/d")).map(\.name) == ["a.zip", "b.zip", "sub"])
            #expect(try store.list(try path("bucket/d")).last?.kind == .directory)
        }
    }

    @Test func symbolicLinksOutsideTheRootAreRefused() throws {
        try withStore { store, scratch in
            scratch.makeDirectory("outside")
            scratch.write("outside/secret", "s")
            scratch.makeDirectory("root/bucket")
            scratch.symlink("root/bucket/escape", to: scratch.path + "/outside")
            scratch.symlink("root/bucket/file", to: scratch.path + "/outside/secret")
            scratch.symlink("root/bucket/dangling", to: scratch.path + "/outside/none")
            scratch.symlink("root/evil", to: "/etc")
            #expect(throws: ObjectStoreError.escapesRoot) { try store.read(try path("bucket/file"), maxBytes: 10) }
            #expect(throws: ObjectStoreError.escapesRoot) { try store.read(try path("bucket/escape/secret"), maxBytes: 10) }
            #expect(throws: ObjectStoreError.escapesRoot) { try store.write([1], to: try path("bucket/escape/new")) }
            #expect(throws: ObjectStoreError.escapesRoot) { try store.write([1], to: try path("bucket/dangling")) }
            #expect(throws: ObjectStoreError.escapesRoot) { try store.list(try path("evil")) }
            #expect(throws: ObjectStoreError.escapesRoot) { try store.localPath(for: try path("evil/passwd")) }
            #expect(!scratch.exists("outside/new") && !scratch.exists("outside/none"))
            let kinds = try store.list(try path("bucket")).map(\.kind)
            #expect(kinds == [.other, .other, .other])
        }
    }

    @Test func symbolicLinksInsideTheRootAreFollowed() throws {
        try withStore { store, scratch in
            try store.write(Array("x".utf8), to: try path("bucket/real/a"))
            scratch.symlink("root/bucket/alias", to: "real")
            #expect(try store.read(try path("bucket/alias/a"), maxBytes: 10) == Array("x".utf8))
            #expect(try store.localPath(for: try path("bucket/alias/a")) == store.root + "/bucket/real/a")
        }
    }

    @Test func theRootIsCreatedAndCanonical() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try FileObjectStore(root: scratch.path + "/new/objects/")
        #expect(store.root == scratch.path + "/new/objects")
        scratch.write("file", "")
        #expect(throws: ObjectStoreError.notADirectory) { try FileObjectStore(root: scratch.path + "/file") }
    }
}
