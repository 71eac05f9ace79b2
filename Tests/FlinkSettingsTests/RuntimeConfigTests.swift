import FlinkSettings
import Testing

/// `runtime_config`: the three spellings, the allow-list, and what it refuses.
struct RuntimeConfigTests {
    @Test func readsTheThreeSpellings() throws {
        let list = try RuntimeConfig(parsing: #"[{"key":"parallelism.default","value":"3"},{"key":"table.exec.state.ttl","value":60}]"#)
        #expect(list.settings.map(\.key) == ["parallelism.default", "table.exec.state.ttl"])
        #expect(list.settings.map(\.value) == ["3", "60"])
        let object = try RuntimeConfig(parsing: #"{"pipeline.name":"renamed"}"#)
        #expect(object.settings == [.init(key: "pipeline.name", value: "renamed")])
        let lines = try RuntimeConfig(parsing: "pipeline.name = a\nparallelism.default=2, pipeline.name=b")
        #expect(lines.settings.map(\.key) == ["parallelism.default", "pipeline.name"])
        #expect(lines.settings.last?.value == "b")
        #expect(try RuntimeConfig(parsing: nil).settings.isEmpty)
        #expect(try RuntimeConfig(parsing: "[]").settings.isEmpty)
    }

    /// Keys that name files, class paths, or change the cluster or its security are refused by name.
    @Test(arguments: [
        "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "pipeline.classpaths", "pipeline.jars",
        "execution.savepoint.path", "state.checkpoints.dir", "state.savepoints.dir", "state.backend.rocksdb.localdir",
        "taskmanager.memory.process.size", "high-availability.storageDir", "security.ssl.enabled", "env.java.opts.all",
        "classloader.resolve-order", "rest.port", "k",
    ])
    func refusesKeysOffTheList(_ key: String) {
        for text in [#"[{"key":"\#(key)","value":"file:///etc"}]"#, #"{"\#(key)":"file:///etc"}"#, "\(key)=file:///etc"] {
            #expect(throws: RuntimeConfigError.keyNotAllowed(key)) { try RuntimeConfig(parsing: text) }
        }
    }

    @Test func refusesMalformedTextAndBadValues() {
        #expect(throws: RuntimeConfigError.malformed) { try RuntimeConfig(parsing: "no equals sign") }
        #expect(throws: RuntimeConfigError.malformed) { try RuntimeConfig(parsing: #"[{"value":"x"}]"#) }
        #expect(throws: RuntimeConfigError.malformed) { try RuntimeConfig(parsing: "42") }
        #expect(throws: RuntimeConfigError.badValue("pipeline.name")) {
            try RuntimeConfig(parsing: #"{"pipeline.name":"a\u0001b"}"#)
        }
        #expect(throws: RuntimeConfigError.badValue("pipeline.name")) {
            try RuntimeConfig(parsing: #"{"pipeline.name":"\#(String(repeating: "x", count: 1025))"}"#)
        }
    }

    /// Every allowed key is job-level: none names a location (dir, path, jar, class) or a cluster part.
    @Test func noAllowedKeyNamesALocation() {
        for key in RuntimeConfigKeys.allowed {
            for word in ["dir", "path", "jar", "class", "storage", "security", "memory", "rest.", "high-availability"] {
                #expect(!key.contains(word), "\(key) contains \(word)")
            }
        }
    }
}
