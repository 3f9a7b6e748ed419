import "server-only";
import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { clientAddress, RATE_LIMITED, reserveSignInAttempt, signInSucceeded } from "./rate-limit";
import { endSession, isSessionLive, SESSION_HOURS, startSession } from "./sessions";

/** What the sign-in form is told when something other than the password went wrong: a code, never a message. */
export const SIGN_IN_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE";

const credentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(3).max(256),
  password: z.string().min(1).max(1024),
});

// Verifying unknown accounts against a real hash keeps their timing equal to known ones.
let dummyHash: Promise<string> | undefined;

interface SignedIn {
  id: string;
  name: string;
  email: string;
  sid: string;
}

async function authenticate(raw: unknown, address: string): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  // The attempt is taken before the password is checked: concurrent guesses cannot exceed a limit.
  const attempt = await reserveSignInAttempt(username, address);
  if (!attempt) {
    await transaction((tx) =>
      recordAudit(tx, null, { action: "signIn", targetType: "user", result: "denied", detail: `${username} (rate limited, ${address})` }),
    );
    throw new Error(RATE_LIMITED);
  }
  const user = await transaction((tx) =>
    tx.user.findUnique({
      where: { userPrincipalName: username },
      select: {
        id: true,
        displayName: true,
        userPrincipalName: true,
        passwordHash: true,
        deletedAt: true,
        accountEnabled: true,
        securityVersion: true,
        roles: { select: { role: true } },
      },
    }),
  );
  // Hashing runs outside the transaction so a sign-in never holds the database lock.
  const isValid = await verify(user?.passwordHash ?? (await (dummyHash ??= hash(randomUUID()))), password).catch(() => false);
  const isAllowed = !!user && isValid && !user.deletedAt && user.accountEnabled && user.roles.length > 0;
  const signedIn = await transaction(async (tx) => {
    if (!user || !isAllowed) {
      await recordAudit(tx, null, {
        action: "signIn",
        targetType: "user",
        targetId: user?.id,
        result: "failed",
        detail: `${username} (${address})`,
      });
      return null;
    }
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const sid = await startSession(tx, user, address);
    await recordAudit(tx, user, { action: "signIn", targetType: "user", targetId: user.id, detail: address });
    return { id: user.id, name: user.displayName, email: user.userPrincipalName, sid };
  });
  if (signedIn) await signInSucceeded(attempt);
  return signedIn;
}

/** next-auth hands a thrown error's message to the browser: only codes may leave. */
async function authorizeSafely(raw: unknown, address: string): Promise<SignedIn | null> {
  try {
    return await authenticate(raw, address);
  } catch (error) {
    if (error instanceof Error && error.message === RATE_LIMITED) throw error;
    console.error("sign-in failed:", error);
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}

export const authOptions: NextAuthOptions = {
  // The cookie's own lifetime; the session row's absolute end (SESSION_HOURS) is what counts.
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "License Center",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      authorize: (credentials, request) => authorizeSafely(credentials, clientAddress(request?.headers)),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { sub: user.id, name: user.name, email: user.email, sid: (user as Partial<SignedIn>).sid };
      // Refreshing the cookie (/api/auth/session) only keeps a live session: an ended one is emptied.
      if (typeof token.sid === "string" && token.sub && (await isSessionLive(token.sid, token.sub))) return token;
      return {};
    },
    session({ session, token }) {
      if (!token.sub || typeof token.sid !== "string") return { expires: session.expires };
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string" && token.sub) await endSession(token.sid, token.sub);
    },
  },
};
