import Foundation
import JSONCodec
import JobDomain

/// The JobManager log lines that name one engine job, read over the REST API: `GET /jobmanager/logs`
/// lists the files of the JobManager's log folder (TaskManagers on the same host may share it), and
/// `GET /jobmanager/logs/{name}` serves one whole file (no ranges), of which only the end is kept.
struct FlinkJobManagerLog {
    let http: FlinkHTTPClient
    let timeout: Double
    /// How much of the end of each file is searched.
    let tailBytes: Int
    /// How many of the newest log files are searched at most.
    let maxFiles: Int

    /// The lines.
    struct Lines {
        /// The matching lines, oldest file first, each ending in a newline.
        var text: [UInt8] = []
        /// The files searched, newest first.
        var files: [String] = []
        /// What was not searched (an earlier part of a file, a file that could not be read).
        var notes: [String] = []
    }

    /// The lines of the JobManager's log files that contain `id`. Only files written to since `since`
    /// (epoch ms, a minute of slack) are searched, newest first.
    /// - Throws: `EngineError.unavailable` when the JobManager cannot be reached.
    func lines(naming id: EngineJobID, since: Int64?) throws(EngineError) -> Lines {
        let listing = try http.send("GET", "/jobmanager/logs", timeout: timeout)
        guard listing.status == 200, let logs = (try? JSONParser.parse(listing.body, maxDepth: 16))?["logs"]?.arrayValue else {
            return Lines(notes: ["the JobManager did not list its log files (HTTP \(listing.status))"])
        }
        let candidates = logs.compactMap { entry -> (name: String, mtime: Int64)? in
            guard let name = entry["name"]?.stringValue, Self.isJobManagerLog(name) else { return nil }
            let mtime = entry["mtime"]?.int64Value ?? Int64.max
            if let since, mtime < since - 60_000 { return nil }
            return (name, mtime)
        }.sorted { $0.mtime > $1.mtime }
        var result = Lines()
        var chunks: [[UInt8]] = []
        for file in candidates.prefix(maxFiles) {
            let tail: FlinkTail
            do {
                tail = try http.tail("/jobmanager/logs/\(file.name)", maxBytes: tailBytes, timeout: timeout)
            } catch {
                result.notes.append("\(file.name) could not be read (\(error.reason))")
                continue
            }
            guard tail.status == 200 else {
                result.notes.append("\(file.name) could not be read (HTTP \(tail.status))")
                continue
            }
            result.files.append(file.name)
            if tail.skipped > 0 {
                result.notes.append("only the last \(tailBytes) bytes of \(file.name) were searched (\(tail.skipped) bytes before them were not)")
            }
            chunks.append(Self.matching(tail.bytes, id.rawValue, partialFirstLine: tail.skipped > 0))
        }
        result.text = chunks.reversed().flatMap { $0 }
        if candidates.count > maxFiles {
            result.notes.append("\(candidates.count - maxFiles) older log file(s) were not searched")
        }
        return result
    }

    /// JobManager log files: `*.log` and rotated `*.log.N`, not a TaskManager's, not stdout (`.out`).
    /// Names come from Flink; only plain names are requested.
    static func isJobManagerLog(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "%") }),
            !name.hasPrefix(".")
        else { return false }
        let lower = name.lowercased()
        if lower.contains("taskexecutor") || lower.contains("taskmanager") { return false }
        if lower.hasSuffix(".log") { return true }
        guard let range = lower.range(of: ".log.", options: .backwards) else { return false }
        let rest = lower[range.upperBound...]
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The lines of `bytes` that contain `needle`, each with its newline; a first line cut by the tail is dropped.
    static func matching(_ bytes: [UInt8], _ needle: String, partialFirstLine: Bool) -> [UInt8] {
        let pattern = Array(needle.utf8)
        var out: [UInt8] = []
        var start = 0
        if partialFirstLine, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) { start = newline + 1 }
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            if contains(line, pattern) {
                out.append(contentsOf: line)
                out.append(UInt8(ascii: "\n"))
            }
            start = end + 1
        }
        return out
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, line.count >= pattern.count else { return false }
        var i = line.startIndex
        while i <= line.endIndex - pattern.count {
            if line[i] == pattern[0], line[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }
}
