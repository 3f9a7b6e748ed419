import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** Users pages: their client components translate with the users namespace too. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="users">{children}</ClientMessages>;
}
