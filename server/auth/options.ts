import "server-only";
import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { clientAddress, isSignInBlocked, RATE_LIMITED, recordFailedSignIn, recordSuccessfulSignIn } from "./rate-limit";

const credentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(3).max(256),
  password: z.string().min(1).max(1024),
});

// Verifying unknown accounts against a real hash keeps their timing equal to known ones.
let dummyHash: Promise<string> | undefined;

async function authenticate(raw: unknown, address: string): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  if (await isSignInBlocked(username, address)) {
    await transaction((tx) => recordAudit(tx, null, { action: "signIn", targetType: "user", result: "denied", detail: `${username} (rate limited, ${address})` }));
    throw new Error(RATE_LIMITED);
  }
  const user = await transaction((tx) =>
    tx.user.findUnique({
      where: { userPrincipalName: username },
      select: { id: true, displayName: true, userPrincipalName: true, passwordHash: true, deletedAt: true, accountEnabled: true, roles: { select: { role: true } } },
    }),
  );
  // Hashing runs outside the transaction so a sign-in never holds the database lock.
  const isValid = await verify(user?.passwordHash ?? (await (dummyHash ??= hash(randomUUID()))), password).catch(() => false);
  const isAllowed = !!user && isValid && !user.deletedAt && user.accountEnabled && user.roles.length > 0;
  const signedIn = await transaction(async (tx) => {
    if (!user || !isAllowed) {
      await recordAudit(tx, null, { action: "signIn", targetType: "user", targetId: user?.id, result: "failed", detail: `${username} (${address})` });
      return null;
    }
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const actor = { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, roles: [], preferredLocale: null };
    await recordAudit(tx, actor, { action: "signIn", targetType: "user", targetId: user.id });
    return { id: user.id, name: user.displayName, email: user.userPrincipalName };
  });
  if (signedIn) await recordSuccessfulSignIn(username);
  else await recordFailedSignIn(username, address);
  return signedIn;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "License Center",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      authorize: (credentials, request) => authenticate(credentials, clientAddress(request?.headers)),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
