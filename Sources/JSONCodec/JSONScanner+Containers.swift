extension JSONScanner {
    /// Reads `"name"` and the `:` after it, and opens a member for it in the innermost object.
    ///
    /// - Throws: `.duplicateKey` if that object already has the name; `.unexpectedCharacter` or
    ///   `.unexpectedEndOfInput` if the name or colon is missing; string errors from the name.
    mutating func parseMemberName() throws(JSONParseError) {
        guard position < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: position) }
        guard bytes[position] == UInt8(ascii: "\"") else { throw JSONParseError(.unexpectedCharacter, at: position) }
        let nameOffset = position
        let (name, fingerprint) = try parseMemberNameString()
        try checkUnique(name, fingerprint: fingerprint, at: nameOffset)
        members.append((name, .null))
        skipWhitespace()
        guard position < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: position) }
        guard bytes[position] == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedCharacter, at: position) }
        position += 1
    }

    /// Throws if the innermost object already has a member named `name` (by `String` equality,
    /// the rule lookups use); records the name's fingerprint, or its index entry, on success.
    private mutating func checkUnique(_ name: String, fingerprint: UInt64, at offset: Int) throws(JSONParseError) {
        let top = frames.count - 1
        let start = frames[top].start
        let position = members.count - start
        if frames[top].index != nil {
            guard frames[top].index!.updateValue(position, forKey: name) == nil else {
                throw JSONParseError(.duplicate(name), at: offset)
            }
            fingerprints.append(0)
            return
        }
        for i in start..<members.count {
            let other = fingerprints[i]
            // Different fingerprints of two ASCII names prove the names differ.
            if fingerprint != 0, other != 0, other != fingerprint { continue }
            if members[i].key == name { throw JSONParseError(.duplicate(name), at: offset) }
        }
        fingerprints.append(fingerprint)
        if position + 1 > JSONObject.indexThreshold {
            var index = [String: Int](minimumCapacity: 2 * (position + 1))
            for i in start..<members.count { index[members[i].key] = i - start }
            index[name] = position
            frames[top].index = index
        }
    }

    /// Pops the innermost container and moves its pending entries into its value.
    mutating func closeContainer() -> JSONValue {
        let frame = frames.removeLast()
        if !frame.isObject {
            return .array(elements.takeSuffix(from: frame.start, leaving: .null))
        }
        fingerprints.removeLast(fingerprints.count - frame.start)
        let taken = members.takeSuffix(from: frame.start, leaving: ("", .null))
        return .object(JSONObject(checkedMembers: taken, index: frame.index))
    }
}
