export const MIGRATIONS_TABLE = "_app_migrations";
