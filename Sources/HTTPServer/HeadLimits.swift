/// The checks made on a request's head in the first access-handler call: URL length, header count and
/// header size, and the body limit of the request's route.
enum HeadLimits {
    /// The first limit `state` breaks, or nil.
    static func violation(of state: RequestState, context: ServerContext) -> HTTPServerError? {
        if state.rawTarget.count > context.maxURLBytes { return .urlTooLong(limit: context.maxURLBytes) }
        if state.headers.count > context.maxHeaderCount { return .tooManyHeaders(limit: context.maxHeaderCount) }
        var bytes = 0
        for field in state.headers { bytes += field.name.utf8.count + field.value.utf8.count }
        if bytes > context.maxHeaderBytes { return .headersTooLarge(limit: context.maxHeaderBytes) }
        return nil
    }

    /// The body limit of `route`, capped to the server's.
    static func bodyLimit(of route: RequestRoute, context: ServerContext) -> Int {
        guard let limit = route.maxBodyBytes else { return context.maxBodyBytes }
        return max(0, min(limit, context.maxBodyBytes))
    }
}
