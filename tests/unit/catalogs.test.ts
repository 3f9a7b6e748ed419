/**
 * Message catalogs (messages/<locale>/<namespace>.json, next-intl / ICU MessageFormat):
 * every locale has exactly the en-US keys, every value is a non-empty string that parses as ICU,
 * uses the same arguments as en-US and keeps the plural/select branches that matter; and every
 * static key the code asks for exists in en-US.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/cloud";
import { CLIENT_NAMESPACES, NAMESPACES, type ClientScope } from "@/i18n/messages";
import { OPERATION_NAMES, SYSTEM_EVENTS } from "@/server/auth/operations";
import { ERROR_CODES } from "@/server/errors";

const REPO = path.resolve(__dirname, "../..");
const REFERENCE = "en-US";
const TRANSLATED = LOCALES.filter((locale) => locale !== REFERENCE);

type Json = unknown;

function catalogPath(locale: string, ns: string): string {
  return path.join(REPO, "messages", locale, `${ns}.json`);
}

/** The parsed catalog, or null when the file is missing (reported by its own test). */
function readCatalog(locale: string, ns: string): Json | null {
  const file = catalogPath(locale, ns);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as Json;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf values by dotted key path ("columns.product"); nested objects are namespaces, not leaves. */
function flatten(value: Json, prefix = "", out = new Map<string, Json>()): Map<string, Json> {
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** What a message uses, collected from its ICU syntax tree. */
interface MessageShape {
  /** Argument names ({name}, {count, plural, …}, {date, date}, …). */
  args: Set<string>;
  /** Rich-text tag names (<b>…</b>), compared like arguments. */
  tags: Set<string>;
  /** Plural argument name → option keys seen ("=0", "one", "other", …). */
  pluralKeys: Map<string, Set<string>>;
  /** Plural argument names whose branches use `#`. */
  pounds: Set<string>;
  /** Select argument name → option keys seen. */
  selectKeys: Map<string, Set<string>>;
}

function shapeOf(message: string): MessageShape {
  const shape: MessageShape = { args: new Set(), tags: new Set(), pluralKeys: new Map(), pounds: new Set(), selectKeys: new Map() };
  const add = (map: Map<string, Set<string>>, name: string, keys: string[]) => {
    const set = map.get(name) ?? new Set<string>();
    for (const key of keys) set.add(key);
    map.set(name, set);
  };
  const walk = (elements: MessageFormatElement[], plural: string | null) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          shape.args.add(element.value);
          break;
        case TYPE.pound:
          if (plural) shape.pounds.add(plural);
          break;
        case TYPE.tag:
          shape.tags.add(element.value);
          walk(element.children, plural);
          break;
        case TYPE.select:
          shape.args.add(element.value);
          add(shape.selectKeys, element.value, Object.keys(element.options));
          for (const option of Object.values(element.options)) walk(option.value, plural);
          break;
        case TYPE.plural:
          shape.args.add(element.value);
          add(shape.pluralKeys, element.value, Object.keys(element.options));
          for (const option of Object.values(element.options)) walk(option.value, element.value);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message), null);
  return shape;
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** Every problem of one translated catalog compared with en-US, one line each (empty = fine). */
function compareCatalog(locale: string, reference: Map<string, Json>, translated: Map<string, Json>): string[] {
  const problems: string[] = [];
  const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
  for (const key of reference.keys()) if (!translated.has(key)) problems.push(`missing key: ${key}`);
  for (const key of translated.keys()) if (!reference.has(key)) problems.push(`extra key: ${key}`);
  for (const [key, value] of translated) {
    if (typeof value !== "string" || value.trim() === "") {
      problems.push(`${key}: not a non-empty string (${JSON.stringify(value)})`);
      continue;
    }
    let shape: MessageShape;
    try {
      shape = shapeOf(value);
    } catch (error) {
      problems.push(`${key}: invalid ICU message (${(error as Error).message})`);
      continue;
    }
    const source = reference.get(key);
    if (typeof source !== "string") continue;
    let expected: MessageShape;
    try {
      expected = shapeOf(source);
    } catch {
      continue; // reported by the en-US test
    }
    if (sorted(shape.args).join() !== sorted(expected.args).join()) {
      problems.push(`${key}: arguments {${sorted(shape.args).join(", ")}} differ from en-US {${sorted(expected.args).join(", ")}}`);
    }
    if (sorted(shape.tags).join() !== sorted(expected.tags).join()) {
      problems.push(`${key}: tags <${sorted(shape.tags).join(", ")}> differ from en-US <${sorted(expected.tags).join(", ")}>`);
    }
    for (const [name, keys] of expected.selectKeys) {
      const actual = shape.selectKeys.get(name);
      if (actual && sorted(actual).join() !== sorted(keys).join()) {
        problems.push(`${key}: select {${name}} options [${sorted(actual).join(", ")}] differ from en-US [${sorted(keys).join(", ")}]`);
      }
    }
    for (const [name, keys] of expected.pluralKeys) {
      const actual = shape.pluralKeys.get(name);
      if (!actual) continue; // the argument check above reports it when it disappeared entirely
      for (const exact of keys)
        if (exact.startsWith("=") && !actual.has(exact)) problems.push(`${key}: plural {${name}} lost the exact match ${exact}`);
      // A category en-US distinguishes that this language also has (nl/de "one") must stay, or "1 Lizenzen" shows.
      for (const category of keys)
        if (!category.startsWith("=") && category !== "other" && categories.has(category) && !actual.has(category))
          problems.push(`${key}: plural {${name}} has no "${category}" branch`);
      if (expected.pounds.has(name) && !shape.pounds.has(name)) problems.push(`${key}: plural {${name}} never shows the number (#)`);
    }
    for (const [name, keys] of shape.pluralKeys) {
      for (const category of keys) {
        if (!category.startsWith("=") && !["zero", "one", "two", "few", "many", "other"].includes(category))
          problems.push(`${key}: plural {${name}} has an unknown category "${category}"`);
      }
    }
  }
  return problems;
}

describe("en-US catalogs", () => {
  it.each([...NAMESPACES])("messages/en-US/%s.json exists with valid, non-empty ICU messages", (ns) => {
    const catalog = readCatalog(REFERENCE, ns);
    expect(catalog, `messages/${REFERENCE}/${ns}.json is missing`).not.toBeNull();
    const problems: string[] = [];
    for (const [key, value] of flatten(catalog)) {
      if (typeof value !== "string" || value.trim() === "") problems.push(`${key}: not a non-empty string`);
      else {
        try {
          shapeOf(value);
        } catch (error) {
          problems.push(`${key}: invalid ICU message (${(error as Error).message})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(TRANSLATED)("%s catalogs", (locale) => {
  it.each([...NAMESPACES])(`messages/${locale}/%s.json matches en-US (keys, strings, ICU arguments)`, (ns) => {
    const reference = readCatalog(REFERENCE, ns);
    const translated = readCatalog(locale, ns);
    expect(translated, `messages/${locale}/${ns}.json is missing`).not.toBeNull();
    expect(compareCatalog(locale, flatten(reference), flatten(translated))).toEqual([]);
  });

  it("keeps the app name and the language names (endonyms) as in en-US", () => {
    const reference = readCatalog(REFERENCE, "common") as Record<string, Json>;
    const translated = readCatalog(locale, "common") as Record<string, Json> | null;
    expect(translated?.appName).toBe(reference.appName);
    expect(translated?.locales).toEqual(reference.locales);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Keys used by the code. Heuristic, static keys only: t(`x.${y}`) template keys are skipped.  */
/* ------------------------------------------------------------------------------------------ */

function sourceFiles(dir: string, extension: string): string[] {
  const root = path.join(REPO, dir);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(root, file));
}

/** Splits `a, f(b, c), [d]` at top-level commas. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if ("([{".includes(char)) depth++;
    if (")]}".includes(char)) depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

const TRANSLATOR = /^(?:await\s+)?(?:use|get)Translations\(\s*(?:["']([\w.-]+)["']|\{[^}]*namespace:\s*["']([\w.-]+)["'][^}]*\})\s*\)$/;

interface KeyUse {
  file: string;
  line: number;
  key: string;
}

/** Every `t("key")` whose `t` is bound to useTranslations("ns") / getTranslations("ns"), as "ns.key". */
function staticKeyUses(file: string): KeyUse[] {
  const source = readFileSync(file, "utf8");
  const lineOf = (index: number) => source.slice(0, index).split("\n").length;
  const bindings: { name: string; ns: string; at: number }[] = [];
  // const t = useTranslations("ns") / const t = await getTranslations("ns")
  for (const match of source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*((?:await\s+)?(?:use|get)Translations\([^)]*\))/g)) {
    const found = TRANSLATOR.exec(match[2]!.trim());
    const ns = found?.[1] ?? found?.[2];
    if (ns) bindings.push({ name: match[1]!, ns, at: match.index });
  }
  // const [actor, t, tc] = await Promise.all([requireActor(), getTranslations("users"), getTranslations("common")])
  for (const match of source.matchAll(/\b(?:const|let)\s+\[([^\]]*)\]\s*=\s*await\s+Promise\.all\(\s*\[([\s\S]*?)\]\s*\)/g)) {
    const names = splitTopLevel(match[1]!);
    const calls = splitTopLevel(match[2]!);
    names.forEach((name, index) => {
      const found = TRANSLATOR.exec(calls[index] ?? "");
      const ns = found?.[1] ?? found?.[2];
      if (ns && /^\w+$/.test(name)) bindings.push({ name, ns, at: match.index });
    });
  }
  const uses: KeyUse[] = [];
  // The nearest binding of a name before the call wins (functions in one file can rebind `t`).
  for (const name of new Set(bindings.map((binding) => binding.name))) {
    const own = bindings.filter((binding) => binding.name === name).sort((a, b) => a.at - b.at);
    for (const call of source.matchAll(new RegExp(`(?<![\\w.$])${name}(?:\\.(?:rich|markup|raw))?\\(\\s*(["'])([^"'\`]+)\\1`, "g"))) {
      const binding = own.filter((candidate) => candidate.at < call.index).at(-1);
      if (binding) uses.push({ file, line: lineOf(call.index), key: `${binding.ns}.${call[2]}` });
    }
  }
  // (await getTranslations("ns"))("key", …)
  for (const match of source.matchAll(/\(\s*await\s+getTranslations\(\s*["']([\w.-]+)["']\s*\)\s*\)\(\s*(["'])([^"'`]+)\2/g)) {
    uses.push({ file, line: lineOf(match.index), key: `${match[1]}.${match[3]}` });
  }
  return uses;
}

function lookup(messages: Record<string, Json>, dotted: string): Json | undefined {
  let node: Json = messages;
  for (const part of dotted.split(".")) {
    if (!isObject(node) || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

describe("keys used in the code", () => {
  const messages = Object.fromEntries(NAMESPACES.map((ns) => [ns, readCatalog(REFERENCE, ns)])) as Record<string, Json>;
  const files = [
    ...sourceFiles("app", ".tsx"),
    ...sourceFiles("app", ".ts"), // route handlers (CSV export) translate too
    ...sourceFiles("components", ".tsx"),
    ...sourceFiles("server", ".ts"),
  ];
  const uses = files.flatMap(staticKeyUses);

  it("finds translation calls to check (the scan still matches the code)", () => {
    expect(uses.length).toBeGreaterThan(100);
    const namespaces = new Set(uses.map((use) => use.key.split(".")[0]));
    // errors and validation are looked up with computed keys (t(code)); the two tests below cover them.
    for (const ns of ["common", "auth", "licenses", "product", "users", "audit", "export"]) expect(namespaces).toContain(ns);
  });

  it('every static t("key") exists in en-US as a message', () => {
    const missing = uses
      .filter((use) => typeof lookup(messages, use.key) !== "string")
      .map((use) => `${path.relative(REPO, use.file)}:${use.line} ${use.key}`);
    expect(missing).toEqual([]);
  });

  it("every error code has a message in errors.json", () => {
    expect(ERROR_CODES.filter((code) => typeof lookup(messages, `errors.${code}`) !== "string")).toEqual([]);
  });

  it("every audit action (each operation of the table, and the system events) has a name in audit.json", () => {
    const actions = [...OPERATION_NAMES, ...SYSTEM_EVENTS].map((action) => `audit.actions.${action.replace(/\./g, "_")}`);
    expect(actions.filter((key) => typeof lookup(messages, key) !== "string")).toEqual([]);
  });

  it("every validation message key used by the input schemas exists in validation.json", () => {
    const source = readFileSync(path.join(REPO, "lib", "validation.ts"), "utf8");
    const keys = new Set([...source.matchAll(/message:\s*["']([a-zA-Z]+)["']/g)].map((match) => match[1]!));
    expect(keys.size).toBeGreaterThan(0);
    expect([...keys].filter((key) => typeof lookup(messages, `validation.${key}`) !== "string")).toEqual([]);
  });
});

describe("namespaces sent to the browser", () => {
  /** The scope a client component renders in: the nearest layout that sets one (see the layouts). */
  function scopeOf(relative: string): ClientScope {
    if (relative.startsWith("app/(admin)/users/")) return "users";
    if (relative.startsWith("app/(admin)/billing/licenses/[productId]/")) return "product";
    if (relative.startsWith("app/(admin)/settings/")) return "settings";
    if (relative.startsWith("app/(admin)/billing/licenses/reclaim/")) return "reclaim";
    return "shell";
  }

  const clientFiles = [...sourceFiles("app", ".tsx"), ...sourceFiles("components", ".tsx")].filter((file) =>
    /^\s*["']use client["']/.test(readFileSync(file, "utf8")),
  );
  const uses = clientFiles.flatMap((file) => {
    const relative = path.relative(REPO, file);
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/useTranslations\(\s*(?:["']([\w.-]+)["'])?\s*\)/g)].map((match) => ({
      relative,
      namespace: match[1] ?? "",
    }));
  });

  it("finds the client components that translate (the scan still matches the code)", () => {
    expect(uses.length).toBeGreaterThan(10);
    expect(new Set(uses.map((use) => scopeOf(use.relative)))).toEqual(new Set(["shell", "users", "product", "settings", "reclaim"]));
  });

  it("every client component's namespace is in the scope it renders in", () => {
    const missing = uses
      .filter(({ relative, namespace }) => !(CLIENT_NAMESPACES[scopeOf(relative)] as readonly string[]).includes(namespace.split(".")[0]!))
      .map(({ relative, namespace }) => `${relative}: useTranslations("${namespace}") not in ${scopeOf(relative)}`);
    expect(missing).toEqual([]);
  });

  it.each([
    ["users", "app/(admin)/users/layout.tsx"],
    ["product", "app/(admin)/billing/licenses/[productId]/layout.tsx"],
    ["shell", "app/layout.tsx"],
    ["reclaim", "app/(admin)/billing/licenses/reclaim/layout.tsx"],
  ])("the %s scope is set by %s", (scope, layout) => {
    expect(readFileSync(path.join(REPO, layout), "utf8")).toContain(`<ClientMessages scope="${scope}">`);
  });

  it("every scope includes the shell's namespaces (a nested provider replaces, not merges)", () => {
    for (const namespaces of Object.values(CLIENT_NAMESPACES))
      expect(namespaces).toEqual(expect.arrayContaining([...CLIENT_NAMESPACES.shell]));
  });
});
