import JSONCodec

/// A job's `runtime_config`: Flink settings for that one job, as DLI clients send them.
///
/// Three spellings are read: a JSON list `[{"key":…,"value":…}]` (as Terraform sends it), a JSON
/// object, or `key=value` items separated by commas or newlines. Every key must be on
/// ``RuntimeConfigKeys/allowed``: job-level settings that name no file, folder or class path and
/// change no cluster or security setting. The same parse runs when a request arrives (to refuse a bad
/// key with its name) and when the job is submitted (so a row stored before the allow-list existed
/// cannot reach the engine either).
public struct RuntimeConfig: Sendable, Equatable {
    /// The settings in the order given; a key given twice keeps its last value.
    public let settings: [Setting]

    /// One `key = value` pair.
    public struct Setting: Sendable, Equatable {
        public let key: String
        public let value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Longest value accepted, in UTF-8 bytes.
    public static let maxValueBytes = 1024

    /// Parses and checks `text`; nil or empty text is no settings.
    /// - Throws: ``RuntimeConfigError`` naming the first key that is not allowed, or what is malformed.
    public init(parsing text: String?) throws(RuntimeConfigError) {
        guard let text, !text.isEmpty else {
            settings = []
            return
        }
        var pairs: [(String, String)] = []
        if let value = try? JSONParser.parse(text) {
            if let list = value.arrayValue {
                for item in list {
                    guard let key = item["key"]?.stringValue, let raw = item["value"] else { throw .malformed }
                    pairs.append((key, Self.text(raw)))
                }
            } else if let object = value.objectValue {
                for (key, raw) in object { pairs.append((key, Self.text(raw))) }
            } else {
                throw .malformed
            }
        } else {
            for item in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
                let parts = item.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else {
                    if item.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                    throw .malformed
                }
                pairs.append((Self.trimmed(parts[0]), Self.trimmed(parts[1])))
            }
        }
        var settings: [Setting] = []
        for (key, value) in pairs {
            guard RuntimeConfigKeys.allowed.contains(key) else { throw .keyNotAllowed(key) }
            guard value.utf8.count <= Self.maxValueBytes,
                !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else { throw .badValue(key) }
            if let index = settings.firstIndex(where: { $0.key == key }) { settings.remove(at: index) }
            settings.append(Setting(key: key, value: value))
        }
        self.settings = settings
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? String(decoding: value.serialized(), as: UTF8.self)
    }

    private static func trimmed(_ s: Substring) -> String {
        String(s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}

/// Why a `runtime_config` is refused. Descriptions are safe to show to clients.
public enum RuntimeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not one of the three spellings.
    case malformed
    /// A key that is not on the allow-list.
    case keyNotAllowed(String)
    /// A value that is too long or holds control characters.
    case badValue(String)

    public var description: String {
        switch self {
        case .malformed:
            return "must be a JSON list of {\"key\",\"value\"} objects, a JSON object, or key=value items"
        case .keyNotAllowed(let key):
            return "key '\(String(key.prefix(128)))' is not allowed (allowed: job-level Flink settings that name no file or class path; see the README)"
        case .badValue(let key):
            return "the value of '\(String(key.prefix(128)))' must be at most \(RuntimeConfig.maxValueBytes) bytes without control characters"
        }
    }
}
