import Testing

@testable import DLIAPI

/// `ArchiveBudget`: what one export or import request has used of its limits, checked before each entry.
@Suite struct ArchiveBudgetTests {
    @Test func admitsUpToEachLimitExactlyAndCountsNothingItRefuses() throws {
        var budget = ArchiveBudget(ArchiveLimits(maxJobs: 3, maxEntryBytes: 40, maxTotalBytes: 100))
        try budget.admit(entryBytes: 40)
        try budget.admit(entryBytes: 40)
        #expect(throws: ArchiveBudget.Exceeded.entryBytes(limit: 40)) { try budget.admit(entryBytes: 41) }
        #expect(throws: ArchiveBudget.Exceeded.totalBytes(limit: 100)) { try budget.admit(entryBytes: 21) }
        #expect(budget.jobs == 2 && budget.totalBytes == 80)
        try budget.admit(entryBytes: 20)
        #expect(budget.totalBytes == 100)
        #expect(throws: ArchiveBudget.Exceeded.jobs(limit: 3)) { try budget.admit(entryBytes: 0) }
    }

    @Test func theDefaultsAreWhatImportAlwaysAccepted() {
        let limits = ArchiveLimits()
        #expect(limits.maxJobs == 1000 && limits.maxEntryBytes == 8 << 20 && limits.maxTotalBytes == 64 << 20)
        #expect(limits.maxArchiveBytes == 64 << 20 && limits.maxArchives == 100)
        #expect(limits.zip.maxEntries == 1000 && limits.zip.maxEntryBytes == 8 << 20)
    }
}
