import { test as setup } from "@playwright/test";
import { ROLES, signIn, storageState, type RoleKey } from "./support";

for (const role of Object.keys(ROLES) as RoleKey[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLES[role]);
    await page.context().storageState({ path: storageState(role) });
  });
}
