@testable import PostgresClient
import Testing
import TestSupport

/// `connect_timeout` and `application_name` defaults apply only when the connection string sets none.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct ConnectionOptionsTests {
    static let applicationName = PGStatement(name: "options.app", sql: "SELECT current_setting('application_name')")

    private func options(_ conninfo: String) throws -> (timeout: String?, application: String?) {
        let connection = try PGConnection(conninfo: conninfo)
        defer { connection.close() }
        return (connection.connectionOption("connect_timeout"), try connection.execute(Self.applicationName).string(0, 0))
    }

    /// The test URL rewritten in key=value form.
    private func keyValueForm() throws -> String {
        let connection = try PGConnection(conninfo: TestDatabase.url())
        defer { connection.close() }
        return ["host", "port", "user", "dbname"].compactMap { key in
            connection.connectionOption(key).map { "\(key)=\($0)" }
        }.joined(separator: " ")
    }

    private func uri(adding query: String) throws -> String {
        let url = try TestDatabase.url()
        return url + (url.contains("?") ? "&" : "?") + query
    }

    @Test func uriWithoutSettingsGetsTheDefaults() throws {
        let (timeout, application) = try options(TestDatabase.url())
        #expect(timeout == "2")
        #expect(application == ConnectionParameters.processName)
        #expect(application?.isEmpty == false)
    }

    @Test func uriSettingsWin() throws {
        let (timeout, application) = try options(uri(adding: "connect_timeout=5&application_name=custom_app"))
        #expect(timeout == "5")
        #expect(application == "custom_app")
    }

    @Test func keyValueFormGetsTheDefaultsAndKeepsItsSettings() throws {
        let plain = try keyValueForm()
        #expect(try options(plain).timeout == "2")
        let (timeout, application) = try options(plain + " connect_timeout=7 application_name=kv_app")
        #expect(timeout == "7")
        #expect(application == "kv_app")
    }
}
