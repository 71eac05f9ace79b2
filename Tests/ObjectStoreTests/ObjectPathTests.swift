import Testing

@testable import ObjectStore

@Suite struct ObjectPathTests {
    @Test(arguments: [
        ("obs://bucket/dir/a.zip", "bucket", ["dir", "a.zip"], true),
        ("bucket/dir/", "bucket", ["dir"], false),
        ("my.bucket-1", "my.bucket-1", [], false),
        ("obs://abc/x y/Ä.json", "abc", ["x y", "Ä.json"], true),
    ])
    func parses(text: String, bucket: String, components: [String], scheme: Bool) throws {
        let path = try ObjectPath(parsing: text)
        #expect(path.bucket == bucket && path.components == components && path.hasScheme == scheme)
        #expect(try ObjectPath(parsing: path.description) == path)
    }

    @Test func descriptionKeepsTheClientsSpelling() throws {
        #expect(try ObjectPath(parsing: "obs://b-1/d/").appending("x.zip").description == "obs://b-1/d/x.zip")
        #expect(try ObjectPath(parsing: "b-1/d").appending("x.zip").description == "b-1/d/x.zip")
    }

    @Test(arguments: [
        ("", ObjectPathError.empty),
        ("/etc/passwd", .absolute),
        ("obs:///etc", .absolute),
        ("obs://bucket/../../etc", .dotComponent),
        ("bucket/a/./b", .dotComponent),
        ("bucket/..", .dotComponent),
        ("bucket/a//b", .emptyComponent),
        ("Bucket/a", .invalidBucket),
        ("ab/a", .invalidBucket),
        ("-bucket/a", .invalidBucket),
        ("bucket-/a", .invalidBucket),
        ("buc..ket/a", .invalidBucket),
        ("..", .invalidBucket),
        ("bucket/a\\b", .forbiddenCharacter),
        ("bucket/a\u{0}b", .forbiddenCharacter),
        ("bucket/a\nb", .forbiddenCharacter),
        ("bucket/" + String(repeating: "x", count: 256), .componentTooLong(limit: 255)),
        ("bucket/" + String(repeating: "x/", count: 600), .tooLong(limit: 1024)),
        ("bucket/" + String(repeating: "x/", count: 33), .tooDeep(limit: 32)),
    ])
    func refuses(text: String, error: ObjectPathError) {
        #expect(throws: error) { try ObjectPath(parsing: text) }
    }

    @Test func appendingRefusesUnsafeNames() throws {
        let base = try ObjectPath(parsing: "bucket")
        for name in ["..", ".", "", "a/b", "a\\b"] {
            #expect(throws: ObjectPathError.self) { try base.appending(name) }
        }
    }
}
