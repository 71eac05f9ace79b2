import HTTPServer
import JSONCodec
import JobDomain
import ObjectStore

extension TransferEndpoints {
    /// One line of the import response.
    struct Mapping {
        var oldID: Int64
        var newID: Int64
        var remark: String
    }

    /// `POST /v1.0/{project_id}/streaming/jobs/import`: every archive is read and every entry decoded
    /// before anything changes, so a malformed archive or entry imports nothing (400 `DLI.0001`
    /// naming `zip_file` and the entry), and neither does a request over `limits` (jobs and
    /// uncompressed bytes counted over all its archives). Then each archive is read again and each job
    /// created, skipped (`new_job_id` −1: the name exists and `is_cover` is false) or overwritten and
    /// set back to `job_init`, each in its own transaction; a job that may be live on an engine is not
    /// overwritten (−1 with a remark). Both passes hold one entry's contents at a time.
    func importJobs(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> HTTPResponse
    {
        let body = try TransferRequests.import(try requestBody.object(of: request))
        let checked = try checkArchives(try archives(at: body.source))
        var mappings: [Mapping] = []
        for archive in checked {
            try applyJobs(of: archive, project: project, cover: body.cover, context: context) { mappings.append($0) }
        }
        let imported = mappings.filter { $0.newID > 0 }.count
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "Imported \(imported) of \(mappings.count) job(s).") { w in
            w.key("job_mapping")
            w.beginArray()
            for m in mappings {
                w.beginObject()
                w.key("old_job_id"); w.int(m.oldID)
                w.key("new_job_id"); w.int(m.newID)
                w.key("remark"); w.string(m.remark)
                w.endObject()
            }
            w.endArray()
        })
    }

    /// The archive itself, or the `.zip` files of a folder that must hold nothing else.
    private func archives(at source: ObjectPath) throws(APIError) -> [ObjectPath] {
        switch try storeCall("zip_file", { () throws(ObjectStoreError) in try store.kind(of: source) }) {
        case nil:
            throw .invalidParameter("zip_file", "does not exist")
        case .file:
            return [source]
        case .other:
            throw .invalidParameter("zip_file", "is not a zip file or a folder")
        case .directory:
            let entries = try storeCall("zip_file") { () throws(ObjectStoreError) in try store.list(source) }
            guard !entries.isEmpty else { throw .invalidParameter("zip_file", "the folder is empty") }
            guard entries.count <= limits.maxArchives else {
                throw .invalidParameter("zip_file", "the folder holds more than \(limits.maxArchives) files")
            }
            var paths: [ObjectPath] = []
            for entry in entries {
                guard entry.kind == .file, entry.name.hasSuffix(".zip"), let path = try? source.appending(entry.name) else {
                    throw .invalidParameter("zip_file", "the folder must contain only .zip files ('\(entry.name.prefix(64))' is not one)")
                }
                paths.append(path)
            }
            return paths
        }
    }

    /// The second pass of an import for one checked archive: reads it again and applies its jobs one
    /// at a time, handing each outcome to `record`.
    /// - Throws: 400 `DLI.0001` naming `zip_file` when the archive is no longer the one checked (the
    ///   jobs of the archives before it stay imported); 503 when the database is unreachable.
    private func applyJobs(
        of checked: CheckedArchive, project: ProjectID, cover: Bool, context: RequestContext, record: (Mapping) -> Void
    ) throws(APIError) {
        let name = checked.path.description
        let archive = try JobArchiveReader(try readArchive(checked.path), archive: name, limits: limits)
        guard archive.jobEntries == checked.jobEntries else {
            throw .invalidParameter("zip_file", "'\(name)' changed during the import; import it again")
        }
        var budget = ArchiveBudget(limits)
        try archive.forEachDefinition(budget: &budget) { (definition) throws(APIError) in
            record(try apply(definition, project: project, cover: cover, context: context))
        }
    }

    /// Creates, skips or overwrites one job. Failures of this job alone become its remark; an
    /// unreachable database fails the request (jobs already imported stay).
    private func apply(_ definition: JobArchive.Definition, project: ProjectID, cover: Bool, context: RequestContext)
        throws(APIError) -> Mapping
    {
        let old = definition.oldID.rawValue
        let name = definition.job.name
        guard alarmTopics.accepts(definition.job) else {
            return Mapping(oldID: old, newID: -1, remark: "Not imported: smn_topic is set, but \(AlarmTopicCheck.reason).")
        }
        do {
            if let existing = try liveJob(named: name, project: project) {
                guard cover else {
                    return Mapping(oldID: old, newID: -1, remark: "A job named '\(name)' already exists; not imported (is_cover is false).")
                }
                _ = try Completion.wait { service.overwrite(existing, in: project, with: definition.job, context: context, completion: $0) }
                return Mapping(oldID: old, newID: existing.rawValue, remark: "Overwrote the job named '\(name)'; it is a draft (job_init) again.")
            }
            let job = try Completion.wait { service.create(definition.job, in: project, context: context, completion: $0) }
            return Mapping(oldID: old, newID: job.id.rawValue, remark: "Imported as a new job.")
        } catch .storeUnavailable {
            throw .serviceUnavailable
        } catch .internalError {
            throw APIError(JobError.internalError)
        } catch {
            return Mapping(oldID: old, newID: -1, remark: APIError(error).message)
        }
    }

    /// The id of the live top-level job with exactly this name, if any.
    private func liveJob(named name: String, project: ProjectID) throws(JobError) -> JobID? {
        var query = JobListQuery()
        query.name = name
        query.limit = JobLimits.listLimit.upperBound
        while true {
            let page = try Completion.wait { service.list(query, in: project, completion: $0) }
            if let job = page.jobs.first(where: { $0.name == name }) { return job.id }
            if page.jobs.count < query.limit { return nil }
            query.offset += page.jobs.count
        }
    }
}
