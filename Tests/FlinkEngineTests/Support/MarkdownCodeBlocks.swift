import Foundation
import Testing

/// One fenced code block of a markdown document, named by the heading it sits under.
struct MarkdownCodeBlock: Sendable, CustomTestStringConvertible {
    /// The fence's info string (`sh`, `python`, …; empty for a bare fence).
    let language: String
    /// The text of the nearest heading above the block, without its `#`s.
    let section: String
    /// 1 for the section's first block in this language, 2 for the next, …
    let ordinal: Int
    /// The lines between the fences, joined with newlines (no trailing newline).
    let text: String

    /// How tests name the block: its section, with `#n` from its second block of a language on.
    var id: String { ordinal == 1 ? section : "\(section) #\(ordinal)" }

    var testDescription: String { "\(language) block of \"\(id)\"" }

    /// Whether a command of this (shell) block talks to the service on `127.0.0.1:8080`: the address
    /// appears outside a comment (`#` at a word start, outside quotes, to the end of the line).
    var talksToService: Bool {
        text.split(separator: "\n").contains { Self.withoutComment($0).contains("127.0.0.1:8080") }
    }

    /// `line` up to a shell comment.
    static func withoutComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#", previous == " " || previous == "\t" {
                return line[..<index]
            }
            previous = c
        }
        return line
    }

    /// Every fenced block of `markdown`, in order. Headings inside fences are not headings.
    static func all(in markdown: String) -> [MarkdownCodeBlock] {
        var blocks: [MarkdownCodeBlock] = []
        var section = ""
        var open: (language: String, lines: [Substring])?
        var seen: [String: Int] = [:]
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if var block = open {
                if line == "```" {
                    let key = section + "\u{0}" + block.language
                    seen[key, default: 0] += 1
                    blocks.append(MarkdownCodeBlock(
                        language: block.language, section: section, ordinal: seen[key]!,
                        text: block.lines.joined(separator: "\n")))
                    open = nil
                } else {
                    block.lines.append(line)
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
            } else if line.hasPrefix("#"), let space = line.firstIndex(of: " "),
                line[..<space].allSatisfy({ $0 == "#" }) {
                section = String(line[line.index(after: space)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return blocks
    }
}
