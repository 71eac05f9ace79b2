/// The default of the per-request routing hook of ``HTTPResponder``.
extension HTTPResponder {
    /// By default a request has no route of its own: no label, no match, and a body of up to
    /// ``HTTPServerConfiguration/maxBodyBytes``.
    public func route(method: String, pathSegments: [PercentEncodedString]) -> RequestRoute { RequestRoute() }
}
