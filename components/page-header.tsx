import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumb?: ReactNode;
}) {
  return (
    <div className="mb-5">
      {breadcrumb && <div className="mb-1 text-sm text-neutral-600">{breadcrumb}</div>}
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {description && <div className="mt-1 max-w-3xl text-sm text-neutral-700">{description}</div>}
    </div>
  );
}
