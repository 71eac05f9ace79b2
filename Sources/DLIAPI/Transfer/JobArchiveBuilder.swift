import JobDomain
import ZipArchive

/// Builds an export archive one job at a time, counting against the same `ArchiveLimits` import
/// applies, so an archive import would refuse is refused while it is built (and nothing is written).
/// Only the compressed archive is held, never every job.
struct JobArchiveBuilder {
    private var writer: ZipWriter
    private var budget: ArchiveBudget

    init(limits: ArchiveLimits, modifiedAtMillis: Int64) {
        writer = ZipWriter(modifiedAt: Int(modifiedAtMillis / 1000))
        budget = ArchiveBudget(limits)
    }

    /// The jobs added so far.
    var count: Int { budget.jobs }

    /// Adds `<job_id>.json`.
    /// - Throws: 400 `DLI.0009` (system restriction, naming `job_selected`) when the archive would pass a limit; 500 when
    ///   the archive cannot be built.
    mutating func add(_ job: Job) throws(APIError) {
        let body = JobDefinitionBody.write(job)
        do {
            try budget.admit(entryBytes: body.count)
        } catch {
            throw APIError(
                status: 400, code: DLIErrorCode.systemRestriction, message: Self.describe(error, job: job.id))
        }
        do {
            try writer.add(name: "\(job.id.rawValue).json", contents: body)
        } catch {
            throw APIError(status: 500, code: DLIErrorCode.serverError, message: "The archive cannot be built.")
        }
    }

    /// The finished archive.
    func finish() -> [UInt8] { writer.finish() }

    /// Why the export is refused, naming the fields that choose fewer jobs.
    private static func describe(_ exceeded: ArchiveBudget.Exceeded, job: JobID) -> String {
        let advice = "select fewer jobs with is_selected and job_selected"
        switch exceeded {
        case .jobs(let limit):
            return "An export holds at most \(limit) jobs; \(advice)."
        case .entryBytes(let limit):
            return "The definition of job \(job.rawValue) is larger than \(limit) bytes, more than an import "
                + "accepts; it cannot be exported."
        case .totalBytes(let limit):
            return "An export holds at most \(limit) bytes of job definitions uncompressed, as an import accepts "
                + "(passed at job \(job.rawValue)); \(advice)."
        }
    }
}
