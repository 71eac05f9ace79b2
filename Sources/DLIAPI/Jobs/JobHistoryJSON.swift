import JSONCodec
import JobDomain

/// The bodies of the journal and deleted-jobs routes (extensions beyond DLI): DLI's success envelope,
/// snake_case keys, epoch-millisecond times, unset values as `null`.
enum JobHistoryJSON {
    /// `{"is_success":"true", …, "job_id":…, "entries":[…], "next_cursor":…}`.
    static func journal(_ id: JobID, _ page: CursorPage<JournalEntry, Int64>, nextCursor: String?) -> [UInt8] {
        SuccessBody.jobEnvelope(message: "The job journal is returned.", capacity: 256 + page.items.count * 384) { w in
            w.key("job_id"); w.int(id.rawValue)
            w.key("entries")
            w.beginArray()
            for entry in page.items { write(entry, to: &w) }
            w.endArray()
            w.field("next_cursor", nextCursor)
        }
    }

    static func write(_ e: JournalEntry, to w: inout JSONWriter) {
        w.beginObject()
        w.key("version"); w.int(e.version)
        w.key("recorded_at"); w.int(e.recordedAtMillis)
        w.key("event"); w.string(e.event)
        w.field("from_status", e.from?.rawValue)
        w.key("to_status"); w.string(e.to.rawValue)
        w.key("deleted"); w.bool(e.deleted)
        w.field("actor", e.actor)
        w.field("request_id", e.requestID)
        w.key("reason"); w.string(e.detail)
        w.field("engine_work", e.engineWork)
        w.field("engine_job_id", e.engineJobID)
        w.field("savepoint_path", e.savepointPath)
        w.endObject()
    }

    /// `{"is_success":"true", …, "deleted_jobs":[…], "next_cursor":…}`: each item a DLI list item plus its deletion.
    static func deletedJobs(
        _ page: CursorPage<DeletedJob<JobSummary>, DeletedJobPosition>, nextCursor: String?, now: Int64
    ) -> [UInt8] {
        SuccessBody.jobEnvelope(message: "Querying of the deleted jobs succeeds.", capacity: 256 + page.items.count * 896) { w in
            w.key("deleted_jobs")
            w.beginArray()
            for item in page.items {
                JobJSON.writeSummary(item.job, now: now, to: &w) { writeDeletion(item.deletion, to: &$0) }
            }
            w.endArray()
            w.field("next_cursor", nextCursor)
        }
    }

    /// `{"is_success":"true", …, "job_detail":{…}}`: the DLI job detail plus its deletion.
    static func deletedJob(_ job: DeletedJob<Job>, now: Int64) -> [UInt8] {
        SuccessBody.jobEnvelope(message: "Deleted job detail query succeeds.", capacity: 2048) { w in
            w.key("job_detail")
            JobJSON.write(job.job, now: now, to: &w) { writeDeletion(job.deletion, to: &$0) }
        }
    }

    /// The deletion's members. `purge_at` is null when the project keeps deleted jobs forever.
    static func writeDeletion(_ d: JobDeletion, to w: inout JSONWriter) {
        w.key("deleted_at"); w.int(d.deletedAtMillis)
        w.field("deleted_by", d.deletedBy)
        w.field("deleted_request_id", d.requestID)
        w.key("status_at_delete"); w.string(d.statusAtDelete.rawValue)
        w.key("purge_at")
        if let at = d.purgeAtMillis { w.int(at) } else { w.null() }
    }
}
