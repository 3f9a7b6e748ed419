import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** A product's pages: their client components translate with the product namespace too. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="product">{children}</ClientMessages>;
}
