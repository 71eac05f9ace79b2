import ArgumentParser
import Logging
import PostgresClient
import SchemaMigrations

/// `streamjobs serve`: runs the HTTP service in the foreground until SIGINT or SIGTERM.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the DLI job API.")

    @Option(help: "Seconds in-flight requests get to finish on shutdown (default: STREAMJOBS_SHUTDOWN_GRACE_SECONDS, 10).")
    var gracePeriod: Int?

    func run() throws {
        let config = try ConfigurationLoader.service()
        let logger = Logger.streamJobs(level: config.logLevel, format: config.logFormat)
        let migrations = try ConfigurationLoader.migrations(config.migrationsDirectory)
        try SchemaCheck(databaseURL: config.databaseURL, migrations: migrations, logger: logger).atStartup()
        TerminationSignals.block()
        if config.batchScheduling && !BatchScheduling.enable() {
            logger.warning("SCHED_BATCH refused by the kernel; running under the default policy")
        }
        let runtime: ServiceRuntime
        do {
            runtime = try ServiceRuntime(configuration: config, logger: logger)
        } catch let error as ConfigurationError {
            Console.error(error.description)  // the object root cannot be created or is not a folder
            throw ExitCode(2)
        }
        logger.notice(
            "listening", metadata: ["http.url": "http://\(config.http.host):\(runtime.port)", "config": "\(config)"])
        let signal = TerminationSignals.wait()
        logger.notice("shutting down", metadata: ["signal": "\(signal)"])
        runtime.shutdown(gracePeriod: .seconds(gracePeriod ?? config.shutdownGraceSeconds))
    }
}
