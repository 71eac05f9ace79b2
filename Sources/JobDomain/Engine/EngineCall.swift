/// Runs one engine call and returns its outcome as a value, so reconciler code can record store changes
/// (which throw `JobError`) for each engine answer without mixing the two error types in one `do`.
func engineCall<T>(_ body: () throws(EngineError) -> T) -> Result<T, EngineError> {
    do {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}
