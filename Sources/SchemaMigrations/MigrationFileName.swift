/// A parsed migration file name: `NNNN_name.up.sql` or `NNNN_name.down.sql`, with a 4-digit version
/// from 0001 and a name of lowercase letters, digits and underscores.
struct MigrationFileName: Equatable {
    enum Direction: Equatable { case up, down }

    let version: Int
    let name: String
    let direction: Direction

    init(version: Int, name: String, direction: Direction) {
        self.version = version
        self.name = name
        self.direction = direction
    }

    /// Parses a file name; `nil` when it does not follow the pattern.
    init?(_ fileName: String) {
        let utf8 = Array(fileName.utf8)
        let stem: ArraySlice<UInt8>
        if fileName.hasSuffix(".up.sql") {
            direction = .up
            stem = utf8.dropLast(7)
        } else if fileName.hasSuffix(".down.sql") {
            direction = .down
            stem = utf8.dropLast(9)
        } else {
            return nil
        }
        let digits = stem.prefix(4)
        guard stem.count > 5, digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            stem[stem.startIndex + 4] == UInt8(ascii: "_")
        else { return nil }
        let nameBytes = stem.dropFirst(5)
        guard nameBytes.allSatisfy(Self.isNameByte) else { return nil }
        version = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        name = String(decoding: nameBytes, as: UTF8.self)
        guard version > 0 else { return nil }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= 48 && byte <= 57)
            || byte == UInt8(ascii: "_")
    }

    /// A version as four digits, for example `0007`.
    static func format(_ version: Int) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
