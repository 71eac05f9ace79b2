import Foundation
import Testing
import TestSupport

/// The repository's markdown documents refer only to what the repository holds: every relative link
/// resolves to a file or folder inside it, every quoted repository path exists, and none points at
/// material outside the repository (`../shared`, `dli-api.md`), which a reader of the repository lacks.
@Suite struct DocumentationLinkTests {
    static let root = URL(fileURLWithPath: TestDatabase.repositoryRoot).standardizedFileURL.path

    /// The documents every checkout has; others found in the repository are checked too.
    static let requiredDocuments = ["README.md", "ARCHITECTURE.md", "deploy/README.md", "bench/README.md"]

    /// Every `*.md` below the root, relative to it, outside hidden folders (`.build`, `.local`, `.git`, …).
    static func markdownDocuments() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                continue
            }
            if path.hasSuffix(".md") { found.append(path) }
        }
        return found.sorted()
    }

    static func read(_ document: String) throws -> String {
        try String(contentsOfFile: root + "/" + document, encoding: .utf8)
    }

    /// Whether `path` (absolute) names something inside the repository that exists.
    static func existsInRepository(_ path: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        return (resolved == root || resolved.hasPrefix(root + "/")) && FileManager.default.fileExists(atPath: resolved)
    }

    @Test func theDocumentsAreThere() {
        let found = Self.markdownDocuments()
        for document in Self.requiredDocuments {
            #expect(found.contains(document), "\(document) is missing (found: \(found))")
        }
    }

    @Test(arguments: markdownDocuments())
    func everyRelativeLinkResolvesInsideTheRepository(_ document: String) throws {
        let folder = (Self.root + "/" + document as NSString).deletingLastPathComponent
        for link in MarkdownReferences(markdown: try Self.read(document)).links {
            let target = link.removingPercentEncoding ?? link
            let absolute = target.hasPrefix("/") ? Self.root + target : folder + "/" + target
            #expect(Self.existsInRepository(absolute), "\(document) links to \(link), which is not in the repository")
        }
    }

    @Test(arguments: markdownDocuments())
    func everyQuotedRepositoryPathExists(_ document: String) throws {
        for path in MarkdownReferences(markdown: try Self.read(document)).quotedPaths {
            #expect(Self.existsInRepository(Self.root + "/" + path), "\(document) names `\(path)`, which does not exist")
        }
    }

    @Test(arguments: markdownDocuments())
    func noDocumentPointsOutsideTheRepository(_ document: String) throws {
        let text = try Self.read(document)
        for outside in ["../shared", "dli-api.md"] {
            #expect(!text.contains(outside), "\(document) mentions \(outside), which is not in the repository")
        }
    }

    @Test func theReferenceParserFindsLinksAndPathsButNotCode() {
        let references = MarkdownReferences(markdown: """
            See [the guide](deploy/README.md#install), [site](https://example.com), [top](#top) and
            `config/streamjobs.env.example`, not `bench/results/<timestamp>.txt` or `[x](in-code.md)`.
            ```sh
            cat [y](in-fence.md) scripts/missing
            ```
            """)
        #expect(references.links == ["deploy/README.md"])
        #expect(references.quotedPaths == ["config/streamjobs.env.example"])
    }
}
