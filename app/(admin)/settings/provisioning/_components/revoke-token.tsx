"use client";
import { useTranslations } from "next-intl";
import { ConfirmedAction } from "@/components/ui/confirmed-action";
import { revokeScimTokenAction } from "@/server/actions/scim";

/** Revoke one token, after a confirmation that names it. */
export function RevokeToken({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("provisioning");
  return (
    <ConfirmedAction
      field="tokenId"
      value={tokenId}
      label={t("revoke")}
      question={t("revokeQuestion", { name })}
      labels={{ confirm: t("confirmRevoke"), pending: t("working"), cancel: t("cancel") }}
      action={revokeScimTokenAction}
    />
  );
}
