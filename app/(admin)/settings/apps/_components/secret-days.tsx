"use client";
import { useTranslations } from "next-intl";

const LIFETIMES = [90, 180, 365, 730] as const;

/** How long a new client secret lasts (Entra ID's choices; 180 days recommended). */
export function SecretDays({ id }: { id: string }) {
  const t = useTranslations("apps");
  return (
    <label className="flex flex-col gap-1" htmlFor={id}>
      <span className="font-semibold">{t("expires")}</span>
      <select id={id} name="secretDays" defaultValue="180" className="input w-40">
        {LIFETIMES.map((days) => (
          <option key={days} value={String(days)}>
            {t("days", { days })}
          </option>
        ))}
      </select>
    </label>
  );
}
