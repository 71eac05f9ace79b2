import Testing

@testable import ZipArchive

/// Archives made by other tools read back, and ours pass their checks.
@Suite struct ZipInteropTests {
    @Test(.enabled(if: ExternalTool.available("python3")))
    func readsADeflatedZipMadeByPythonZipfile() throws {
        let tool = try ExternalTool()
        defer { tool.remove() }
        let script = """
            import zipfile
            with zipfile.ZipFile("py.zip", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("1.json", '{"name":"a","sql_body":"' + 'SELECT 1 ' * 500 + '"}')
                z.writestr("dir/2.json", "{}")
                z.writestr("stored.txt", "plain", compress_type=zipfile.ZIP_STORED)
                z.writestr("empty", "")
            """
        let result = try tool.run(["python3", "-c", script])
        #expect(result.status == 0, "\(result.output)")
        let entries = try ZipReader.entries(of: try tool.read("py.zip"))
        #expect(entries.map(\.name) == ["1.json", "dir/2.json", "stored.txt", "empty"])
        #expect(String(decoding: entries[0].contents, as: UTF8.self).hasPrefix(#"{"name":"a","sql_body":"SELECT 1 SELECT 1"#))
        #expect(entries[0].contents.count == 24 + 9 * 500 + 2)
        #expect(entries[2].contents == Array("plain".utf8) && entries[3].contents.isEmpty)
    }

    @Test(.enabled(if: ExternalTool.available("zip")))
    func readsAZipMadeByInfoZip() throws {
        let tool = try ExternalTool()
        defer { tool.remove() }
        try tool.write("a.json", Array(String(repeating: "{\"k\":1}\n", count: 200).utf8))
        try tool.run(["mkdir", "sub"])
        try tool.write("sub/b.json", Array("[]".utf8))
        let result = try tool.run(["zip", "-r", "-q", "made.zip", "a.json", "sub"])
        #expect(result.status == 0, "\(result.output)")
        let entries = try ZipReader.entries(of: try tool.read("made.zip"))
        #expect(entries.map(\.name) == ["a.json", "sub/", "sub/b.json"])
        #expect(entries[1].isDirectory)
        #expect(entries[0].contents.count == 8 * 200)
        // From a pipe, zip writes data descriptors (sizes after the data): read from the central directory.
        let piped = try tool.run(["sh", "-c", "printf 'streamed data streamed data' | zip -q -fz- piped.zip -"])
        #expect(piped.status == 0, "\(piped.output)")
        #expect(try ZipReader.entries(of: try tool.read("piped.zip")).first?.contents == Array("streamed data streamed data".utf8))
        // By default zip marks a piped archive zip64, which is refused with a clear error.
        try tool.run(["sh", "-c", "printf 'x' | zip -q piped64.zip -"])
        #expect(readError(try tool.read("piped64.zip")) == .zip64Unsupported)
    }

    @Test(.enabled(if: ExternalTool.available("python3")))
    func pythonAcceptsWhatWeWrite() throws {
        let tool = try ExternalTool()
        defer { tool.remove() }
        var writer = ZipWriter(modifiedAt: 1_700_000_000)
        try writer.add(name: "12.json", contents: Array(String(repeating: "{\"a\":\"b\"}", count: 300).utf8))
        try writer.add(name: "x/ü.json", contents: Array("tiny".utf8))
        try writer.add(name: "empty.json", contents: [])
        try tool.write("ours.zip", writer.finish())
        let test = try tool.run(["python3", "-m", "zipfile", "-t", "ours.zip"])
        #expect(test.status == 0 && test.output.contains("Done testing"), "\(test.output)")
        let script = """
            import zipfile
            z = zipfile.ZipFile("ours.zip")
            for i in z.infolist():
                print(i.filename, i.compress_type, i.file_size, i.date_time, len(z.read(i)))
            """
        let listing = try tool.run(["python3", "-c", script])
        #expect(listing.status == 0, "\(listing.output)")
        let lines = listing.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "12.json 8 2700 (2023, 11, 14, 22, 13, 20) 2700")
        #expect(lines[1] == "x/ü.json 0 4 (2023, 11, 14, 22, 13, 20) 4")
        if ExternalTool.available("unzip") {
            let unzip = try tool.run(["unzip", "-t", "ours.zip"])
            #expect(unzip.status == 0, "\(unzip.output)")
        }
    }
}
