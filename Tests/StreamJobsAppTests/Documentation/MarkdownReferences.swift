import Foundation

/// What a markdown document refers to in the repository: the targets of its links and the repository
/// paths it quotes in code spans. Fenced code blocks are commands and output, not references.
struct MarkdownReferences {
    /// Link targets (`[text](target)`, `![alt](target)`), without `#fragment` or title; external
    /// (`scheme:`) and same-page (`#…`) links are left out.
    let links: [String]
    /// Code spans that name a path below one of `repositoryFolders` and hold no placeholder
    /// (`<id>`, `*`, `…`, `{…}`, `$VAR`, spaces), such as `config/streamjobs.env.example`.
    let quotedPaths: [String]

    /// Top-level folders whose quoted paths are checked.
    static let repositoryFolders = [
        "Sources", "Tests", "scripts", "deploy", "config", "migrations", "bench", "flink", "fuzz", "openapi",
    ]

    init(markdown: String) {
        var prose: [Substring] = []
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
            } else if !inFence {
                prose.append(line)
            }
        }
        var links: [String] = []
        var quoted: [String] = []
        for line in prose {
            let (text, spans) = Self.splitCodeSpans(line)
            links += Self.linkTargets(in: text)
            quoted += spans.filter(Self.isCheckablePath)
        }
        self.links = links
        quotedPaths = quoted
    }

    /// `line` with its code spans removed, and the spans.
    static func splitCodeSpans(_ line: Substring) -> (text: String, spans: [String]) {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false)
        var text = ""
        var spans: [String] = []
        for (index, part) in parts.enumerated() {
            if index % 2 == 0 { text += part } else { spans.append(String(part)) }
        }
        return (text, spans)
    }

    static func linkTargets(in text: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            var target = after[..<close].split(separator: " ").first.map(String.init) ?? ""
            if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
            let isExternal = target.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
            if !target.isEmpty, !isExternal { targets.append(target) }
            rest = after[close...]
        }
        return targets
    }

    static func isCheckablePath(_ span: String) -> Bool {
        repositoryFolders.contains { span.hasPrefix($0 + "/") }
            && span.rangeOfCharacter(from: CharacterSet(charactersIn: "<>*…{}$ []")) == nil
    }
}
