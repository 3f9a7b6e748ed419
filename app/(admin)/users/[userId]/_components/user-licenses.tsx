import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import type { UserDetail } from "@/server/data/users";
import { AssignProductForm } from "./assign-product-form";
import { RemoveLicenseButton } from "./remove-license-button";

export async function UserLicenses({ user, canAssign }: { user: UserDetail; canAssign: boolean }) {
  const [t, format] = await Promise.all([getTranslations("users"), getFormatter()]);
  return (
    <section className="card" aria-labelledby="licenses-heading">
      <h2 id="licenses-heading" className="mb-3 text-lg font-semibold">
        {t("licensesHeading")}
      </h2>
      {user.licenses.length === 0 ? (
        <p className="mb-3 text-sm text-neutral-700">{t("noLicenses")}</p>
      ) : (
        <table className="stack-sm mb-4">
          <thead>
            <tr>
              <th scope="col">{t("licenseColumns.product")}</th>
              <th scope="col">{t("licenseColumns.assignedAt")}</th>
              <th scope="col">{t("licenseColumns.status")}</th>
              {canAssign && (
                <th scope="col">
                  <span className="sr-only">{t("licenseColumns.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {user.licenses.map((license) => (
              <tr key={license.productId}>
                <td data-label={t("licenseColumns.product")}>
                  <Link href={`/billing/licenses/${license.productId}`}>{license.productName}</Link>
                </td>
                <td data-label={t("licenseColumns.assignedAt")}>{format.dateTime(license.assignedAt, { dateStyle: "medium" })}</td>
                <td data-label={t("licenseColumns.status")}>
                  {license.needsValidLicense ? (
                    <span className="badge bg-warn-bg text-warn">⚠ {t("needsLicense")}</span>
                  ) : (
                    <span className="text-ok">{t("valid")}</span>
                  )}
                </td>
                {canAssign && (
                  <td>
                    <RemoveLicenseButton
                      productId={license.productId}
                      userId={user.id}
                      product={license.productName}
                      name={user.displayName}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canAssign && user.assignable.length > 0 && <AssignProductForm userId={user.id} products={user.assignable} />}
    </section>
  );
}
