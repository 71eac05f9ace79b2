/// Reads typed values from an environment dictionary, collecting one message per bad key instead of
/// stopping at the first, so start-up can print every problem at once.
struct EnvironmentReader {
    let environment: [String: String]
    private(set) var problems: [String] = []

    init(_ environment: [String: String]) {
        self.environment = environment
    }

    /// The raw value; an empty string counts as unset.
    func raw(_ key: String) -> String? {
        guard let v = environment[key], !v.isEmpty else { return nil }
        return v
    }

    mutating func string(_ key: String, default value: String) -> String { raw(key) ?? value }

    mutating func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let text = raw(key) else { return value }
        guard let v = Int(text), range.contains(v) else {
            problems.append("\(key)=\(text.prefix(40)): must be an integer from \(range.lowerBound) to \(range.upperBound)")
            return value
        }
        return v
    }

    mutating func choice(_ key: String, default value: String, allowed: [String]) -> String {
        guard let text = raw(key) else { return value }
        guard allowed.contains(text) else {
            problems.append("\(key)=\(text.prefix(40)): must be one of \(allowed.joined(separator: ", "))")
            return value
        }
        return text
    }

    mutating func require(_ key: String, hint: String) -> String {
        guard let v = raw(key) else {
            problems.append("\(key) is not set: \(hint)")
            return ""
        }
        return v
    }

    mutating func report(_ problem: String) { problems.append(problem) }
}
