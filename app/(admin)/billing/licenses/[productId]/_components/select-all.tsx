"use client";

/** Checks or clears every checkbox of a form on this page. */
export function SelectAll({ formId, label }: { formId: string; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      onChange={(event) => {
        const boxes = document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=userIds][form="${formId}"]`);
        boxes.forEach((box) => (box.checked = event.target.checked));
      }}
    />
  );
}
