import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import "./globals.css";
import "./help.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        <ClientMessages scope="shell">{children}</ClientMessages>
      </body>
    </html>
  );
}
