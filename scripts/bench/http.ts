/**
 * The HTTP half of the benchmark: start `next start` against a database, sign in through the
 * next-auth credentials flow, load pages with autocannon on loopback, sample the server's memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { stats, type Stats } from "./stats";

export async function freePort(from = 3200): Promise<number> {
  for (let port = from; port < from + 500; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

export interface Server {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The production server (`npm start`'s scripts/start.mjs) in its own process group (stopped with it); resolves once it answers. */
export async function startServer(cwd: string, port: number, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [path.join(cwd, "scripts", "start.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd,
    // The same heap cap as `npm start` (package.json), unless the caller sets its own.
    env: { NODE_OPTIONS: "--max-old-space-size=256", ...process.env, ...env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/sign-in`, { redirect: "manual" });
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, baseUrl, stop };
}

function setCookies(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";", 1);
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in over HTTP (next-auth credentials flow) and returns the Cookie header of the session. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  setCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password, json: "true", callbackUrl: `${baseUrl}/billing/licenses` }),
  });
  setCookies(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in as ${username} failed (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`);
  }
  return cookieHeader(jar);
}

/** A /proc/<pid>/status field (VmRSS, VmHWM) summed over a process and its descendants, in kB. */
export function treeStatusKb(rootPid: number, field: "VmRSS" | "VmHWM"): number {
  return treeStatus(rootPid, field).total;
}

/** The field per process of the tree: the total and the largest single process (the next-server). */
export function treeStatus(rootPid: number, field: "VmRSS" | "VmHWM"): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      const pid = Number(entry);
      rss.set(pid, kb);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* exited */
    }
  }
  let total = 0;
  let largest = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    largest = Math.max(largest, rss.get(pid) ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, largest };
}

/**
 * Samples the server's memory every 200 ms: `peakMb` is the highest resident total of the process
 * tree (the `next start` launcher and the next-server it runs), `serverPeakMb` of its largest process.
 */
export function memorySampler(pid: number) {
  let peakKb = 0;
  let serverPeakKb = 0;
  const sample = () => {
    const { total, largest } = treeStatus(pid, "VmRSS");
    peakKb = Math.max(peakKb, total);
    serverPeakKb = Math.max(serverPeakKb, largest);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    get peakMb() {
      return peakKb / 1024;
    },
    get serverPeakMb() {
      return serverPeakKb / 1024;
    },
    stop: () => clearInterval(timer),
  };
}

export interface PageTarget {
  name: string;
  path: string;
  /** Text the page must contain (proves it rendered signed in, not the sign-in page). */
  expect: string;
}

export interface LoadResult extends Stats {
  name: string;
  path: string;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  bytes: number;
  peakRssMb: number;
  /** One connection, one request at a time: the page's own response time. */
  single: Stats & { rps: number };
}

function fire(url: string, cookie: string, connections: number, duration: number, record?: number[]): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers: { cookie } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (record) instance.on("response", (_client, _status, _bytes, responseTime) => record.push(responseTime));
  });
}

/** Checks the page answers 200 with its content (signed in), warms it up; returns its HTML size. */
export async function preparePage(
  baseUrl: string,
  cookie: string,
  target: PageTarget,
  options: { duration: number; connections: number },
): Promise<number> {
  const url = baseUrl + target.path;
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(target.expect)) {
    throw new Error(
      `${target.path}: HTTP ${res.status}, expected text "${target.expect}" ${body.includes(target.expect) ? "found" : "missing"}`,
    );
  }
  await fire(url, cookie, options.connections, Math.min(2, Math.max(1, Math.round(options.duration / 5))));
  return Buffer.byteLength(body);
}

export interface SingleSamples {
  latencies: number[];
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
}

/** One connection, one request at a time, for `seconds`: adds the response times to `into`. */
export async function measureSingle(
  baseUrl: string,
  cookie: string,
  target: PageTarget,
  seconds: number,
  into: SingleSamples,
): Promise<void> {
  const result = await fire(baseUrl + target.path, cookie, 1, seconds, into.latencies);
  into.requests += result.requests.total;
  into.seconds += seconds;
  into.errors += result.errors + result.timeouts;
  into.non2xx += result.non2xx;
}

/** The page under `connections` concurrent connections for `duration` seconds, with the server's memory sampled. */
export async function loadPage(
  baseUrl: string,
  cookie: string,
  target: PageTarget,
  single: SingleSamples,
  bytes: number,
  options: { duration: number; connections: number; serverPid: number },
): Promise<LoadResult> {
  const sampler = memorySampler(options.serverPid);
  const latencies: number[] = [];
  const result = await fire(baseUrl + target.path, cookie, options.connections, options.duration, latencies);
  sampler.stop();
  return {
    name: target.name,
    path: target.path,
    ...stats(latencies),
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + single.errors,
    non2xx: result.non2xx + single.non2xx,
    bytes,
    peakRssMb: sampler.peakMb,
    single: { ...stats(single.latencies), rps: single.requests / single.seconds },
  };
}
