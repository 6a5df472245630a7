import TuskMetadata

/// The PostgreSQL driver's module marker (replaced by the database itself).
enum PostgresModule {}
