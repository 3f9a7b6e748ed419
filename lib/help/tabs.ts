/**
 * DocFX tabs: consecutive headings that are only a `[Label](#tab/id)` link, each followed by its
 * content, closed by a `---` line. Grouped here in the Markdown tree (where the headings are);
 * ./tabs-aria.ts turns each group into the ARIA tabs pattern.
 */
import type { Heading, Link, Nodes, Root, RootContent } from "mdast";

function sourceOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  return "children" in node ? node.children.map((child) => sourceOf(child)).join("") : "";
}

/** A label's text: raw HTML tags dropped, and with them a side-by-side English original. */
function textOf(node: Nodes): string {
  return sourceOf(node)
    .replace(/<span class="sxs-lookup">[\s\S]*?<\/span>\s*<\/span>/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ");
}

const TAB_HREF = /^#tab\/([\w.-]+)(?:\/[\w.-]+)?$/;

function tabOf(node: RootContent): { heading: Heading; label: string; id: string } | null {
  if (node.type !== "heading") return null;
  const children = node.children.filter((child) => !(child.type === "html" || (child.type === "text" && child.value.trim() === "")));
  const link = children.length === 1 && children[0]?.type === "link" ? (children[0] as Link) : null;
  const id = link ? TAB_HREF.exec(link.url)?.[1] : undefined;
  if (!link || !id) return null;
  return { heading: node, label: textOf(link).trim(), id: id.toLowerCase().replace(/[^\w-]/g, "-") };
}

interface Tab {
  label: string;
  id: string;
  content: RootContent[];
}

/** Rewrites the top level of the tree (where DocFX tabs live). */
export function remarkHelpTabs() {
  return (tree: Root) => {
    const out: RootContent[] = [];
    for (let index = 0; index < tree.children.length; index++) {
      const node = tree.children[index] as RootContent;
      const first = tabOf(node);
      if (!first) {
        out.push(node);
        continue;
      }
      const tabs: Tab[] = [{ label: first.label, id: first.id, content: [] }];
      let next = index + 1;
      for (; next < tree.children.length; next++) {
        const child = tree.children[next] as RootContent;
        if (child.type === "thematicBreak") break;
        const tab = tabOf(child);
        if (tab && tab.heading.depth === first.heading.depth) tabs.push({ label: tab.label, id: tab.id, content: [] });
        else if (child.type === "heading" && child.depth <= first.heading.depth) {
          next--;
          break;
        } else tabs.at(-1)?.content.push(child);
      }
      index = next;
      out.push(tabGroup(tabs));
    }
    tree.children = out;
  };
}

/** Neutral placeholders; ./tabs-aria.ts builds the tablist and panels after authored ARIA is stripped. */
function tabGroup(tabs: Tab[]): RootContent {
  const node = {
    type: "helpTabs",
    data: { hName: "div", hProperties: { dataHelpTabs: "" } },
    children: tabs.map((tab) => ({
      type: "helpTabPanel",
      data: { hName: "div", hProperties: { dataHelpTabLabel: tab.label, dataHelpTabId: tab.id } },
      children: tab.content,
    })),
  };
  return node as unknown as RootContent;
}
