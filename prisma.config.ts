// Prisma CLI configuration. The app does not use the Prisma CLI to migrate (its native
// schema engine cannot be downloaded here): lib/db/migrate.ts applies prisma/migrations.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
