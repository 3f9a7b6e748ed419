import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_MB } from "./lib/body-limit.mjs";

// The catalogs in messages/<locale>/<namespace>.json are precompiled at build time (next-intl's
// icu-minify): formatting a message then walks a small array instead of parsing ICU and
// stringifying its formats on every call, which was the largest cost of rendering a table row
// (docs/benchmarks.md). Tests and scripts that read the JSON directly see the ICU strings as written.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});
const isDev = process.env.NODE_ENV === "development";

// Next's hydration scripts are inline, so scripts need 'unsafe-inline'; 'unsafe-eval' only for
// the development server's hot reload. Nothing is framed, loaded or posted cross-origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // scripts/start.mjs compresses, with a faster level for the CSV exports (Next's own gzip has
  // one level for everything, and a route handler cannot send a body it encoded itself).
  compress: false,
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  experimental: {
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Served over https (TLS ends at the proxy in front, which says so): browsers then refuse plain
      // http for two years. Over plain http the header would be ignored anyway, so none is sent.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
