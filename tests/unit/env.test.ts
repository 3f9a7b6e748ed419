import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const SECRET = "s".repeat(32);

function failure(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted an invalid environment");
}

describe("parseEnv", () => {
  it("fills the embedded defaults", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "file:./prisma/dev.db",
      LICENSE_CENTER_CLOUD: "worldwide",
      RATE_LIMIT_PREFIX: "license-center",
      GRAPH_REQUESTS_PER_MINUTE: 1200,
      LICENSE_CENTER_BENCHMARK: "off",
      ALERTS_SCHEDULER: "on",
      ALERTS_INTERVAL_SECONDS: 60,
      PASSWORD_SIGN_IN: "on",
      TRUSTED_PROXIES: 0,
    });
  });

  it.each<[string, Record<string, string>]>([
    ["production with a secret", { NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }],
    ["a PostgreSQL URL", { DATABASE_URL: "postgresql://localhost:5432/test" }],
    ["a postgres:// URL", { DATABASE_URL: "postgres://u@127.0.0.1/db" }],
    ["the 21Vianet cloud", { LICENSE_CENTER_CLOUD: "21vianet" }],
    ["the germany cloud", { LICENSE_CENTER_CLOUD: "germany" }],
    ["an absolute NEXTAUTH_URL", { NEXTAUTH_URL: "http://localhost:3000" }],
    ["a Redis URL", { REDIS_URL: "redis://127.0.0.1:6379" }],
    ["a TLS Redis URL", { REDIS_URL: "rediss://cache.example:6380/2" }],
    ["a rate-limit key prefix", { RATE_LIMIT_PREFIX: "lc-prod_2" }],
    [
      "an SMTP server with a sender and the app's URL",
      {
        SMTP_URL: "smtp://alerts:secret@mail.contoso.com:587",
        MAIL_FROM: "License Center <alerts@contoso.com>",
        NEXTAUTH_URL: "https://lc.contoso.com",
      },
    ],
    [
      "an SMTPS server and a bare sender",
      { SMTP_URL: "smtps://mail.contoso.com:465", MAIL_FROM: "alerts@contoso.com", NEXTAUTH_URL: "https://lc.contoso.com" },
    ],
    ["the scheduler off", { ALERTS_SCHEDULER: "off" }],
  ])("accepts %s", (_label, source) => {
    expect(parseEnv(source)).toMatchObject(source);
  });

  it.each([
    ["0", 0],
    ["1", 1],
    ["2", 2],
  ])("TRUSTED_PROXIES=%s is %i proxy hops", (value, hops) => {
    expect(parseEnv({ TRUSTED_PROXIES: value }).TRUSTED_PROXIES).toBe(hops);
  });

  it.each<[string, Record<string, string>, string]>([
    ["an unknown cloud", { LICENSE_CENTER_CLOUD: "mars" }, "  - LICENSE_CENTER_CLOUD: must be one of worldwide, germany, 21vianet"],
    ["production without a secret", { NODE_ENV: "production" }, "  - NEXTAUTH_SECRET: is required in production"],
    ["a short secret", { NEXTAUTH_SECRET: "short" }, "  - NEXTAUTH_SECRET: must be at least 32 characters"],
    [
      "a MySQL DATABASE_URL",
      { DATABASE_URL: "mysql://localhost/db" },
      "  - DATABASE_URL: must be a SQLite file URL (file:./prisma/dev.db) or a postgresql:// URL",
    ],
    ["a bare path as DATABASE_URL", { DATABASE_URL: "./prisma/dev.db" }, "  - DATABASE_URL: must be a SQLite file URL"],
    ["a relative NEXTAUTH_URL", { NEXTAUTH_URL: "/sign-in" }, "  - NEXTAUTH_URL: must be an absolute URL"],
    ["an unknown NODE_ENV", { NODE_ENV: "staging" }, "  - NODE_ENV:"],
    ["an HTTP URL as REDIS_URL", { REDIS_URL: "http://127.0.0.1:6379" }, "  - REDIS_URL: must be a redis:// or rediss:// URL"],
    ["a host name as REDIS_URL", { REDIS_URL: "127.0.0.1" }, "  - REDIS_URL: must be a redis:// or rediss:// URL"],
    ["a word as TRUSTED_PROXIES", { TRUSTED_PROXIES: "yes" }, "  - TRUSTED_PROXIES: must be the number of reverse proxies"],
    ["a negative TRUSTED_PROXIES", { TRUSTED_PROXIES: "-1" }, "  - TRUSTED_PROXIES: must be the number of reverse proxies"],
    ["a prefix with spaces", { RATE_LIMIT_PREFIX: "my app" }, "  - RATE_LIMIT_PREFIX: must be 1 to 40 letters"],
    ["an HTTP URL as SMTP_URL", { SMTP_URL: "http://mail.contoso.com" }, "  - SMTP_URL: must be an smtp:// or smtps:// URL"],
    [
      "SMTP_URL without MAIL_FROM",
      { SMTP_URL: "smtp://mail.contoso.com", NEXTAUTH_URL: "https://lc.contoso.com" },
      "  - MAIL_FROM: is required with SMTP_URL",
    ],
    [
      "SMTP_URL without NEXTAUTH_URL",
      { SMTP_URL: "smtp://mail.contoso.com", MAIL_FROM: "a@contoso.com" },
      "  - NEXTAUTH_URL: is required with SMTP_URL",
    ],
    ["a sender that is no address", { MAIL_FROM: "License Center" }, "  - MAIL_FROM: must be an address such as"],
    [
      "a header injected into the sender",
      { MAIL_FROM: "a@contoso.com\r\nBcc: x@evil.example" },
      "  - MAIL_FROM: must be an address such as",
    ],
    [
      "an alert interval of 1 second",
      { ALERTS_INTERVAL_SECONDS: "1" },
      "  - ALERTS_INTERVAL_SECONDS: must be a number of seconds from 5 to 3600",
    ],
    ["the scheduler maybe", { ALERTS_SCHEDULER: "maybe" }, "  - ALERTS_SCHEDULER: must be on or off"],
  ])("refuses %s with a message naming the variable", (_label, source, line) => {
    const message = failure(source);
    expect(message.startsWith("License Center cannot start, the configuration is invalid:\n")).toBe(true);
    expect(message).toContain(line);
  });

  it("names every bad variable in one message, one line each", () => {
    const message = failure({ NODE_ENV: "production", LICENSE_CENTER_CLOUD: "mars", DATABASE_URL: "mysql://x" });
    const lines = message.split("\n").slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line.match(/^ {2}- ([A-Z_]+):/)?.[1]).sort()).toEqual([
      "DATABASE_URL",
      "LICENSE_CENTER_CLOUD",
      "NEXTAUTH_SECRET",
    ]);
  });

  it("a secret of 32 characters is enough in production", () => {
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).NEXTAUTH_SECRET).toBe(SECRET);
    expect(failure({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET.slice(1) })).toContain(
      "NEXTAUTH_SECRET: must be at least 32 characters",
    );
  });
});
