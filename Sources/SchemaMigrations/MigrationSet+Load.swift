// Reading a migrations directory: NNNN_name.up.sql / NNNN_name.down.sql pairs.
extension MigrationSet {
    /// Loads every `NNNN_name.up.sql` and `NNNN_name.down.sql` in `directory`; other files (a README, say)
    /// are ignored, and hidden files too.
    /// - Parameter directory: the folder holding the migration files.
    /// - Throws: ``MigrationError``: an unreadable folder or file, a `.sql` file with a bad name, a version
    ///   used by two names, an up without its down (or the reverse), a gap in the versions.
    public static func load(directory: String) throws(MigrationError) -> MigrationSet {
        var ups: [Int: (name: String, path: String)] = [:]
        var downs: [Int: (name: String, path: String)] = [:]
        let files = try FileSystem.entries(of: directory).filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }
        for file in files {
            guard let parsed = MigrationFileName(file) else { throw .badFileName(file) }
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            let entry = (name: parsed.name, path: path)
            switch parsed.direction {
            case .up:
                if let other = ups[parsed.version] { throw duplicate(parsed, other.name, entry.name) }
                ups[parsed.version] = entry
            case .down:
                if let other = downs[parsed.version] { throw duplicate(parsed, other.name, entry.name) }
                downs[parsed.version] = entry
            }
        }
        var migrations: [Migration] = []
        for version in ups.keys.sorted() {
            guard let up = ups[version] else { continue }
            let label = "\(MigrationFileName.format(version))_\(up.name)"
            guard let down = downs[version] else { throw .missingDown(label) }
            guard down.name == up.name else {
                let downFile = "\(MigrationFileName.format(version))_\(down.name).down.sql"
                throw .duplicateVersion(version: version, files: ["\(label).up.sql", downFile])
            }
            let upSQL = try FileSystem.text(of: up.path)
            let downSQL = try FileSystem.text(of: down.path)
            migrations.append(Migration(version: version, name: up.name, upSQL: upSQL, downSQL: downSQL))
        }
        if let orphan = downs.keys.sorted().first(where: { ups[$0] == nil }), let down = downs[orphan] {
            throw .missingUp("\(MigrationFileName.format(orphan))_\(down.name)")
        }
        return try MigrationSet(migrations)
    }

    private static func duplicate(_ file: MigrationFileName, _ first: String, _ second: String) -> MigrationError {
        let suffix = file.direction == .up ? ".up.sql" : ".down.sql"
        let version = MigrationFileName.format(file.version)
        return .duplicateVersion(
            version: file.version, files: [version + "_" + first + suffix, version + "_" + second + suffix])
    }
}
