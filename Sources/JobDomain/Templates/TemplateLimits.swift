/// Template limits (dli-api.md §3.16, §7). Where sources disagree, the more permissive one.
public enum TemplateLimits {
    /// OTC allows 64 characters, the SDK 57.
    public static let nameLength = 1...64
    public static let descriptionMaxLength = 2048
    /// OTC says 10,000 characters, the SDK 1024 × 1024 (the job limit).
    public static let sqlBodyMaxLength = 1024 * 1024
    /// Live templates per project ("at most 100 user templates").
    public static let maxPerProject = 100
    public static let listLimit = 0...100
    public static let listDefaultLimit = 10
}
