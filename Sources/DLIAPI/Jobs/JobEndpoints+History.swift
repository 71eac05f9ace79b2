import HTTPServer
import JobDomain

// The journal, the deleted jobs and restore: extensions beyond DLI (openapi `x-streamjobs-extension`).
// Each answers later, from the pipeline read or write's completion: no thread waits.
extension JobEndpoints {
    /// `GET /v1.0/{project_id}/streaming/jobs/{job_id}/journal`: a live or deleted job's transitions,
    /// newest first, paged with `cursor` and `limit`.
    func journal(_ project: ProjectID, _ id: JobID, _ request: HTTPRequest) throws(APIError) -> EndpointAnswer {
        let q = QueryParameters(request)
        let scope = ["journal", project.rawValue, String(id.rawValue)]
        var query = JournalQuery(limit: try Self.pageLimit(q))
        if let text = try q.string("cursor", maxLength: 256) {
            query.beforeVersion = try cursors.decode(text, count: 1, scope: scope)[0]
        }
        return .later { [service, cursors, query] reply in
            service.journal(of: id, in: project, query: query) { outcome in
                reply(
                    outcome.map { page in
                        let next = page.next.map { cursors.encode([$0], scope: scope) }
                        return .json(status: 200, body: JobHistoryJSON.journal(id, page, nextCursor: next))
                    }.mapError(APIError.init))
            }
        }
    }

    /// `GET /v1.0/{project_id}/streaming/deleted-jobs`: filtered like the job list (`name`, `status` at
    /// deletion, `job_type`, `deleted_since`/`deleted_until` in epoch ms), newest deletion first, paged
    /// with `cursor` and `limit`. A cursor holds only for the filters that returned it.
    func deletedJobs(_ project: ProjectID, _ request: HTTPRequest) throws(APIError) -> EndpointAnswer {
        let q = QueryParameters(request)
        var query = DeletedJobListQuery()
        query.name = try q.string("name", maxLength: JobLimits.nameLength.upperBound)
        query.statusAtDelete = try q.choice("status", JobStatus.self)
        query.jobType = try q.choice("job_type", JobType.self)
        query.deletedSinceMillis = try q.int("deleted_since", range: Self.epochMillis)
        query.deletedUntilMillis = try q.int("deleted_until", range: Self.epochMillis)
        query.limit = try Self.pageLimit(q)
        let scope = [
            "deleted-jobs", project.rawValue, query.name ?? "", query.statusAtDelete?.rawValue ?? "",
            query.jobType?.rawValue ?? "", query.deletedSinceMillis.map(String.init) ?? "",
            query.deletedUntilMillis.map(String.init) ?? "",
        ]
        if let text = try q.string("cursor", maxLength: 256) {
            let position = try cursors.decode(text, count: 2, scope: scope)
            guard let id = JobID(position[1]) else { throw .invalidParameter("cursor", "is not a cursor this query returned") }
            query.after = DeletedJobPosition(deletedAtMicros: position[0], jobID: id)
        }
        return .later { [service, cursors, clock, query] reply in
            service.deletedJobs(query, in: project) { outcome in
                reply(
                    outcome.map { page in
                        let next = page.next.map { cursors.encode([$0.deletedAtMicros, $0.jobID.rawValue], scope: scope) }
                        return .json(status: 200, body: JobHistoryJSON.deletedJobs(page, nextCursor: next, now: clock()))
                    }.mapError(APIError.init))
            }
        }
    }

    /// `GET /v1.0/{project_id}/streaming/deleted-jobs/{job_id}`: the job as it was, with its deletion.
    /// A live job, or one of another project, is "does not exist".
    func deletedJob(_ project: ProjectID, _ id: JobID) -> EndpointAnswer {
        .later { [service, clock] reply in
            service.deletedJob(id, in: project) { outcome in
                reply(
                    outcome.map { deleted in
                        var response = HTTPResponse.json(status: 200, body: JobHistoryJSON.deletedJob(deleted, now: clock()))
                        response.headers.add(name: "ETag", value: IfMatchHeader.etag(deleted.job.version))  // for a restore's If-Match
                        return response
                    }.mapError(APIError.init))
            }
        }
    }

    /// `POST /v1.0/{project_id}/streaming/deleted-jobs/{job_id}/restore`: brings the job back stopped, with
    /// its savepoint; an optional body `{"name": …}` restores it under another name.
    func restoreJob(_ project: ProjectID, _ id: JobID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> EndpointAnswer
    {
        var name: String? = nil
        if !request.body.isEmpty {
            name = try requestBody.object(of: request).string("name", length: JobLimits.nameLength, singleLine: true)
        }
        return .later { [service, clock, name] reply in
            service.restore(id, in: project, as: name, context: context) { outcome in
                switch outcome {
                case .success(let job):
                    let now = clock()
                    reply(.success(.json(status: 200, body: SuccessBody.jobEnvelope(message: "The job is restored.", capacity: 1536) { w in
                        w.key("job_detail")
                        JobJSON.write(job, now: now, to: &w)
                    })))
                case .failure(.nameAlreadyExists(let taken)):
                    reply(.failure(APIError(
                        status: 400, code: DLIErrorCode.alreadyExists,
                        message: "A job named '\(taken)' already exists in this project; restore this job under "
                            + "another name with the body {\"name\": \"…\"}.")))
                case .failure(let error):
                    reply(.failure(APIError(error)))
                }
            }
        }
    }

    /// Epoch milliseconds accepted as times: from 1970 to the year 9999.
    static let epochMillis: ClosedRange<Int64> = 0...253_402_300_799_999

    /// `limit` of a cursor-paged read: 1 to 100, default 20.
    static func pageLimit(_ q: QueryParameters) throws(APIError) -> Int {
        let limits = CursorPageLimits.limit
        return Int(try q.int("limit", range: Int64(limits.lowerBound)...Int64(limits.upperBound)) ?? Int64(CursorPageLimits.defaultLimit))
    }
}
