/// The per-request body limit hook of ``HTTPResponder``.
extension HTTPResponder {
    /// By default every request may carry up to ``HTTPServerConfiguration/maxBodyBytes``.
    public func maxBodyBytes(method: String, pathSegments: [PercentEncodedString]) -> Int? { nil }
}
