import PostgresClient

/// A text snapshot of the `public` schema (tables, columns, indexes, constraints, sequences, views,
/// functions, types, triggers), without the migrator's own table, for before/after comparisons.
enum SchemaDump {
    static let query = """
        SELECT coalesce(string_agg(line, E'\\n' ORDER BY line), '') FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                   || ' default=' || coalesce(column_default, '-') AS line
              FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
            UNION ALL
            SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
              FROM pg_constraint
             WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
            UNION ALL
            SELECT 'sequence ' || sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'
            UNION ALL
            SELECT 'view ' || table_name || ': ' || view_definition FROM information_schema.views WHERE table_schema = 'public'
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'type ' || t.typname || ' ' || t.typtype::text FROM pg_type t
             WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
            UNION ALL
            SELECT 'trigger ' || tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal
        ) AS schema
        """

    static func of(_ connection: PGConnection) throws -> String {
        try connection.execute(unsafeSQL: query).string(0, 0) ?? ""
    }
}
