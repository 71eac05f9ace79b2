import JSONCodec
import JobDomain
import PostgresClient

/// Turns one row selected with `TemplateStatements.columns` (starting at `offset`) into a `Template`.
/// A value the schema's constraints make impossible is a corrupt row and throws rather than guessing.
enum TemplateRowDecoder {
    static func template(_ result: PGResult, row: Int, offset: Int = 0) throws -> Template {
        func column(_ i: Int) -> Int { offset + i }
        func corrupt(_ i: Int) -> CorruptRow { CorruptRow(column: TemplateStatements.columns[i]) }
        guard let projectText = result.string(row, column(0)), let projectID = ProjectID(projectText) else { throw corrupt(0) }
        guard let idValue = result.int64(row, column(1)), let id = TemplateID(idValue) else { throw corrupt(1) }
        guard let name = result.string(row, column(2)) else { throw corrupt(2) }
        guard let description = result.string(row, column(3)) else { throw corrupt(3) }
        guard let sqlBody = result.string(row, column(4)) else { throw corrupt(4) }
        guard let typeText = result.string(row, column(5)), let jobType = TemplateJobType(rawValue: typeText) else {
            throw corrupt(5)
        }
        guard let tagsText = result.string(row, column(6)), let tags = Self.tags(tagsText) else { throw corrupt(6) }
        guard let created = result.int64(row, column(7)) else { throw corrupt(7) }
        guard let updated = result.int64(row, column(8)) else { throw corrupt(8) }
        return Template(
            projectID: projectID, id: id, name: name, description: description, sqlBody: sqlBody, jobType: jobType,
            tags: tags, createdAtMillis: created, updatedAtMillis: updated)
    }

    /// The `tags` jsonb column: `[{"key": …, "value": …}]`.
    private static func tags(_ text: String) -> [JobTag]? {
        guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        var tags: [JobTag] = []
        for item in items {
            guard case .object(let o) = item, case .string(let k)? = o["key"], case .string(let v)? = o["value"] else {
                return nil
            }
            tags.append(JobTag(key: k, value: v))
        }
        return tags
    }
}
