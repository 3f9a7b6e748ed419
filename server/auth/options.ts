import "server-only";
import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { env } from "@/lib/env";
import { admitOidcUser, OIDC_PROVIDER_ID, oidcProvider, type OidcClaims, type OidcUser } from "./oidc";
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

const oidc = oidcProvider();

export const authOptions: NextAuthOptions = {
  // The cookie's own lifetime; the session row's absolute end (SESSION_HOURS) is what counts.
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    // With PASSWORD_SIGN_IN=off there is no password sign-in at all: a posted password finds no provider.
    ...(env().PASSWORD_SIGN_IN === "on"
      ? [
          CredentialsProvider({
            name: "License Center",
            credentials: { username: { type: "text" }, password: { type: "password" } },
            authorize: (credentials, request) => authorizeSafely(credentials, clientAddress(request?.headers)),
          }),
        ]
      : []),
    ...(oidc ? [oidc] : []),
  ],
  callbacks: {
    /**
     * Single sign-on: the provider vouched for the user (next-auth checked the ID token); License
     * Center decides whether they may in, and as whom. A refusal goes back to the sign-in page
     * with its reason; a success carries the License Center user, and its session, to the cookie.
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      try {
        const admitted = await admitOidcUser(profile as OidcClaims, "single sign-on");
        if (typeof admitted === "string") return `${env().NEXTAUTH_URL ?? ""}/sign-in?error=${admitted}`;
        // Without an adapter, next-auth hands this same object to the jwt callback.
        Object.assign(user, admitted satisfies OidcUser);
        return true;
      } catch (error) {
        console.error("single sign-on failed:", error);
        return `${env().NEXTAUTH_URL ?? ""}/sign-in?error=${SIGN_IN_UNAVAILABLE}`;
      }
    },
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
  logger: {
    /**
     * next-auth's own refusals (a state or nonce that doesn't match, an ID token with the wrong
     * issuer or audience, expired, or badly signed; a code the provider won't redeem) happen
     * before License Center's callbacks: they are audited here, as failed sign-ins, with the
     * reason. Everything is still written to the server's log.
     */
    error(code, metadata) {
      console.error(`[next-auth][error][${code}]`, metadata);
      if (!code.startsWith("OAUTH_CALLBACK")) return;
      const error = metadata instanceof Error ? metadata : metadata.error;
      const reason = (error?.message ?? code).replace(/\s+/g, " ").slice(0, 300);
      void transaction((tx) =>
        recordAudit(tx, null, { action: "signIn", targetType: "user", result: "failed", detail: `single sign-on: ${code}: ${reason}` }),
      ).catch((failure: unknown) => console.error("auditing a failed single sign-on failed:", failure));
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string" && token.sub) await endSession(token.sid, token.sub);
    },
  },
};
