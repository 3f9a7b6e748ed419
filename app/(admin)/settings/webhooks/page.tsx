import { z } from "zod";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { getTranslations } from "@/i18n/server";
import { ALERT_KINDS } from "@/lib/domain/alerts";
import { env } from "@/lib/env";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { DELIVERY_PAGE_SIZE, findWebhookDeliveries, findWebhookEndpoints } from "@/server/data/webhooks";
import { CreateWebhookForm } from "./_components/create-webhook-form";
import { DeliveryLog } from "./_components/delivery-log";
import { EndpointList } from "./_components/endpoint-list";

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function generateMetadata() {
  return { title: (await getTranslations("webhooks"))("title") };
}

/** Settings › Webhooks (Global admins): the endpoints that receive the alerts, and what was sent to them. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const [actor, t, params] = await Promise.all([requireActor(), getTranslations("webhooks"), searchParams]);
  const header = <PageHeader title={t("title")} description={t("intro")} />;
  if (!allows(actor.roles, "webhook.read"))
    return (
      <WithHelp slug="webhooks">
        {header}
        <AccessDenied operation="webhook.read" roles={actor.roles} back={{ href: "/settings/alerts", label: t("back") }} />
      </WithHelp>
    );
  const page = pageSchema.parse(params.page);
  const [endpoints, deliveries] = await Promise.all([findWebhookEndpoints(actor), findWebhookDeliveries(actor, page)]);
  const pageCount = Math.max(1, Math.ceil(deliveries.total / DELIVERY_PAGE_SIZE));
  return (
    <WithHelp slug="webhooks">
      {header}
      {!env().NEXTAUTH_URL && (
        <p role="note" className="mb-4 max-w-3xl rounded border border-warn-border bg-warn-bg px-3 py-2 text-sm text-neutral-900">
          {t("noAppUrl")}
        </p>
      )}
      <EndpointList endpoints={endpoints} />
      <CreateWebhookForm kinds={ALERT_KINDS} />
      <DeliveryLog page={{ rows: deliveries.rows, total: deliveries.total, page, pageCount, totalIsLowerBound: false }} />
    </WithHelp>
  );
}
