import DLIAPI
import Glibc
import HTTPServer
import JSONCodec
import JobDomain
import Logging
import ObjectStore

/// One fuzz input, run against the request router, path and query validation, percent-decoding, the JSON
/// parser and writer, and every request decoder (through the DLI responder with a store that refuses).
///
/// Input layout: byte 0 picks the mode (even: an HTTP request, odd: a bare JSON document); for a request,
/// the text up to the first `\n` is `METHOD TARGET`, and the rest is the body. Any finding traps:
/// a 5xx other than the store's 503, a response body that is not JSON, or a JSON round trip that changes
/// the value.
enum FuzzHarness {
    /// The responder under test: a fresh object-store folder, a repository that finds nothing and
    /// cannot write, default limits, no authentication.
    static let responder: DLIResponder = {
        var template = Array("/tmp/streamjobs-fuzz-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let store = try! FileObjectStore(root: root)
        let logger = Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }
        return DLIResponder(
            service: JobService(repository: EmptyJobStore(), templates: EmptyTemplateStore()), logger: logger,
            templates: TemplateService(repository: EmptyTemplateStore()), objectStore: store)
    }()

    static func run(_ input: [UInt8]) {
        guard let mode = input.first else { return }
        let rest = Array(input.dropFirst())
        if mode & 1 == 1 {
            json(rest)
        } else {
            request(rest, contentType: mode & 2 == 0 ? "application/json" : nil)
        }
    }

    /// Parse; when that succeeds, write and parse again: the value must survive unchanged.
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes, maxDepth: 64) else { return }
        let written = value.serialized()
        guard let again = try? JSONParser.parse(written, maxDepth: 64) else {
            fatalError("JSONWriter output does not parse")
        }
        if again != value { fatalError("JSON round trip changed the value") }
    }

    static func request(_ bytes: [UInt8], contentType: String?) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let line = bytes[..<newline]
        let body = newline < bytes.endIndex ? Array(bytes[(newline + 1)...]) : []
        let space = line.firstIndex(of: UInt8(ascii: " ")) ?? line.endIndex
        let method = String(decoding: line[..<space], as: UTF8.self)
        let target = space < line.endIndex ? Array(line[(space + 1)...]) : Array("/".utf8)
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        let text = String(decoding: target, as: UTF8.self)
        // Routed from the head first, as the server does, and answered on that route.
        let route = responder.route(method: method, pathSegments: HTTPRequest(method: method, target: text).pathSegments)
        let request = HTTPRequest(method: method, target: text, headers: headers, body: body, requestID: "fuzz", route: route)
        let response = responder.answer(request).response()
        if response.status >= 500 && response.status != 503 {
            fatalError("status \(response.status) for a hostile request")
        }
        if !response.body.isEmpty, (try? JSONParser.parse(response.body)) == nil {
            fatalError("response body is not JSON")
        }
    }
}

/// A job store with no jobs that cannot write: lookups find nothing, writes and lists report the store
/// unavailable (503), so every request is validated but none changes anything. Every call completes
/// before returning.
struct EmptyJobStore: JobRepository {
    func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func find(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void) {
        completion(.success(nil))
    }
    func snapshot(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void) {
        completion(.success(nil))
    }
    func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext,
        completion: @escaping @Sendable (Result<(CommitOutcome, updatedAtMillis: Int64), JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func list(
        _ query: JobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func listDetails(
        _ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
}

/// The template counterpart of ``EmptyJobStore``.
struct EmptyTemplateStore: TemplateRepository {
    func insert(
        _ template: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext,
        completion: @escaping @Sendable (Result<Template?, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func find(_ id: TemplateID, project: ProjectID, completion: @escaping @Sendable (Result<Template?, JobError>) -> Void) {
        completion(.success(nil))
    }
    func update(
        _ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64?, JobError>) -> Void
    ) { completion(.success(nil)) }
    func delete(
        _ id: TemplateID, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void
    ) { completion(.success(false)) }
    func list(
        _ query: TemplateListQuery, project: ProjectID, completion: @escaping @Sendable (Result<TemplatePage, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
}
