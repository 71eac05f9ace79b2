import PostgresClient

/// A text snapshot of the `public` schema (tables, columns in order, indexes, constraints, sequences, views,
/// functions with their bodies, types, enum labels, triggers, extensions, comments), without the migrator's own table, for before/after comparisons.
enum SchemaDump {
    static let query = """
        SELECT coalesce(string_agg(line, E'\\n' ORDER BY line), '') FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type || ' null=' || is_nullable
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
            SELECT 'function ' || p.oid::regprocedure::text || ' body=' || md5(p.prosrc) FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'type ' || t.typname || ' ' || t.typtype::text FROM pg_type t
             WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL
            SELECT 'enum ' || t.typname || ' ' || e.enumsortorder || ' ' || e.enumlabel FROM pg_enum e
              JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'extension ' || extname FROM pg_extension
            UNION ALL
            SELECT 'comment ' || c.relname || ': ' || d.description FROM pg_description d
              JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
             WHERE c.relnamespace = 'public'::regnamespace
        ) AS schema
        """

    static func of(_ connection: PGConnection) throws -> String {
        try connection.execute(unsafeSQL: query).string(0, 0) ?? ""
    }
}
