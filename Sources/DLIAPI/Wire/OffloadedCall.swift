import JobDomain

/// Waits for an asynchronous service call through the one blocking bridge (`Completion.wait`) and maps
/// its error to DLI's. Only endpoints that `DLIResponder.offload` runs on the `BlockingExecutor` use
/// it; on a libmicrohttpd worker a debug build stops (`WaitRule`).
///
///     let page = try awaitService { service.list(query, in: project, completion: $0) }
func awaitService<T: Sendable>(
    _ start: (@escaping @Sendable (Result<T, JobError>) -> Void) -> Void
) throws(APIError) -> T {
    do {
        return try Completion.wait(start)
    } catch {
        throw APIError(error)
    }
}
