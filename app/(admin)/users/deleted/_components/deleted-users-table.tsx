import { getFormatter, getTranslations } from "@/i18n/server";
import { SortHeader } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import type { Listing, Page } from "@/lib/listing";
import type { DeletedUserRow } from "@/server/data/users";
import { RestoreUserButton } from "./restore-user-button";

export async function DeletedUsersTable({
  page,
  listing,
  canRestore,
}: {
  page: Page<DeletedUserRow>;
  listing: Listing<"deletedAt" | "name">;
  canRestore: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("users"), getFormatter()]);
  const base = "/users/deleted";
  const query = { q: listing.q, sort: listing.sort, dir: listing.dir };
  return (
    <ListSection
      id="deleted-heading"
      heading={t("deletedHeading")}
      search={{ label: t("searchLabel"), q: listing.q }}
      empty={listing.q ? t("noMatches") : t("noDeleted")}
      page={page}
      base={base}
      query={query}
    >
      <table className="stack-sm">
        <thead>
          <tr>
            <SortHeader label={t("columns.name")} column="name" base={base} query={query} />
            <SortHeader label={t("columns.deletedAt")} column="deletedAt" base={base} query={query} />
            <th scope="col">{t("columns.licenses")}</th>
            {canRestore && <th scope="col">{t("columns.restore")}</th>}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((user) => (
            <tr key={user.id}>
              <td data-label={t("columns.name")}>
                <span className="font-medium">{user.displayName}</span>
                <div className="text-xs text-neutral-600">{user.userPrincipalName}</div>
              </td>
              <td data-label={t("columns.deletedAt")}>
                {format.dateTime(user.deletedAt, { dateStyle: "medium" })}
                <div className="text-xs text-neutral-600">
                  {t("restoreBy", { date: format.dateTime(user.restoreBy, { dateStyle: "medium" }) })}
                </div>
              </td>
              <td data-label={t("columns.licenses")}>{user.licenses.length > 0 ? user.licenses.join(", ") : t("unlicensed")}</td>
              {canRestore && (
                <td>
                  <RestoreUserButton userId={user.id} name={user.displayName} conflicts={user.conflictsOnRestore} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ListSection>
  );
}
