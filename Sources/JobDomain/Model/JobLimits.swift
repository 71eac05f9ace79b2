/// DLI's documented input limits (dli-api.md §3.1, §7). Where sources disagree, the more permissive one.
public enum JobLimits {
    public static let nameLength = 1...57
    public static let descriptionMaxLength = 2048
    public static let queueNameMaxLength = 128
    public static let sqlBodyMaxLength = 1024 * 1024
    public static let cuNumber = 1...400
    public static let parallelNumber = 1...2000
    public static let managerCuNumber = 1...400
    public static let tmCus = 1...400
    public static let tmSlotNum = 1...2000
    public static let checkpointInterval = 1...86_400
    public static let idleStateRetention = 1...Int(Int32.max)
    public static let tagCount = 0...20
    public static let tagKeyLength = 1...128
    public static let tagValueLength = 1...255
    /// Generic cap for free-text option strings (paths, class names, JSON options).
    public static let optionMaxLength = 8192
    public static let listLimit = 0...100
    public static let listDefaultLimit = 10
}
