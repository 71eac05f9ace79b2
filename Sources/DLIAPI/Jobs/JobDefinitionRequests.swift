import JobDomain

/// Request bodies that create or change job definitions (dli-api.md §3.1–3.4). Updates read every
/// field over the job's current definition: an absent or `null` field keeps its value.
enum JobDefinitionRequests {
    typealias L = JobLimits

    /// `POST …/flink-jobs`
    static func createJar(_ r: FieldReader) throws(APIError) -> NewJob {
        var job = NewJob(name: try r.requiredString("name", length: L.nameLength), jobType: .flinkJar)
        job.description = try r.string("desc", length: 0...L.descriptionMaxLength) ?? ""
        job.queueName = try r.option("queue_name", maxLength: L.queueNameMaxLength)
        job.tags = try JobConfigFields.tags(r) ?? []
        job.deletionProtection = try r.bool("deletion_protection") ?? false
        try JobConfigFields.read(r, into: &job.config)
        try JarJobFields.read(r, into: &job.config)
        try JobConfigConflicts.check(job.config)
        return job
    }

    /// `PUT …/sql-jobs/{job_id}`
    static func updateSQL(_ r: FieldReader, current job: Job) throws(APIError) -> NewJob {
        guard job.jobType.isSQL else {
            throw APIError(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "The job is a Jar job; update it at /streaming/flink-jobs/{job_id}.")
        }
        var d = job.definition
        try readCommon(r, into: &d)
        if let v = try r.string("sql_body", length: 0...L.sqlBodyMaxLength) { d.sqlBody = v }
        if let v = try r.choice("run_mode", RunMode.self) { d.runMode = v }
        if let v = try r.stringArray("edge_group_ids", maxCount: 100, itemLength: 1...128) { d.edgeGroupIDs = v }
        if let v = try r.option("operator_config", maxLength: L.optionMaxLength) { d.config.operatorConfig = v }
        if let v = try r.option("static_estimator_config", maxLength: L.optionMaxLength) {
            d.config.staticEstimatorConfig = v
        }
        try CreateSQLJobRequest.refuseCheckpointPath(r)
        try JobConfigConflicts.check(d.config)
        return d
    }

    /// `PUT …/flink-jobs/{job_id}`
    static func updateJar(_ r: FieldReader, current job: Job) throws(APIError) -> NewJob {
        guard job.jobType == .flinkJar else {
            throw APIError(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "The job is a SQL job; update it at /streaming/sql-jobs/{job_id}.")
        }
        if let type = try r.option("job_type", maxLength: 32), type != JobType.flinkJar.rawValue {
            throw .invalidParameter("job_type", "must be 'flink_jar_job'")
        }
        var d = job.definition
        try readCommon(r, into: &d)
        try JarJobFields.read(r, into: &d.config)
        try JobConfigConflicts.check(d.config)
        return d
    }

    /// Name, description, queue, deletion protection and the shared configuration; an empty name keeps
    /// the current one.
    private static func readCommon(_ r: FieldReader, into d: inout NewJob) throws(APIError) {
        if let v = try r.string("name", length: 0...L.nameLength.upperBound, singleLine: true), !v.isEmpty { d.name = v }
        if let v = try r.string("desc", length: 0...L.descriptionMaxLength) { d.description = v }
        if let v = try r.option("queue_name", maxLength: L.queueNameMaxLength) { d.queueName = v }
        if let v = try r.bool("deletion_protection") { d.deletionProtection = v }
        try JobConfigFields.read(r, into: &d.config)
    }
}
