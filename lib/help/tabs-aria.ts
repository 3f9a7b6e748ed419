/**
 * Tab groups (placeholders from ./tabs.ts) as the ARIA tabs pattern: a tablist of buttons and one
 * tabpanel per tab. The first panel is shown without JavaScript; components/help/help-tabs.tsx
 * switches panels (click, arrow keys, Home, End). Runs after stripAuthoredControls, so every
 * button, role and id of this shape in the output is ours.
 */
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

const AUTHORED_ONLY_HERE = ["role", "tabIndex", "hidden"];

/** Authors' raw HTML may not bring controls or ARIA state: buttons are unwrapped, such attributes go. */
export function stripAuthoredControls(tree: Root): void {
  visit(tree, "element", (element, index, parent) => {
    if (element.tagName === "button" && parent && index !== undefined) {
      parent.children.splice(index, 1, ...element.children);
      return index;
    }
    for (const key of Object.keys(element.properties)) {
      const keepsId = key === "id" && (/^h[1-6]$/.test(element.tagName) || element.tagName === "a");
      if ((key === "id" && !keepsId) || key.startsWith("aria") || AUTHORED_ONLY_HERE.includes(key)) delete element.properties[key];
    }
    return undefined;
  });
}

export function transformTabs(tree: Root, used: Set<string>): void {
  let group = 0;
  visit(tree, "element", (element) => {
    if (element.tagName !== "div" || element.properties.dataHelpTabs === undefined) return;
    const panels = element.children.filter(
      (child): child is Element => child.type === "element" && child.properties.dataHelpTabLabel !== undefined,
    );
    group++;
    const ids = panels.map((panel, index) => {
      const base = `help-tab-${group}-${index + 1}-${String(panel.properties.dataHelpTabId ?? "")}`.slice(0, 80).replace(/-+$/, "");
      used.add(base);
      return base;
    });
    const tabs: Element[] = panels.map((panel, index) => ({
      type: "element",
      tagName: "button",
      properties: {
        type: "button",
        role: "tab",
        id: ids[index] ?? "",
        ariaControls: [`${ids[index]}-panel`],
        ariaSelected: index === 0 ? "true" : "false",
        tabIndex: index === 0 ? 0 : -1,
      },
      children: [{ type: "text", value: String(panel.properties.dataHelpTabLabel) }],
    }));
    panels.forEach((panel, index) => {
      panel.properties = {
        className: ["help-tabpanel"],
        role: "tabpanel",
        id: `${ids[index]}-panel`,
        ariaLabelledBy: [ids[index] ?? ""],
        tabIndex: 0,
        ...(index === 0 ? {} : { hidden: true }),
      };
    });
    element.properties = { className: ["help-tabs"], dataHelpTabs: "" };
    element.children = [
      { type: "element", tagName: "div", properties: { className: ["help-tablist"], role: "tablist" }, children: tabs },
      ...panels,
    ];
  });
}
