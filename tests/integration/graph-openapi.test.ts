/**
 * The Graph API's OpenAPI 3.1 description (/graph/openapi.json), as served, passes Redocly's
 * recommended lint rules with no error or warning, and names every endpoint the API routes.
 * @sqlite-only: it reads no database.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/graph/openapi.json/route";
import { GRAPH_ROUTES } from "@/server/graph/routes";

describe("/graph/openapi.json", () => {
  it("lints clean with npx redocly lint and describes every route", async () => {
    const response = GET(new Request("https://licenses.contoso.example/graph/openapi.json"));
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe("3.1.0");
    const described = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((key) => key !== "parameters")
        .map((method) => `${method.toUpperCase()} ${p}`),
    );
    const routed = [...GRAPH_ROUTES.map((r) => `${r.method} ${r.path.replace("[id]", "{id}")}`), "POST /$batch"].filter(
      (r) => r !== "GET /subscribedSkus/{id}",
    );
    expect(described.sort()).toEqual(routed.sort());
    const dir = mkdtempSync(path.join(tmpdir(), "license-center-openapi-"));
    try {
      const file = path.join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(document));
      const lint = spawnSync("npx", ["redocly", "lint", file], { encoding: "utf8" });
      const output = `${lint.stdout}${lint.stderr}`;
      expect(lint.status, output).toBe(0);
      expect(output).toContain("Your API description is valid");
      // Redocly's own notice that it will need Node.js 22 is not about the description.
      expect(output.replace(/Deprecation warning: Node\.js \d+ support is ending/, "")).not.toMatch(/warning/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
