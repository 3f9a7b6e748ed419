import type { ExcerptPart } from "@/lib/help/search";

/** Search result text with its matches marked; React escapes every part (article text is never markup). */
export function HighlightedText({ parts }: { parts: readonly ExcerptPart[] }) {
  return <>{parts.map((part, i) => (part.isMatch ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
