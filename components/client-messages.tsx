import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { CLIENT_NAMESPACES, pickNamespaces, type ClientScope } from "@/i18n/messages";

/**
 * Gives the client components below it the catalog namespaces of their part of the app
 * (i18n/messages.ts). A nested provider replaces the outer one's messages, so every scope lists
 * the shell's namespaces too.
 */
export async function ClientMessages({ scope, children }: { scope: ClientScope; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickNamespaces(messages, CLIENT_NAMESPACES[scope])}>{children}</NextIntlClientProvider>;
}
