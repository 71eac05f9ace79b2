import Glibc

/// The optional configuration file named by `STREAMJOBS_CONFIG_FILE`: `KEY=VALUE` lines in the format
/// of `config/streamjobs.env.example` (`#` comments, blank lines, an optional `export ` prefix, values
/// optionally in single or double quotes). The environment wins over the file, key by key.
enum ConfigurationFile {
    /// The variable naming the file.
    static let variable = "STREAMJOBS_CONFIG_FILE"

    /// `environment` merged over the file it names (if any).
    /// - Throws: `ConfigurationError` when the file cannot be read or has bad lines (one line each).
    static func merged(into environment: [String: String]) throws(ConfigurationError) -> [String: String] {
        guard let path = environment[variable], !path.isEmpty else { return environment }
        guard let text = read(path) else {
            throw ConfigurationError(problems: ["\(variable)=\(path): cannot be read"])
        }
        let (values, problems) = parse(text)
        if !problems.isEmpty { throw ConfigurationError(problems: problems.map { "\(path): \($0)" }) }
        return values.merging(environment.filter { !$0.value.isEmpty }) { $1 }
    }

    /// The `STREAMJOBS_*` assignments of `text` and one problem per line that is not one.
    static func parse(_ text: String) -> (values: [String: String], problems: [String]) {
        var values: [String: String] = [:]
        var problems: [String] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            while line.last == " " || line.last == "\t" || line.last == "\r" { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count) }
            guard let eq = line.firstIndex(of: "="), line[..<eq].hasPrefix("STREAMJOBS_") else {
                problems.append("line \(index + 1): expected STREAMJOBS_KEY=value")
                continue
            }
            var value = line[line.index(after: eq)...]
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            values[String(line[..<eq])] = String(value)
        }
        return (values, problems)
    }

    static func read(_ path: String) -> String? {
        LocalFile.bytes(at: path, maxBytes: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
    }
}
