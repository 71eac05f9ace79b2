import ArgumentParser

/// `streamjobs`: the service and its admin commands.
public struct StreamJobsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "streamjobs",
        abstract: "A DLI-compatible job service for Apache Flink.",
        discussion: "Configuration comes from STREAMJOBS_* environment variables; see config/streamjobs.env.example.",
        subcommands: [ServeCommand.self, MigrateCommand.self, CredentialsCommand.self, AuditCommand.self])

    public init() {}
}
