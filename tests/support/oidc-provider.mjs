// A real OpenID provider for the single sign-on tests: the npm `oidc-provider` package (OpenID
// Certified), on loopback, with one client (License Center) and the accounts the test gives.
// Its development login form takes any password; the account is the login typed. Consent is
// granted for this first-party client, as an organization's identity provider does.
//
//   node tests/support/oidc-provider.mjs <port> <redirect URI> '<accounts JSON>'
//
// Accounts: { "<login>": { "email": …, "name": …, "roles": [...], "email_verified"?: false } }.
// Prints "ready <issuer>" once it listens. OIDC_TEST_CLOCK_OFFSET_SECONDS sets the provider's
// clock that far off (e.g. -7200: two hours behind) while its token endpoint answers, so that the
// ID tokens it issues there have expired already: the expiry test. (Only there: its login pages'
// cookies would expire at once.) A second client, "another-app" (same secret and redirect
// URI), is registered for the wrong-client test.
import { createServer } from "node:http";
import Provider from "oidc-provider";

const [port, redirectUri, accountsJson] = process.argv.slice(2);
const offset = Number(process.env.OIDC_TEST_CLOCK_OFFSET_SECONDS ?? 0) * 1000;
let skewed = false;
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + (skewed ? offset : 0);
}
const accounts = JSON.parse(accountsJson ?? "{}");
const issuer = `http://127.0.0.1:${port}`;

export const CLIENT_ID = "license-center";
export const CLIENT_SECRET = "license-center-test-secret-0123456789";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
    {
      client_id: "another-app",
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: account.name,
          email: account.email,
          email_verified: account.email_verified ?? true,
          preferred_username: account.email,
          roles: account.roles ?? [],
        };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"], roles: ["roles"] },
  scopes: ["openid", "offline_access", "email", "profile", "roles"],
  // The ID token carries the claims of its scopes, as Entra ID's and Okta's do.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["oidc-provider-test-cookie-key-0123456789"] },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile roles");
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  skewed = offset !== 0 && ctx.path === "/token";
  try {
    await next();
  } finally {
    skewed = false;
  }
});

createServer(provider.callback()).listen(Number(port), "127.0.0.1", () => console.log(`ready ${issuer}`));
