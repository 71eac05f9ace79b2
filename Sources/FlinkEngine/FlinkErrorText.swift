import Foundation
import JSONCodec

/// Turns Flink's error bodies (`{"errors":["<Java stack trace>", …]}`) into one short, useful line.
enum FlinkErrorText {
    /// The deepest `Caused by:` of the first error (usually the real reason), shortened.
    static func reason(_ body: [UInt8]) -> String {
        guard let value = try? JSONParser.parse(body), let errors = value["errors"]?.arrayValue else {
            return shorten(String(decoding: body.prefix(300), as: UTF8.self))
        }
        let texts = errors.compactMap(\.stringValue).filter { $0 != "Internal server error." }
        return rootCause(texts.joined(separator: "\n"))
    }

    /// The last `Caused by: X: message` line of a stack trace (or its first line).
    static func rootCause(_ trace: String) -> String {
        let lines: [String] = trace.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let causes = lines.filter { $0.hasPrefix("Caused by: ") }.map { String($0.dropFirst("Caused by: ".count)) }
        let line = causes.last ?? lines.first ?? "unknown error"
        return shorten(line.replacingOccurrences(of: "<Exception on server side:", with: ""))
    }

    /// Whether a body says the job id was already submitted (a repeated submission of ours).
    static func isDuplicateSubmission(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self)
        return text.contains("DuplicateJobSubmissionException") || text.contains("DuplicateApplicationSubmissionException")
    }

    static func shorten(_ text: String) -> String {
        text.count <= 400 ? text : String(text.prefix(397)) + "..."
    }
}
