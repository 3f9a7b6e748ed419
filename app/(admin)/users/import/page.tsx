import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { idSchema } from "@/lib/validation";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { isAppError } from "@/server/errors";
import { findUserImportRows, getUserImportById, IMPORT_KINDS, type ImportKind } from "@/server/data/user-import";
import { ImportPreview } from "./_components/import-preview";
import { UploadStep } from "./_components/upload-step";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("import.title") };
}

type Params = Record<string, string | string[] | undefined>;

export default async function ImportUsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const [actor, t] = await Promise.all([requireActor(), getTranslations("users")]);
  const id = idSchema.safeParse(params.id);
  const kind = IMPORT_KINDS.find((k) => k === params.kind) ?? null;
  const pageNumber = Number(Array.isArray(params.page) ? params.page[0] : params.page);
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 1_000_000 ? pageNumber : 1;
  let body;
  if (!allows(actor.roles, "user.import")) {
    body = <AccessDenied operation="user.import" roles={actor.roles} back={{ href: "/users", label: t("backToUsers") }} />;
  } else if (!id.success) {
    body = <UploadStep />;
  } else {
    const loaded = await Promise.all([getUserImportById(actor, id.data), findUserImportRows(actor, id.data, { page, kind })]).catch(
      (error: unknown) => {
        if (isAppError(error) && error.code === "NOT_FOUND") notFound();
        throw error;
      },
    );
    body = <ImportPreview summary={loaded[0]} rows={loaded[1]} kind={kind as ImportKind | null} />;
  }
  return (
    <WithHelp slug="manage-users-in-bulk">
      <PageHeader breadcrumb={<Link href="/users">{t("title")}</Link>} title={t("import.title")} description={t("import.description")} />
      {body}
    </WithHelp>
  );
}
