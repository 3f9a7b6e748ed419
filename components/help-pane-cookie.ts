// Kept out of the "use client" help pane: a server component importing a value from a client
// module gets a client reference instead of the string, so it could never read the cookie.
export const HELP_PANE_COOKIE = "LC_HELP";
