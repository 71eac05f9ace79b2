import HTTPServer
import JSONCodec
import JobDomain
import ObjectStore

/// Export and import of job definitions as zip archives in the object store (dli-api.md §3.12–3.13).
/// Paths are object paths (`obs://bucket/dir` or `bucket/dir`) mapped below the store's root, which
/// is the project's own space (``scoped(to:)``) for every request.
struct TransferEndpoints: Sendable {
    let service: JobService
    /// The object store, the project's own space once ``scoped(to:)``.
    var store: FileObjectStore
    let clock: @Sendable () -> Int64

    /// What one export writes and one import reads (the same, so an export can always be imported).
    var limits = ArchiveLimits()
    /// How request bodies are parsed (their JSON depth limit).
    var requestBody = RequestBody(maxDepth: DLIRequestLimits().jsonMaxDepth)
    /// Imported jobs with an `smn_topic` are not imported when no alarm receiver is configured.
    var alarmTopics = AlarmTopicCheck()

    /// Jobs read per page while exporting every job: each holds its whole definition (SQL up to 1 Mi
    /// characters), so pages stay small.
    static let exportPageSize = 10

    /// `POST /v1.0/{project_id}/streaming/jobs/export`: writes one archive `<obs_dir>/<project_id>_<epoch_ms>.zip`.
    /// An unknown, deleted or foreign id in `job_selected` fails the whole request (400 `DLI.16001`)
    /// and nothing is written. Jobs are read one page at a time and counted against `limits` as they
    /// are added: an archive import would refuse is refused (400 `DLI.0009`) and nothing is written.
    func export(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> HTTPResponse
    {
        let body = try TransferRequests.export(try requestBody.object(of: request))
        if let kind = try storeCall("obs_dir", { () throws(ObjectStoreError) in try store.kind(of: body.directory) }),
            kind != .directory
        {
            throw .invalidParameter("obs_dir", "is not a directory")
        }
        let now = clock()
        var archive = JobArchiveBuilder(limits: limits, modifiedAtMillis: now)
        if let ids = body.selected {
            for id in ids { try archive.add(try awaitService { service.job(id, in: project, completion: $0) }) }
        } else {
            try addAllJobs(project, to: &archive)
        }
        let target = try writeFresh(archive.finish(), in: body.directory, project: project, now: now)
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "Exported \(archive.count) job(s).") { w in
            w.key("zip_file")
            w.beginArray()
            w.string(target.description)
            w.endArray()
        })
    }

    /// Adds every live top-level job of the project, oldest first, one page at a time.
    private func addAllJobs(_ project: ProjectID, to archive: inout JobArchiveBuilder) throws(APIError) {
        var query = JobListQuery()
        query.ascending = true
        query.limit = Self.exportPageSize
        var seen: Set<JobID> = []
        while true {
            let page = try awaitService { service.listDetails(query, in: project, completion: $0) }
            if page.totalCount > limits.maxJobs {
                throw APIError(
                    status: 400, code: DLIErrorCode.systemRestriction,
                    message: "An export holds at most \(limits.maxJobs) jobs; select jobs with is_selected.")
            }
            for job in page.jobs where seen.insert(job.id).inserted { try archive.add(job) }
            if page.jobs.count < query.limit { return }
            query.offset += page.jobs.count
        }
    }

    /// Writes `<dir>/<project>_<now>.zip`, or with a `_<n>` suffix when that name is taken; never
    /// replaces an existing object, even one written concurrently.
    private func writeFresh(_ bytes: [UInt8], in directory: ObjectPath, project: ProjectID, now: Int64)
        throws(APIError) -> ObjectPath
    {
        for attempt in 0..<100 {
            let name = attempt == 0 ? "\(project.rawValue)_\(now).zip" : "\(project.rawValue)_\(now)_\(attempt).zip"
            let path: ObjectPath
            do {
                path = try directory.appending(name)
            } catch {
                throw .invalidParameter("obs_dir", error.description)
            }
            do {
                try store.write(bytes, to: path, replacing: false)
                return path
            } catch .alreadyExists {
                continue
            } catch .io {
                throw APIError(status: 500, code: DLIErrorCode.serverError, message: "The object store cannot be accessed.")
            } catch {
                throw .invalidParameter("obs_dir", error.description)
            }
        }
        throw APIError(status: 500, code: DLIErrorCode.serverError, message: "No free archive name.")
    }

    /// Runs an object-store call; its errors name `field` (400 `DLI.0001`), I/O failures are 500.
    func storeCall<T>(_ field: String, _ body: () throws(ObjectStoreError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch .io {
            throw APIError(status: 500, code: DLIErrorCode.serverError, message: "The object store cannot be accessed.")
        } catch {
            throw .invalidParameter(field, error.description)
        }
    }
}
