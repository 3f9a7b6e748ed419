import { z } from "zod";
import { CLOUDS } from "./cloud";
import { ROLES, type Role } from "./domain/roles";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default("file:./prisma/dev.db")
      .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
        message: "must be a SQLite file URL (file:./prisma/dev.db) or a postgresql:// URL",
      }),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)").optional(),
    NEXTAUTH_URL: z.url("must be an absolute URL such as http://localhost:3000").optional(),
    LICENSE_CENTER_CLOUD: z.enum(CLOUDS, { message: `must be one of ${CLOUDS.join(", ")}` }).default("worldwide"),
    REDIS_URL: z
      .url("must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379")
      .refine((url) => /^rediss?:\/\//.test(url), { message: "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379" })
      .optional(),
    RATE_LIMIT_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/i, "must be 1 to 40 letters, digits, - or _")
      .default("license-center"),
    // The Graph API's requests per minute per app registration (server/graph/http.ts); more answer 429.
    GRAPH_REQUESTS_PER_MINUTE: z.coerce
      .number({ message: "must be a whole number from 1 to 100000" })
      .int("must be a whole number from 1 to 100000")
      .min(1, "must be a whole number from 1 to 100000")
      .max(100_000, "must be a whole number from 1 to 100000")
      .default(1_200),
    // Where the help articles are (content/<locale>/<slug>.md); the repository's content/ by default.
    HELP_CONTENT_DIR: z.string().min(1).optional(),
    // Set by npm run bench for the servers it measures: serves its framework-floor page. Off in the app.
    LICENSE_CENTER_BENCHMARK: z.enum(["on", "off"], { message: "must be on or off" }).default("off"),
    // Alert emails (server/alerts/): an SMTP server, e.g. smtp://user:password@mail.example.com:587
    // (STARTTLS when offered) or smtps://…:465, and the sender, e.g. "License Center <alerts@contoso.com>".
    SMTP_URL: z
      .url("must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587")
      .refine((url) => /^smtps?:\/\//.test(url), {
        message: "must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587",
      })
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
        'must be an address such as alerts@contoso.com or "License Center <alerts@contoso.com>"',
      )
      .optional(),
    // The in-server scheduler that raises and delivers alerts; off for a server that only serves pages.
    ALERTS_SCHEDULER: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    ALERTS_INTERVAL_SECONDS: z
      .string()
      .regex(/^\d{1,4}$/, "must be a number of seconds from 5 to 3600")
      .default("60")
      .transform(Number)
      .refine((seconds) => seconds >= 5 && seconds <= 3600, { message: "must be a number of seconds from 5 to 3600" }),
    // Single sign-on for admins (server/auth/oidc.ts): an OpenID Connect provider found by
    // discovery from its issuer, and this app's registration with it.
    OIDC_ISSUER: z
      .url("must be the identity provider's issuer URL, such as https://login.microsoftonline.com/<tenant>/v2.0")
      .refine((url) => /^https?:\/\//.test(url), { message: "must be an http:// or https:// URL" })
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(4096).optional(),
    // The sign-in button's label: "Sign in with <OIDC_NAME>".
    OIDC_NAME: z.string().trim().min(1).max(60, "must be at most 60 characters").optional(),
    // The ID token claim that lists the user's roles or groups, and what each value means here.
    OIDC_ROLES_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:./-]{1,100}$/, "must be a claim name such as roles or groups")
      .optional(),
    OIDC_ROLE_MAP: z
      .string()
      .transform((text, ctx) => {
        const map: Record<string, Role> = {};
        for (const pair of text
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)) {
          const at = pair.lastIndexOf("=");
          const value = pair.slice(0, at).trim();
          const role = pair.slice(at + 1).trim();
          if (at <= 0 || !value || !(ROLES as readonly string[]).includes(role)) {
            ctx.addIssue({
              code: "custom",
              message: `must be claim values and roles such as "lc-global=GlobalAdmin,lc-billing=BillingAdmin" (roles: ${ROLES.join(", ")}); "${pair}" is not`,
            });
            return z.NEVER;
          }
          map[value] = role as Role;
        }
        return map;
      })
      .optional(),
    // Password sign-in, the break-glass way in; "off" once single sign-on is set up.
    PASSWORD_SIGN_IN: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    TRUSTED_PROXIES: z
      .string()
      .regex(/^\d{1,2}$/, "must be the number of reverse proxies in front of the app (0 when clients connect directly)")
      .default("0")
      .transform(Number),
  })
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
      }
      if (env.SMTP_URL && !env.MAIL_FROM) {
        ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required with SMTP_URL (the alert emails' sender)" });
      }
      if (env.OIDC_ISSUER) {
        for (const key of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "NEXTAUTH_URL"] as const)
          if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required with OIDC_ISSUER (single sign-on)" });
      } else {
        for (const key of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "OIDC_ROLES_CLAIM", "OIDC_ROLE_MAP"] as const)
          if (env[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "needs OIDC_ISSUER (single sign-on)" });
      }
      if (env.OIDC_ROLE_MAP && !env.OIDC_ROLES_CLAIM)
        ctx.addIssue({
          code: "custom",
          path: ["OIDC_ROLES_CLAIM"],
          message: "is required with OIDC_ROLE_MAP (the claim its values are in)",
        });
      if (env.OIDC_ROLES_CLAIM && !env.OIDC_ROLE_MAP)
        ctx.addIssue({ code: "custom", path: ["OIDC_ROLE_MAP"], message: "is required with OIDC_ROLES_CLAIM (what each value means)" });
      if (env.PASSWORD_SIGN_IN === "off" && !env.OIDC_ISSUER)
        ctx.addIssue({
          code: "custom",
          path: ["PASSWORD_SIGN_IN"],
          message: "can only be off with single sign-on set up (OIDC_ISSUER): nobody could sign in",
        });
      if (env.SMTP_URL && !env.NEXTAUTH_URL) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "is required with SMTP_URL (the alert emails link to the app)" });
      }
    },
    // Zod skips refinements once another field failed; run it anyway so one message names every bad variable.
    { when: ({ value }) => typeof value === "object" && value !== null },
  );

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the environment; throws one message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`License Center cannot start, the configuration is invalid:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
