/**
 * One scenario per mutation of the operations table (server/auth/operations.ts), on the demo
 * seed: what to call, and how to see that it changed the data. The role × mutation matrix and
 * the audit-atomicity test are built from it; a mutation added to the table without a scenario
 * here does not compile.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Mutation } from "@/server/auth/operations";
import type { Actor } from "@/server/actor";
import { endAllSessions, startSession } from "@/server/auth/sessions";
import { transaction } from "@/server/db";
import {
  assignLicenses,
  purchaseLicenses,
  reactivateSubscription,
  reduceQuantity,
  removeLicenses,
  removeLicensesInView,
  reclaimInactiveLicenses,
  setLowLicenseAlert,
  replaceLicenses,
  setAutoRenew,
} from "@/server/data/license-changes";
import { summaryOf } from "@/server/data/totals";
import { undoRemoval } from "@/server/data/undo";
import { createScimGroup } from "@/server/scim/groups";
import { createScimToken, revokeScimToken } from "@/server/scim/tokens";
import { addAppSecret, createApp, deleteApp, insertApp, revokeAppSecret } from "@/server/graph/apps";
import { allows } from "@/server/auth/operations";
import { createCalendarFeed } from "@/server/alerts/calendar";
import { saveAlertChoices, saveLocalePreference } from "@/server/data/preferences";
import { createWebhookEndpoint } from "@/server/data/webhooks";
import { createUser, deleteUsers, restoreUser, setSignIn, setUserRoles, updateUser } from "@/server/data/user-changes";
import { previewUserImport, runUserImport } from "@/server/data/user-import";
import type { Org } from "./org";

export interface Scenario {
  /** Runs the mutation as `actor`; returns the audit target id it should record. */
  run(actor: Actor): Promise<string | null>;
  /** Asserts the change is in the database. */
  changed(actor: Actor): Promise<void>;
}

async function assignedCount(org: Org, key: "e3" | "e5"): Promise<number> {
  return (await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId(key) }, select: { assignedCount: true } }))
    .assignedCount;
}

/** A live session of the actor's, for the sign-out scenarios. */
export async function sessionOf(actor: Actor): Promise<string> {
  return transaction(async (tx) =>
    startSession(tx, await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, securityVersion: true } }), "test"),
  );
}

export function mutationScenarios(org: Org): Record<Mutation, Scenario> {
  return {
    "license.assign": {
      async run(actor) {
        const productId = await org.productId("e5");
        expect(await assignLicenses(actor, { productId, userIds: [await org.userId("Allan Deyoung")] })).toEqual({
          assigned: 1,
          alreadyAssigned: 0,
        });
        return productId;
      },
      async changed() {
        expect(await assignedCount(org, "e5")).toBe(4);
        expect(
          await org.prisma.licenseAssignment.count({
            where: { productId: await org.productId("e5"), userId: await org.userId("Allan Deyoung") },
          }),
        ).toBe(1);
      },
    },
    "license.remove": {
      async run(actor) {
        const productId = await org.productId("e5");
        expect(await removeLicenses(actor, { productId, userIds: [await org.userId("Adele Vance")] })).toMatchObject({ removed: 1 });
        return productId;
      },
      async changed() {
        expect(await assignedCount(org, "e5")).toBe(2);
        expect(
          await org.prisma.licenseAssignment.count({
            where: { productId: await org.productId("e5"), userId: await org.userId("Adele Vance") },
          }),
        ).toBe(0);
      },
    },
    "license.replace": {
      async run(actor) {
        const [fromProductId, toProductId] = [await org.productId("e3"), await org.productId("e5")];
        expect(await replaceLicenses(actor, { fromProductId, toProductId, userIds: [await org.userId("Allan Deyoung")] })).toEqual({
          replaced: 1,
          alreadyHeld: 0,
          skipped: 0,
        });
        return toProductId;
      },
      async changed() {
        expect([await assignedCount(org, "e3"), await assignedCount(org, "e5")]).toEqual([10, 4]);
        const held = await org.prisma.licenseAssignment.findMany({
          where: { userId: await org.userId("Allan Deyoung"), productId: { in: [await org.productId("e3"), await org.productId("e5")] } },
          select: { productId: true },
        });
        expect(held).toEqual([{ productId: await org.productId("e5") }]);
      },
    },
    "license.undoRemove": {
      async run(actor) {
        // A role that may not undo is refused before anything is read (and nothing is set up).
        if (!allows(actor.roles, "license.undoRemove")) {
          await undoRemoval(actor, { eventId: "clnotaremoval0000000000" });
          return null;
        }
        const productId = await org.productId("e5");
        const { eventId } = await removeLicenses(actor, { productId, userIds: [await org.userId("Adele Vance")] });
        expect(await undoRemoval(actor, { eventId: eventId! })).toEqual({ restored: 1, skipped: 0, conflicts: 0 });
        return eventId;
      },
      async changed() {
        expect(await assignedCount(org, "e5")).toBe(3);
        expect(
          await org.prisma.licenseAssignment.count({
            where: { productId: await org.productId("e5"), userId: await org.userId("Adele Vance") },
          }),
        ).toBe(1);
      },
    },
    "license.removeInView": {
      async run(actor) {
        const productId = await org.productId("e3");
        expect(await removeLicensesInView(actor, { productId, q: "", filter: "needsLicense", expected: 3 })).toMatchObject({ removed: 3 });
        return productId;
      },
      async changed() {
        expect(await assignedCount(org, "e3")).toBe(8);
      },
    },
    "license.reclaimInactive": {
      async run(actor) {
        // A role that may not reclaim is refused before anything is read.
        if (!allows(actor.roles, "license.reclaimInactive")) {
          await reclaimInactiveLicenses(actor, { days: 30, productIds: [await org.productId("e3")], expected: 1 });
          return null;
        }
        const productIds = [await org.productId("e3"), await org.productId("e5")];
        // A user of the seed's who never signed in (an account months old) holds one of E3's licenses.
        expect(await reclaimInactiveLicenses(actor, { days: 30, productIds, expected: 1 })).toMatchObject({ removed: 1, products: 1 });
        return null;
      },
      async changed() {
        expect([await assignedCount(org, "e3"), await assignedCount(org, "e5")]).toEqual([10, 3]);
      },
    },
    "product.setLowLicenseAlert": {
      async run(actor) {
        const productId = await org.productId("e5");
        expect(await setLowLicenseAlert(actor, { productId, below: 3 })).toEqual({ below: 3 });
        return productId;
      },
      async changed() {
        const product = await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId("e5") } });
        expect(product.lowLicensesBelow).toBe(3);
      },
    },
    "scimToken.create": {
      async run(actor) {
        const { id, token } = await createScimToken(actor, { name: "Entra ID" });
        expect(token).toMatch(/^lcscim_/);
        return id;
      },
      async changed() {
        expect(await org.prisma.scimToken.count({ where: { name: "Entra ID", revokedAt: null } })).toBe(1);
      },
    },
    "scimToken.revoke": {
      async run(actor) {
        // A role that may not revoke is refused before anything is read.
        if (!allows(actor.roles, "scimToken.revoke")) {
          await revokeScimToken(actor, { tokenId: "clnotatoken000000000000" });
          return null;
        }
        const { id } = await createScimToken(actor, { name: "Okta" });
        expect(await revokeScimToken(actor, { tokenId: id })).toEqual({ revoked: true });
        return id;
      },
      async changed() {
        expect(await org.prisma.scimToken.count({ where: { name: "Okta", revokedAt: { not: null } } })).toBe(1);
      },
    },
    "app.create": {
      async run(actor) {
        const app = await createApp(actor, { name: "Onboarding", roles: ["LicenseAdmin"], secretDays: 180 });
        expect(app.clientSecret).toMatch(/^lcapp_/);
        return app.id;
      },
      async changed() {
        const app = await org.prisma.appRegistration.findFirstOrThrow({
          where: { name: "Onboarding" },
          select: { roles: true, secrets: true },
        });
        expect([app.roles, app.secrets.length]).toEqual(["LicenseAdmin", 1]);
      },
    },
    "app.addSecret": {
      async run(actor) {
        // A role that may not add a secret is refused before anything is read.
        if (!allows(actor.roles, "app.addSecret")) {
          await addAppSecret(actor, { appId: "clnotanapp0000000000000", secretDays: 90 });
          return null;
        }
        const { id } = await transaction((tx) => insertApp(tx, null, { name: "Rotated", roles: ["GlobalReader"], secretDays: 90 }));
        await addAppSecret(actor, { appId: id, secretDays: 365 });
        return id;
      },
      async changed() {
        expect(await org.prisma.appSecret.count({ where: { app: { name: "Rotated" } } })).toBe(2);
      },
    },
    "app.revokeSecret": {
      async run(actor) {
        if (!allows(actor.roles, "app.revokeSecret")) {
          await revokeAppSecret(actor, { secretId: "clnotasecret00000000000" });
          return null;
        }
        const { id, secretId } = await transaction((tx) =>
          insertApp(tx, null, { name: "Leaked", roles: ["GlobalReader"], secretDays: 90 }),
        );
        expect(await revokeAppSecret(actor, { secretId })).toEqual({ revoked: true });
        return id;
      },
      async changed() {
        expect(await org.prisma.appSecret.count({ where: { app: { name: "Leaked" }, revokedAt: { not: null } } })).toBe(1);
      },
    },
    "app.delete": {
      async run(actor) {
        if (!allows(actor.roles, "app.delete")) {
          await deleteApp(actor, { appId: "clnotanapp0000000000000" });
          return null;
        }
        const { id } = await transaction((tx) => insertApp(tx, null, { name: "Retired", roles: ["GlobalReader"], secretDays: 90 }));
        expect(await deleteApp(actor, { appId: id })).toEqual({ deleted: true });
        return id;
      },
      async changed() {
        expect(await org.prisma.appRegistration.count({ where: { name: "Retired" } })).toBe(0);
        expect(await org.prisma.appSecret.count({ where: { app: { name: "Retired" } } })).toBe(0);
      },
    },
    "group.provision": {
      async run(actor) {
        const group = await createScimGroup(actor, { displayName: "Finance", members: [{ value: await org.userId("Adele Vance") }] });
        return group.id;
      },
      async changed() {
        const group = await org.prisma.group.findFirstOrThrow({
          where: { displayName: "Finance" },
          select: { _count: { select: { members: true } } },
        });
        expect(group._count.members).toBe(1);
      },
    },
    "license.purchase": {
      async run(actor) {
        const subscriptionId = await org.activeSubscriptionId("e5");
        expect(await purchaseLicenses(actor, { subscriptionId, quantity: 2, idempotencyKey: randomUUID() })).toMatchObject({
          quantity: 7,
          replayed: false,
        });
        return subscriptionId;
      },
      async changed() {
        const sub = await org.prisma.subscription.findUniqueOrThrow({
          where: { id: await org.activeSubscriptionId("e5") },
          select: { quantity: true },
        });
        expect(sub.quantity).toBe(7);
        expect(await org.prisma.order.count()).toBe(1);
      },
    },
    "subscription.reduce": {
      async run(actor) {
        const subscriptionId = await org.activeSubscriptionId("exo");
        expect(await reduceQuantity(actor, { subscriptionId, newQuantity: 20, confirm: false })).toEqual({ quantity: 20, conflicts: 0 });
        return subscriptionId;
      },
      async changed() {
        const sub = await org.prisma.subscription.findUniqueOrThrow({
          where: { id: await org.activeSubscriptionId("exo") },
          select: { quantity: true, reducedAt: true },
        });
        // No excess: the 90-day window does not start.
        expect(sub).toEqual({ quantity: 20, reducedAt: null });
      },
    },
    "subscription.reactivate": {
      async run(actor) {
        // Business Premium's subscription in its Expired grace (the cause of its conflicts in the seed).
        const expired = await org.prisma.subscription.findFirstOrThrow({
          where: { product: { skuPartNumber: "SPB" }, endsAt: { lt: new Date() }, autoRenew: false },
          orderBy: { endsAt: "desc" },
        });
        const { endsAt } = await reactivateSubscription(actor, { subscriptionId: expired.id });
        expect(endsAt.getTime()).toBeGreaterThan(Date.now());
        return expired.id;
      },
      async changed() {
        const productId = (await org.prisma.product.findUniqueOrThrow({ where: { skuPartNumber: "SPB" } })).id;
        // Nothing of Business Premium is left in its grace: the reactivated licenses are valid again.
        expect(await transaction((tx) => summaryOf(tx, productId))).toMatchObject({ expired: 0 });
      },
    },
    "subscription.setAutoRenew": {
      async run(actor) {
        const subscriptionId = await org.activeSubscriptionId("e5");
        expect(await setAutoRenew(actor, { subscriptionId, autoRenew: false })).toEqual({ autoRenew: false });
        return subscriptionId;
      },
      async changed() {
        const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: await org.activeSubscriptionId("e5") } });
        expect(sub.autoRenew).toBe(false);
      },
    },
    "user.create": {
      async run(actor) {
        const result = await createUser(actor, {
          displayName: "Nina Novak",
          userPrincipalName: "nina.novak@contoso.example",
          usageLocation: "NL",
          productIds: [],
        });
        expect(result).toMatchObject({ assigned: [], skipped: [] });
        return result.userId;
      },
      async changed() {
        const user = await org.prisma.user.findUnique({
          where: { userPrincipalName: "nina.novak@contoso.example" },
          select: { displayName: true, usageLocation: true, deletedAt: true },
        });
        expect(user).toEqual({ displayName: "Nina Novak", usageLocation: "NL", deletedAt: null });
      },
    },
    "user.import": {
      async run(actor) {
        const csv =
          "User Name,First Name,Last Name,Display Name,Job Title,Country or Region\r\nnina.novak@contoso.example,Nina,Novak,Nina Novak,Buyer,Netherlands\r\n";
        const { importId } = await previewUserImport(actor, { fileName: "users.csv", bytes: new TextEncoder().encode(csv) });
        expect(await runUserImport(actor, { importId })).toMatchObject({ created: 1, failed: 0 });
        return null;
      },
      async changed() {
        const user = await org.prisma.user.findUnique({
          where: { userPrincipalName: "nina.novak@contoso.example" },
          select: { displayName: true, givenName: true, familyName: true, jobTitle: true, usageLocation: true },
        });
        expect(user).toEqual({ displayName: "Nina Novak", givenName: "Nina", familyName: "Novak", jobTitle: "Buyer", usageLocation: "NL" });
      },
    },
    "user.delete": {
      async run(actor) {
        const userId = await org.userId("Grady Archie");
        expect(await deleteUsers(actor, { userIds: [userId] })).toEqual({ deleted: 1 });
        return userId;
      },
      async changed() {
        const user = await org.prisma.user.findUniqueOrThrow({
          where: { id: await org.userId("Grady Archie") },
          select: { deletedAt: true },
        });
        expect(user.deletedAt).toBeInstanceOf(Date);
        // Their E3 license is freed at once; the assignment is kept for a restore.
        expect(await assignedCount(org, "e3")).toBe(10);
        expect(await org.prisma.licenseAssignment.count({ where: { userId: await org.userId("Grady Archie") } })).toBe(1);
      },
    },
    "user.restore": {
      async run(actor) {
        const userId = await org.userId("Ben Walters");
        expect(await restoreUser(actor, { userId })).toEqual({ conflicts: [await org.productId("e3")] });
        return userId;
      },
      async changed() {
        const user = await org.prisma.user.findUniqueOrThrow({
          where: { id: await org.userId("Ben Walters") },
          select: { deletedAt: true },
        });
        expect(user.deletedAt).toBeNull();
        expect(await assignedCount(org, "e3")).toBe(12);
      },
    },
    "user.update": {
      async run(actor) {
        const userId = await org.userId("Lee Gu");
        expect(await updateUser(actor, { userId, displayName: "Lee Gu-Park", usageLocation: "NL", accountEnabled: false })).toEqual({
          changed: ["displayName", "usageLocation", "accountEnabled"],
        });
        return userId;
      },
      async changed() {
        const user = await org.prisma.user.findUniqueOrThrow({
          where: { id: await org.userId("Lee Gu-Park") },
          select: { usageLocation: true, accountEnabled: true },
        });
        expect(user).toEqual({ usageLocation: "NL", accountEnabled: false });
        // Blocking sign-in keeps the user's licenses.
        expect(await org.prisma.licenseAssignment.count({ where: { userId: await org.userId("Lee Gu-Park") } })).toBeGreaterThan(0);
      },
    },
    "user.setSignIn": {
      async run(actor) {
        const userId = await org.userId("Lee Gu");
        expect(await setSignIn(actor, { userIds: [userId], accountEnabled: false })).toEqual({ changed: 1, unchanged: 0 });
        return userId;
      },
      async changed() {
        const user = await org.prisma.user.findUniqueOrThrow({
          where: { id: await org.userId("Lee Gu") },
          select: { accountEnabled: true },
        });
        expect(user.accountEnabled).toBe(false);
        // Blocking sign-in keeps the user's licenses.
        expect(await org.prisma.licenseAssignment.count({ where: { userId: await org.userId("Lee Gu") } })).toBeGreaterThan(0);
      },
    },
    "user.setRoles": {
      async run(actor) {
        const userId = await org.userId("Lee Gu");
        expect(await setUserRoles(actor, { userId, roles: ["LicenseAdmin"] })).toEqual({ added: ["LicenseAdmin"], removed: [] });
        return userId;
      },
      async changed() {
        expect(await org.prisma.adminRole.findMany({ where: { userId: await org.userId("Lee Gu") }, select: { role: true } })).toEqual([
          { role: "LicenseAdmin" },
        ]);
      },
    },
    "user.setLocale": {
      async run(actor) {
        await saveLocalePreference(actor, "nl-NL");
        return actor.id;
      },
      async changed(actor) {
        expect(
          (await org.prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { preferredLocale: true } })).preferredLocale,
        ).toBe("nl-NL");
      },
    },
    "user.setAlerts": {
      async run(actor) {
        expect(await saveAlertChoices(actor, { shown: ["conflict.created", "conflict.deadline"], email: ["conflict.deadline"] })).toEqual({
          email: ["conflict.deadline"],
        });
        return actor.id;
      },
      async changed(actor) {
        const rows = await org.prisma.alertPreference.findMany({
          where: { userId: actor.id },
          orderBy: { kind: "asc" },
          select: { kind: true, email: true },
        });
        expect(rows).toEqual([
          { kind: "conflict.created", email: false },
          { kind: "conflict.deadline", email: true },
        ]);
      },
    },
    "user.setCalendar": {
      async run(actor) {
        const { token } = await createCalendarFeed(actor);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        return actor.id;
      },
      async changed(actor) {
        expect(await org.prisma.calendarFeed.count({ where: { userId: actor.id } })).toBe(1);
      },
    },
    "webhook.manage": {
      async run(actor) {
        const { endpointId, secret } = await createWebhookEndpoint(actor, {
          url: "https://hooks.contoso.example/license-center",
          description: "Ops",
          kinds: ["conflict.created"],
        });
        expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
        return endpointId;
      },
      async changed() {
        const endpoints = await org.prisma.webhookEndpoint.findMany({ select: { url: true, kinds: true, secret: true, enabled: true } });
        expect(endpoints).toEqual([
          {
            url: "https://hooks.contoso.example/license-center",
            kinds: '["conflict.created"]',
            secret: expect.stringMatching(/^v1\./),
            enabled: true,
          },
        ]);
      },
    },
    "session.revokeAll": {
      async run(actor) {
        await sessionOf(actor);
        await sessionOf(actor);
        expect(await endAllSessions(actor)).toEqual({ ended: 2 });
        return actor.id;
      },
      async changed(actor) {
        expect(await org.prisma.adminSession.count({ where: { userId: actor.id, revokedAt: null } })).toBe(0);
      },
    },
  };
}
