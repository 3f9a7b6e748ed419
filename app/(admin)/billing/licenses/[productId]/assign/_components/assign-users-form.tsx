import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { countryName } from "@/lib/countries";
import { ListSection } from "@/components/ui/list-section";
import type { Listing, Page } from "@/lib/listing";
import type { AssignableUserRow } from "@/server/data/licenses";
import { SelectAll } from "../../_components/select-all";
import { AssignSubmit } from "./assign-submit";

type Props = { productId: string; users: Page<AssignableUserRow>; listing: Listing<"name">; available: number };

export async function AssignUsersForm({ productId, users, listing, available }: Props) {
  const [t, locale] = await Promise.all([getTranslations("product"), getLocale()]);
  const base = `/billing/licenses/${productId}/assign`;
  return (
    <ListSection
      id="assignable-heading"
      heading={t("assignableHeading")}
      search={{ label: t("searchUsers"), q: listing.q }}
      bar={<AssignSubmit productId={productId} available={available} />}
      empty={listing.q ? t("noMatchingUsers") : t("everyoneHasIt")}
      page={users}
      base={base}
      query={{ q: listing.q }}
    >
      <table className="stack-sm">
        <thead>
          <tr>
            <th scope="col" className="w-8">
              <SelectAll formId="assign-licenses" label={t("selectAll")} />
            </th>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.usageLocation")}</th>
          </tr>
        </thead>
        <tbody>
          {users.rows.map((user) => (
            <tr key={user.id}>
              <td>
                <input
                  type="checkbox"
                  name="userIds"
                  value={user.id}
                  form="assign-licenses"
                  aria-label={t("selectUser", { name: user.displayName })}
                />
              </td>
              <td data-label={t("users.name")}>
                <span className="font-medium">{user.displayName}</span>
                <div className="text-xs text-neutral-600">{user.userPrincipalName}</div>
              </td>
              <td data-label={t("users.usageLocation")}>
                {user.usageLocation ? (
                  countryName(locale, user.usageLocation)
                ) : (
                  // The way out of "set a usage location first": the user's edit page.
                  <Link href={`/users/${user.id}/edit`} className="text-warn">
                    {t("users.noUsageLocation")}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ListSection>
  );
}
