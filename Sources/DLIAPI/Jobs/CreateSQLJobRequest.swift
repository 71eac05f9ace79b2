import JobDomain

/// The body of `POST /v1.0/{project_id}/streaming/sql-jobs` (dli-api.md §3.1) as a `NewJob`.
enum CreateSQLJobRequest {
    typealias L = JobLimits

    static func decode(_ r: FieldReader) throws(APIError) -> NewJob {
        let jobType = try r.choice("job_type", JobType.self) ?? .flinkOpenSourceSQL
        guard jobType != .flinkJar else {
            throw .invalidParameter("job_type", "must be a SQL job type; create Jar jobs at /streaming/flink-jobs")
        }
        var job = NewJob(name: try r.requiredString("name", length: L.nameLength), jobType: jobType)
        job.description = try r.string("desc", length: 0...L.descriptionMaxLength) ?? ""
        job.templateID = try r.int64("template_id", minimum: 1)
        job.queueName = try r.option("queue_name", maxLength: L.queueNameMaxLength)
        job.sqlBody = try r.string("sql_body", length: 0...L.sqlBodyMaxLength)
        job.runMode = try r.choice("run_mode", RunMode.self) ?? .sharedCluster
        job.edgeGroupIDs = try r.stringArray("edge_group_ids", maxCount: 100, itemLength: 1...128) ?? []
        job.tags = try JobConfigFields.tags(r) ?? []
        job.deletionProtection = try r.bool("deletion_protection") ?? false
        try JobConfigFields.read(r, into: &job.config)
        try refuseCheckpointPath(r)
        try JobConfigConflicts.check(job.config)
        return job
    }

    /// SQL jobs keep their checkpoints under `obs_bucket` (`JobStateLocations`), as in DLI, where
    /// `checkpoint_path` is a Jar-job field: a non-empty one is refused rather than dropped.
    static func refuseCheckpointPath(_ r: FieldReader) throws(APIError) {
        guard try r.location("checkpoint_path") != nil else { return }
        throw .invalidParameter(
            "checkpoint_path",
            "applies to Jar jobs; a SQL job keeps its checkpoints in obs_bucket (<obs_bucket>/jobs/<job_id>/checkpoints)")
    }
}
