import JSONCodec
import JobDomain
import PostgresClient

/// The bind parameters of `JobStatements.insert`, in `JobStatements.insertColumns` order.
enum JobRowEncoder {
    static func insertParameters(_ job: NewJob, project: ProjectID) -> [any PGBindable] {
        let c = job.config
        return [
            project.rawValue, job.name, job.description, job.jobType.rawValue, job.queueName, job.userName,
            job.runMode.rawValue, job.sqlBody, job.templateID, c.cuNumber, c.parallelNumber, c.managerCuNumber,
            c.tmCus, c.tmSlotNum, c.checkpointEnabled, c.checkpointMode.rawValue, c.checkpointInterval, c.obsBucket,
            c.logEnabled, c.smnTopic, c.restartWhenException, c.idleStateRetention, c.dirtyDataStrategy,
            c.udfJarURL, c.resumeCheckpoint, c.resumeMaxNum, c.runtimeConfig, c.flinkVersion, c.executionAgencyURN,
            c.resourceConfigVersion, c.resourceConfigJSON, c.flinkLogConfig, c.operatorConfig,
            c.staticEstimatorConfig, c.mainClass, c.entrypoint, c.entrypointArgs, c.dependencyJars,
            c.dependencyFiles, c.checkpointPath, c.feature, c.image, job.edgeGroupIDs, tagsJSON(job.tags),
            job.deletionProtection,
        ]
    }

    /// The bind parameters of `JobStatements.update`'s SET list, in `JobStatements.updateColumns` order.
    static func updateParameters(_ job: NewJob) -> [any PGBindable] {
        let all = insertParameters(job, project: ProjectID("x")!)
        return zip(JobStatements.insertColumns, all).filter { JobStatements.updateColumns.contains($0.0) }.map { $0.1 }
    }

    /// A string dictionary as a jsonb object.
    static func objectJSON(_ values: [String: String]) -> String {
        var w = JSONWriter()
        w.beginObject()
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            w.key(key)
            w.string(value)
        }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Tags as the jsonb array the `tags` column holds.
    static func tagsJSON(_ tags: [JobTag]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for tag in tags {
            w.beginObject()
            w.key("key")
            w.string(tag.key)
            w.key("value")
            w.string(tag.value)
            w.endObject()
        }
        w.endArray()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
