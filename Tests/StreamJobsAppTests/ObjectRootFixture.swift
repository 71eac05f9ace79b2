import Foundation

/// A test whose live service keeps its objects below `root`: each project's space there, and its files.
protocol ObjectRootFixture {
    /// The service's `STREAMJOBS_OBJECT_ROOT`.
    var root: String { get }
}

extension ObjectRootFixture {
    /// Project `p`'s own space: `<root>/projects/<p>`.
    func space(_ p: String) -> String { root + "/projects/" + p }

    /// The local file of project `p`'s object path (`obs://b/k` or `b/k`).
    func file(_ objectPath: String, of p: String) -> String {
        space(p) + "/" + (objectPath.hasPrefix("obs://") ? String(objectPath.dropFirst(6)) : objectPath)
    }

    /// The names in a local directory, sorted (none when it does not exist).
    func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Writes `bytes` to `relative` in project `p`'s space, making the folders.
    func writeFile(_ relative: String, of p: String, _ bytes: [UInt8]) throws {
        let path = space(p) + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
