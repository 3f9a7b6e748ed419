"use client";
import { useTranslations } from "next-intl";
import { announce } from "@/components/ui/toaster";
import { MAX_BULK } from "@/lib/validation";
import { selectUsers, useSelection } from "./user-selection";

/** A row's checkbox: selects the user for the bulk actions, whichever page they are on. */
export function SelectUser({ id, name }: { id: string; name: string }) {
  const t = useTranslations("users");
  const selection = useSelection();
  return (
    <input
      type="checkbox"
      name="selectedUser"
      value={id}
      aria-label={t("bulk.selectUser", { name })}
      checked={selection.has(id)}
      onChange={(event) => {
        if (!selectUsers([{ id, name }], event.target.checked)) announce(t("bulk.tooMany", { max: MAX_BULK }), true);
      }}
    />
  );
}

/** The header's checkbox: selects or clears every user of this page (the rest of the selection stays). */
export function SelectPage({ users }: { users: { id: string; name: string }[] }) {
  const t = useTranslations("users");
  const selection = useSelection();
  const all = users.length > 0 && users.every((u) => selection.has(u.id));
  const some = users.some((u) => selection.has(u.id));
  return (
    <input
      type="checkbox"
      aria-label={t("bulk.selectPage")}
      checked={all}
      ref={(box) => {
        if (box) box.indeterminate = some && !all;
      }}
      onChange={(event) => {
        if (!selectUsers(users, event.target.checked)) announce(t("bulk.tooMany", { max: MAX_BULK }), true);
      }}
    />
  );
}
