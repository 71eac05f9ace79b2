import JSONCodec
import JobDomain
import PostgresClient

/// Turns one row selected with `JobColumns.all` into a `Job`. A value the schema's constraints make
/// impossible (an unknown status, say) is a corrupt row and throws rather than guessing.
struct JobRowDecoder {
    let result: PGResult
    let row: Int
    private var column = 0

    init(_ result: PGResult, row: Int) {
        self.result = result
        self.row = row
    }

    /// Decodes the whole row.
    static func job(_ result: PGResult, row: Int) throws -> Job {
        var d = JobRowDecoder(result, row: row)
        guard let projectID = ProjectID(try d.string()), let id = JobID(try d.int64()) else { throw CorruptRow(column: "id") }
        let name = try d.string()
        let description = try d.string()
        guard let jobType = JobType(rawValue: try d.string()) else { throw CorruptRow(column: "job_type") }
        guard let status = JobStatus(rawValue: try d.string()) else { throw CorruptRow(column: "status") }
        let statusDescription = try d.string()
        let queueName = d.optionalString()
        let userName = d.optionalString()
        guard let runMode = RunMode(rawValue: try d.string()) else { throw CorruptRow(column: "run_mode") }
        let sqlBody = d.optionalString()
        let templateID = d.optionalInt64()
        var c = JobConfig()
        c.cuNumber = try d.int()
        c.parallelNumber = try d.int()
        c.managerCuNumber = try d.int()
        c.tmCus = try d.int()
        c.tmSlotNum = d.optionalInt64().map { Int($0) }
        c.checkpointEnabled = try d.bool()
        guard let mode = CheckpointMode(rawValue: try d.int()) else { throw CorruptRow(column: "checkpoint_mode") }
        c.checkpointMode = mode
        c.checkpointInterval = try d.int()
        c.obsBucket = d.optionalString()
        c.logEnabled = try d.bool()
        c.smnTopic = d.optionalString()
        c.restartWhenException = try d.bool()
        c.idleStateRetention = try d.int()
        c.dirtyDataStrategy = try d.string()
        c.udfJarURL = d.optionalString()
        c.resumeCheckpoint = try d.bool()
        c.resumeMaxNum = try d.int()
        c.runtimeConfig = d.optionalString()
        c.flinkVersion = d.optionalString()
        c.executionAgencyURN = d.optionalString()
        c.resourceConfigVersion = d.optionalString()
        c.resourceConfigJSON = d.optionalString()
        c.flinkLogConfig = d.optionalString()
        c.operatorConfig = d.optionalString()
        c.staticEstimatorConfig = d.optionalString()
        c.mainClass = d.optionalString()
        c.entrypoint = d.optionalString()
        c.entrypointArgs = d.optionalString()
        c.dependencyJars = try d.stringArrayFromJSON()
        c.dependencyFiles = try d.stringArrayFromJSON()
        c.checkpointPath = d.optionalString()
        c.feature = d.optionalString()
        c.image = d.optionalString()
        let edgeGroupIDs = try d.stringArrayFromJSON()
        let tags = try d.tagsFromJSON()
        let rootID = try d.int64()
        let hasSavepoint = try d.bool()
        let savepointPath = d.optionalString()
        let created = try d.int64()
        let updated = try d.int64()
        let started = d.optionalInt64()
        let version = try d.int64()
        var job = Job(
            projectID: projectID, id: id, name: name, description: description, jobType: jobType, status: status,
            statusDescription: statusDescription, queueName: queueName, userName: userName, runMode: runMode,
            sqlBody: sqlBody, templateID: templateID, config: c, tags: tags, edgeGroupIDs: edgeGroupIDs,
            rootID: rootID, hasSavepoint: hasSavepoint, savepointPath: savepointPath, createdAtMillis: created,
            updatedAtMillis: updated, startedAtMillis: started, version: version)
        job.restartTimes = try d.int()
        job.deletionProtection = try d.bool()
        return job
    }

    private mutating func next() -> Int {
        defer { column += 1 }
        return column
    }

    private var name: String { JobColumns.all[column - 1] }

    mutating func optionalString() -> String? { result.string(row, next()) }
    mutating func optionalInt64() -> Int64? { result.int64(row, next()) }

    mutating func string() throws -> String {
        guard let v = result.string(row, next()) else { throw CorruptRow(column: name) }
        return v
    }
    mutating func int64() throws -> Int64 {
        guard let v = result.int64(row, next()) else { throw CorruptRow(column: name) }
        return v
    }
    mutating func int() throws -> Int { Int(try int64()) }
    mutating func bool() throws -> Bool {
        guard let v = result.bool(row, next()) else { throw CorruptRow(column: name) }
        return v
    }

    /// A `text[]` column selected as `to_json(col)::text`.
    mutating func stringArrayFromJSON() throws -> [String] {
        guard let text = result.string(row, next()),
            case .array(let items)? = try? JSONParser.parse(Array(text.utf8))
        else { throw CorruptRow(column: name) }
        return try items.map {
            guard case .string(let s) = $0 else { throw CorruptRow(column: name) }
            return s
        }
    }

    /// The `tags` jsonb column: `[{"key": …, "value": …}]`.
    mutating func tagsFromJSON() throws -> [JobTag] {
        guard let tags = result.withJSONBytes(row, next(), { $0.flatMap(JobTagsJSON.decode) }) else {
            throw CorruptRow(column: name)
        }
        return tags
    }
}
