import CLibPQ

// The effective connection options, as libpq resolved them (for diagnostics and tests).
extension PGConnection {
    /// The value libpq uses for a connection option (`PQconninfo`), for example `connect_timeout`;
    /// `nil` when unset or the connection is closed.
    /// See <https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-PQCONNINFO>.
    func connectionOption(_ keyword: String) -> String? {
        guard let handle, let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }
}
