@testable import SchemaMigrations
import Testing

@Suite struct MigrationFileNameTests {
    @Test func validNames() {
        #expect(MigrationFileName("0001_create_jobs.up.sql") == .init(version: 1, name: "create_jobs", direction: .up))
        #expect(MigrationFileName("0042_x2.down.sql") == .init(version: 42, name: "x2", direction: .down))
    }

    @Test(arguments: [
        "1_init.up.sql", "00001_init.up.sql", "0001-init.up.sql", "0001_Init.up.sql", "0001_.up.sql", "0001_init.sql",
        "0001_init.UP.sql", "0000_init.up.sql", "abcd_init.up.sql", "0001_in it.up.sql", "0001_init.sideways.sql",
    ])
    func invalidNames(_ name: String) {
        #expect(MigrationFileName(name) == nil)
    }
}
