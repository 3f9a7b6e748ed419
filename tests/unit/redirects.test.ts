import { describe, expect, it } from "vitest";
import { HOME_PATH, sameOriginPath } from "@/lib/redirects";

describe("the callback after sign-in stays on the app", () => {
  it.each([
    ["/users?q=zhang", "/users?q=zhang"],
    ["/billing/licenses/abc#subscriptions", "/billing/licenses/abc#subscriptions"],
    ["/users/../audit", "/audit"],
    ["/%09/host", "/%09/host"],
    // Only the normalized path is used, never the raw text a browser would resolve differently.
    ["https:/evil.example", "/evil.example"],
  ])("a path of the app, %j, is kept as %j", (target, expected) => {
    expect(sameOriginPath(target)).toBe(expected);
  });

  it.each([
    "/\\evil.example/x",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\/evil.example",
    "//evil.example/x",
    "\\\\evil.example",
    " //evil.example",
    "https://evil.example/x",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:evil.example",
  ])("%j goes to the Licenses page instead", (target) => {
    expect(sameOriginPath(target)).toBe(HOME_PATH);
  });

  it.each([undefined, null, "", []])("nothing (%j) goes to the Licenses page", (target) => {
    expect(sameOriginPath(target)).toBe(HOME_PATH);
  });

  it("the first of repeated parameters counts", () => {
    expect(sameOriginPath(["/audit", "//evil.example"])).toBe("/audit");
  });
});
