import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** Reclaim across the organization: its client form translates with the licenses namespace. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="reclaim">{children}</ClientMessages>;
}
