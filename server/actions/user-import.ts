"use server";
import { importUploadSchema } from "@/lib/validation";
import { previewUserImport } from "../data/user-import";
import { runAction, type ActionResult } from "./safe-action";

/**
 * Add multiple users, step 1: the CSV is read and every row checked; nothing in the organization
 * changes (the rows are staged for the preview). The page then opens the preview of `importId`.
 */
export async function uploadUserImportAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ importId: string; total: number }>> {
  const file = formData instanceof FormData ? formData.get("file") : null;
  return runAction(
    importUploadSchema,
    { file: file instanceof File ? file : undefined },
    async (actor, input) => previewUserImport(actor, { fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()) }),
    { revalidate: [] },
  );
}
