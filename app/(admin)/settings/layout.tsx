import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** The signed-in admin's own settings: their client components translate with the alerts namespace. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="settings">{children}</ClientMessages>;
}
