import JobDomain
import PostgresClient

/// The columns a list page's summaries select, and their decoding. The statement that selects them asks
/// for binary results: PostgreSQL sends timestamps, integers and the `text[]` as they are stored instead
/// of formatting them, and nothing here parses decimal text. The project is the query's, not read back.
enum JobSummaryColumns {
    /// Columns, in decoding order.
    static let all: [String] = [
        "job_id", "name", "description", "job_type", "status", "status_desc", "queue_name", "user_name", "run_mode",
        "edge_group_ids", "tags", "root_id", "has_savepoint", "savepoint_path", "created_at", "updated_at", "started_at",
    ]

    /// `all` joined for a SELECT list.
    static let selectList = all.joined(separator: ", ")

    /// The enum columns' names, matched on the result's bytes.
    static let jobTypes = PGTextChoices<JobType>()
    static let statuses = PGTextChoices<JobStatus>()
    static let runModes = PGTextChoices<RunMode>()

    /// Decodes one row of a binary result selected with `selectList`. A value the schema's constraints
    /// make impossible is a corrupt row and throws rather than guessing.
    static func summary(_ r: PGResult, row: Int, project: ProjectID) throws -> JobSummary {
        func string(_ column: Int) throws -> String {
            guard let v = r.string(row, column) else { throw CorruptRow(column: all[column]) }
            return v
        }
        func int64(_ column: Int) throws -> Int64 {
            guard let v = r.int64(row, column) else { throw CorruptRow(column: all[column]) }
            return v
        }
        func millis(_ column: Int) throws -> Int64 {
            guard let v = r.epochMilliseconds(row, column) else { throw CorruptRow(column: all[column]) }
            return v
        }
        guard let id = JobID(try int64(0)) else { throw CorruptRow(column: "job_id") }
        guard let jobType = r.choice(row, 3, jobTypes) else { throw CorruptRow(column: "job_type") }
        guard let status = r.choice(row, 4, statuses) else { throw CorruptRow(column: "status") }
        guard let runMode = r.choice(row, 8, runModes) else { throw CorruptRow(column: "run_mode") }
        guard let edgeGroupIDs = r.stringArray(row, 9) else { throw CorruptRow(column: "edge_group_ids") }
        guard let tags = r.withJSONBytes(row, 10, { $0.flatMap(JobTagsJSON.decode) }) else {
            throw CorruptRow(column: "tags")
        }
        guard let hasSavepoint = r.bool(row, 12) else { throw CorruptRow(column: "has_savepoint") }
        return JobSummary(
            projectID: project, id: id, name: try string(1), description: try string(2), jobType: jobType,
            status: status, statusDescription: try string(5), queueName: r.string(row, 6), userName: r.string(row, 7),
            runMode: runMode, tags: tags, edgeGroupIDs: edgeGroupIDs, rootID: try int64(11), hasSavepoint: hasSavepoint,
            savepointPath: r.string(row, 13), createdAtMillis: try millis(14), updatedAtMillis: try millis(15),
            startedAtMillis: r.isNull(row, 16) ? nil : try millis(16))
    }
}
