/// Hides secrets in values that are printed.
enum Redaction {
    /// A libpq URI or key=value string with any password replaced by `***` and the query dropped.
    static func databaseURL(_ url: String) -> String {
        if let schemeEnd = url.firstRange(of: "://") {
            let scheme = url[..<schemeEnd.upperBound]
            var rest = url[schemeEnd.upperBound...]
            if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
            if let at = rest.lastIndex(of: "@") {
                let userInfo = rest[..<at]
                let user = userInfo.split(separator: ":", maxSplits: 1).first ?? ""
                let hidden = userInfo.contains(":") ? "\(user):***" : String(user)
                return "\(scheme)\(hidden)@\(rest[rest.index(after: at)...])"
            }
            return "\(scheme)\(rest)"
        }
        // key=value form: keep only host, port, dbname, user.
        let kept = url.split(separator: " ").filter { pair in
            ["host=", "port=", "dbname=", "user=", "hostaddr="].contains { pair.hasPrefix($0) }
        }
        return kept.joined(separator: " ")
    }
}
