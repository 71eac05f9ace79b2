import SchemaMigrations

/// Three small migrations touching tables, indexes, constraints and a sequence.
enum Fixtures {
    static let files: [String: String] = [
        "0001_create_widgets.up.sql": """
            CREATE TABLE widgets (
                id bigserial PRIMARY KEY,
                name text NOT NULL CONSTRAINT widgets_name_key UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """,
        "0001_create_widgets.down.sql": "DROP TABLE widgets;\n",
        "0002_index_widgets_by_created.up.sql": "CREATE INDEX widgets_by_created_at ON widgets (created_at);\n",
        "0002_index_widgets_by_created.down.sql": "DROP INDEX widgets_by_created_at;\n",
        "0003_add_widget_state.up.sql": """
            ALTER TABLE widgets ADD COLUMN state text NOT NULL DEFAULT 'new'
                CONSTRAINT widgets_state_check CHECK (state IN ('new', 'done'));
            CREATE TABLE widget_events (widget_id bigint NOT NULL REFERENCES widgets (id), at timestamptz NOT NULL);
            """,
        "0003_add_widget_state.down.sql": "DROP TABLE widget_events;\nALTER TABLE widgets DROP COLUMN state;\n",
    ]

    /// A directory with the fixture files plus any `extra` (and without the names in `without`).
    static func directory(extra: [String: String] = [:], without: [String] = []) -> TemporaryDirectory {
        var files = Self.files.merging(extra) { $1 }
        for name in without { files[name] = nil }
        return TemporaryDirectory(files)
    }

    /// The fixture migrations, loaded.
    static func set(extra: [String: String] = [:], without: [String] = []) throws(MigrationError) -> MigrationSet {
        let directory = directory(extra: extra, without: without)
        defer { directory.remove() }
        return try MigrationSet.load(directory: directory.path)
    }
}
