"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useState, useTransition } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import type { BulkAction } from "@/lib/validation";
import { replaceLicensesAction, assignLicensesAction, removeLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import { deleteUsersAction, previewBulkAction, setSignInAction, type BulkPreviewResult } from "@/server/actions/users";
import { clearSelection, dropUsers, useSelection } from "./user-selection";

export interface BulkProduct {
  id: string;
  name: string;
}

const NEEDS_PRODUCT: ReadonlySet<BulkAction> = new Set(["assign", "remove", "replace"]);

interface Choice {
  action: BulkAction;
  productId: string;
  toProductId: string;
}

interface Reviewed {
  choice: Choice;
  ids: string[];
  preview: BulkPreviewResult;
}

function formOf(choice: Choice, ids: readonly string[]): FormData {
  const form = new FormData();
  for (const id of ids) form.append("userIds", id);
  if (choice.action === "replace") {
    form.set("fromProductId", choice.productId);
    form.set("toProductId", choice.toProductId);
  } else if (NEEDS_PRODUCT.has(choice.action)) {
    form.set("productId", choice.productId);
  }
  if (choice.action === "block" || choice.action === "unblock") form.set("signIn", choice.action === "block" ? "blocked" : "allowed");
  return form;
}

function previewForm(choice: Choice, ids: readonly string[]): FormData {
  const form = new FormData();
  form.set("action", choice.action);
  for (const id of ids) form.append("userIds", id);
  if (NEEDS_PRODUCT.has(choice.action) && choice.productId) form.set("productId", choice.productId);
  if (choice.action === "replace" && choice.toProductId) form.set("toProductId", choice.toProductId);
  return form;
}

/** The change itself, once confirmed: the same server actions as the product and user pages. */
function run(choice: Choice, form: FormData): Promise<ActionResult<unknown>> {
  switch (choice.action) {
    case "assign":
      return assignLicensesAction(null, form);
    case "remove":
      return removeLicensesAction(null, form);
    case "replace":
      return replaceLicensesAction(null, form);
    case "block":
    case "unblock":
      return setSignInAction(null, form);
    case "delete":
      return deleteUsersAction(null, form);
  }
}

/**
 * Users › Active users' bulk actions on the selected users (on any page of the list): assign or
 * remove a product's license, replace one product with another, block or allow sign-in, delete.
 * Each first shows what it would do (users changed and left alone, licenses needed and freed,
 * what would stop it), from the server, then asks to confirm; the change checks it all again.
 */
export function BulkActions({ actions, products }: { actions: BulkAction[]; products: BulkProduct[] }) {
  const t = useTranslations("users");
  const selection = useSelection();
  const headingId = useId();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [reviewed, setReviewed] = useState<Reviewed | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const [isReviewing, startReview] = useTransition();
  const ids = [...selection.keys()];
  const idsKey = ids.join(",");

  const close = () => {
    setChoice(null);
    setReviewed(null);
    setReviewError(null);
  };

  const review = (next: Choice) => {
    setReviewed(null);
    setReviewError(null);
    if (NEEDS_PRODUCT.has(next.action) && (!next.productId || (next.action === "replace" && !next.toProductId))) {
      setReviewError(t("bulk.chooseProduct"));
      return;
    }
    const reviewedIds = [...ids];
    startReview(async () => {
      const result = await previewBulkAction(null, previewForm(next, reviewedIds));
      if (!result.ok) {
        setReviewError(result.message);
        return;
      }
      if (result.data.goneIds.length > 0) dropUsers(result.data.goneIds);
      setReviewed({ choice: next, ids: reviewedIds, preview: result.data });
    });
  };

  const open = (action: BulkAction) => {
    const next = { action, productId: choice?.productId ?? "", toProductId: choice?.toProductId ?? "" };
    setChoice(next);
    setReviewed(null);
    setReviewError(null);
    if (!NEEDS_PRODUCT.has(action)) review(next);
  };

  const [state, confirm] = useActionState(async (_previous: ActionResult<unknown> | null, _form: FormData) => {
    if (!reviewed || reviewed.ids.join(",") !== idsKey) {
      return { ok: false, code: "VALIDATION", message: t("bulk.selectionChanged") } as const;
    }
    const result = await run(reviewed.choice, formOf(reviewed.choice, reviewed.ids));
    if (result.ok) {
      announce(result.message ?? "");
      clearSelection();
      close();
    }
    return result;
  }, null);

  if (selection.size === 0) {
    return (
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-neutral-700">
        <p>{t("bulk.hint")}</p>
        {state?.ok && <ActionStatus state={state} />}
      </div>
    );
  }

  const preview = reviewed?.preview;
  const stale = reviewed !== null && reviewed.ids.join(",") !== idsKey;
  return (
    <section aria-labelledby={headingId} className="mb-3 flex flex-col gap-2 rounded border border-neutral-300 bg-neutral-50 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-semibold">
          {t("bulk.selected", { count: selection.size })}
        </h3>
        <button type="button" className="text-brand underline underline-offset-2" onClick={() => (clearSelection(), close())}>
          {t("bulk.clear")}
        </button>
      </div>
      <div className="flex flex-wrap gap-2" role="toolbar" aria-label={t("bulk.toolbar")}>
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === "delete" ? "btn border-danger text-danger" : "btn"}
            aria-pressed={choice?.action === action}
            onClick={() => open(action)}
          >
            {t(`bulk.actions.${action}`)}
          </button>
        ))}
      </div>
      {choice && (
        <ConfirmPanel
          questionId={`${headingId}-question`}
          tone={choice.action === "delete" || choice.action === "remove" || choice.action === "block" ? "danger" : "neutral"}
          question={<p className="font-semibold">{t(`bulk.actions.${choice.action}`)}</p>}
          onCancel={close}
        >
          {NEEDS_PRODUCT.has(choice.action) && (
            <div className="flex flex-wrap items-end gap-2">
              <ProductSelect
                label={choice.action === "replace" ? t("bulk.from") : t("bulk.product")}
                products={products}
                value={choice.productId}
                onChange={(productId) => (setChoice({ ...choice, productId }), setReviewed(null))}
              />
              {choice.action === "replace" && (
                <ProductSelect
                  label={t("bulk.to")}
                  products={products.filter((p) => p.id !== choice.productId)}
                  value={choice.toProductId}
                  onChange={(toProductId) => (setChoice({ ...choice, toProductId }), setReviewed(null))}
                />
              )}
              {/* Not disabled while it checks: a disabled button drops the focus, and Escape with it. */}
              <button type="button" className="btn" onClick={() => review(choice)} aria-busy={isReviewing}>
                {isReviewing ? t("bulk.checking") : t("bulk.review")}
              </button>
            </div>
          )}
          <div aria-live="polite" role="status">
            {isReviewing && !NEEDS_PRODUCT.has(choice.action) && <p>{t("bulk.checking")}</p>}
            {reviewError && <p className="rounded bg-danger-bg px-3 py-2 text-danger">{reviewError}</p>}
            {preview && <PreviewText preview={preview} />}
            {stale && <p className="rounded bg-warn-bg px-3 py-2 text-warn">{t("bulk.selectionChanged")}</p>}
          </div>
          {preview && (
            <form action={confirm}>
              <ConfirmButtons
                tone={choice.action === "delete" || choice.action === "remove" || choice.action === "block" ? "danger" : "primary"}
                confirmLabel={t(`bulk.confirm.${choice.action}`, { count: preview.affected })}
                pendingLabel={t("bulk.working")}
                cancelLabel={t("cancel")}
                onCancel={close}
                disabled={preview.problem !== null || preview.affected === 0 || stale}
              />
              <ActionStatus state={state && !state.ok ? state : null} />
            </form>
          )}
          {!preview && !NEEDS_PRODUCT.has(choice.action) && !isReviewing && (
            <button type="button" className="btn self-start" onClick={close}>
              {t("cancel")}
            </button>
          )}
        </ConfirmPanel>
      )}
    </section>
  );
}

function ProductSelect({
  label,
  products,
  value,
  onChange,
}: {
  label: string;
  products: BulkProduct[];
  value: string;
  onChange: (productId: string) => void;
}) {
  const t = useTranslations("users");
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">{label}</span>
      <select className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("bulk.chooseProduct")}</option>
        {products.map((product) => (
          <option key={product.id} value={product.id}>
            {product.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The preview in sentences: what changes, what is left alone, the licenses, and what stops it. */
function PreviewText({ preview }: { preview: BulkPreviewResult }) {
  const t = useTranslations("users");
  const product = preview.product ?? "";
  const to = preview.toProduct ?? "";
  const lines: string[] = [];
  switch (preview.action) {
    case "assign":
      if (preview.affected > 0) lines.push(t("bulk.preview.gets", { count: preview.affected, product }));
      if (preview.unaffected > 0) lines.push(t("bulk.preview.alreadyHas", { count: preview.unaffected }));
      if (preview.affected > 0 && preview.available !== null)
        lines.push(t("bulk.preview.needs", { needed: preview.licensesNeeded, available: preview.available, product }));
      break;
    case "remove":
      if (preview.affected > 0) lines.push(t("bulk.preview.loses", { count: preview.affected, product }));
      if (preview.unaffected > 0) lines.push(t("bulk.preview.notHeld", { count: preview.unaffected, product }));
      break;
    case "replace":
      if (preview.affected > 0) lines.push(t("bulk.preview.replaces", { count: preview.affected, from: product, to }));
      if (preview.affected > preview.licensesNeeded && preview.problem === null)
        lines.push(t("bulk.preview.alreadyTo", { count: preview.affected - preview.licensesNeeded, from: product, to }));
      if (preview.licensesNeeded > 0 && preview.available !== null)
        lines.push(t("bulk.preview.needs", { needed: preview.licensesNeeded, available: preview.available, product: to }));
      if (preview.unaffected > 0) lines.push(t("bulk.preview.notHeld", { count: preview.unaffected, product }));
      break;
    case "block":
      if (preview.affected > 0) lines.push(t("bulk.preview.blocks", { count: preview.affected }));
      if (preview.unaffected > 0) lines.push(t("bulk.preview.alreadyBlocked", { count: preview.unaffected }));
      break;
    case "unblock":
      if (preview.affected > 0) lines.push(t("bulk.preview.unblocks", { count: preview.affected }));
      if (preview.unaffected > 0) lines.push(t("bulk.preview.alreadyAllowed", { count: preview.unaffected }));
      break;
    case "delete":
      lines.push(t("bulk.preview.deletes", { count: preview.affected, freed: preview.licensesFreed }));
      break;
  }
  if (preview.affected === 0 && preview.problem === null) lines.push(t("bulk.preview.nothing"));
  return (
    <div className="flex flex-col gap-1">
      <ul className="list-disc pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {preview.problem && <p className="rounded bg-danger-bg px-3 py-2 text-danger">{preview.problem}</p>}
    </div>
  );
}
