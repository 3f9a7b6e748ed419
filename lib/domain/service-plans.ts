/**
 * Friendly names of the service plans License Center's products commonly include, as Microsoft's
 * "Product names and service plan identifiers for licensing" lists them. Product and plan names
 * are trademarks and stay in English in every language, as in the Microsoft 365 admin center.
 */
const PLAN_NAMES: Record<string, string> = {
  EXCHANGE_S_STANDARD: "Exchange Online (Plan 1)",
  EXCHANGE_S_ENTERPRISE: "Exchange Online (Plan 2)",
  SHAREPOINTSTANDARD: "SharePoint Online (Plan 1)",
  SHAREPOINTENTERPRISE: "SharePoint Online (Plan 2)",
  TEAMS1: "Microsoft Teams",
  OFFICESUBSCRIPTION: "Microsoft 365 Apps for enterprise",
  INTUNE_A: "Microsoft Intune Plan 1",
  AAD_PREMIUM: "Microsoft Entra ID P1",
  AAD_PREMIUM_P2: "Microsoft Entra ID P2",
  ATP_ENTERPRISE: "Microsoft Defender for Office 365 (Plan 1)",
  POWER_BI_PRO: "Power BI Pro",
  BI_AZURE_P2: "Power BI Pro",
  VISIO_CLIENT_SUBSCRIPTION: "Visio Desktop App",
  PROJECT_CLIENT_SUBSCRIPTION: "Project Online Desktop Client",
};

/** A service plan's friendly name, or its identifier when License Center doesn't know it. */
export function servicePlanName(id: string): string {
  return PLAN_NAMES[id] ?? id;
}
