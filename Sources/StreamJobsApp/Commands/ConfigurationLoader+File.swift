import ArgumentParser

extension ConfigurationLoader {
    /// The process environment merged over the file `STREAMJOBS_CONFIG_FILE` names; prints the
    /// file's problems (one line each) and exits 2 when it is unreadable or malformed.
    static func environment() throws -> [String: String] {
        do {
            return try ConfigurationFile.merged(into: ProcessEnvironment.current())
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
