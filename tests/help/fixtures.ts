import { HELP_SLUGS } from "@/lib/help/articles";
/** Inline fixture mirroring the seed's structure, so the renderer tests never depend on the seed file. */
const pair = (id: string, translation: string, english: string) =>
  `<span data-ttu-id="f-${id}">${translation}</span><span class="sxs-lookup"><span data-stu-id="f-${id}">${english}</span></span>`;

export const FIXTURE = `---
title: Licentieconflicten oplossen
description: Conflicten oplossen.
ms.topic: article
ms.translationtype: MT
ms.contentlocale: nl-NL
---
# <a name="resolve-license-conflicts"></a>${pair("1", "Licentieconflicten oplossen", "Resolve license conflicts")}

::: moniker range="o365-21vianet"

> [!NOTE]
> ${pair("2", "Het beheercentrum verandert.", "The admin center is changing.")} ${pair("3", "Zie [het nieuwe beheercentrum](../microsoft-365-admin-center-preview.md?preserve-view=true&view=o365-21vianet).", "See [the new admin center](../microsoft-365-admin-center-preview.md?preserve-view=true&view=o365-21vianet).")}

::: moniker-end

${pair("4", "Koop eerst licenties.", "Buy licenses first.")} ${pair("5", "Zie [Licenties kopen](../../commerce/licenses/buy-licenses.md).", "See [Buy licenses](../../commerce/licenses/buy-licenses.md).")}

## <a name="how-do-i-view-license-conflicts"></a>${pair("6", "Licentieconflicten weergeven", "How do I view license conflicts?")}

::: moniker range="o365-worldwide"

1. ${pair("7", 'Ga naar <a href="https://go.microsoft.com/fwlink/p/?linkid=842264" target="_blank">Licenties WW</a>.', 'Go to <a href="https://go.microsoft.com/fwlink/p/?linkid=842264" target="_blank">Licenses WW</a>.')}

::: moniker-end

::: moniker range="o365-germany"

1. ${pair("8", 'Ga naar <a href="https://go.microsoft.com/fwlink/p/?linkid=848038" target="_blank">Licenties DE</a>.', 'Go to <a href="https://go.microsoft.com/fwlink/p/?linkid=848038" target="_blank">Licenses DE</a>.')}

::: moniker-end

::: moniker range="o365-21vianet"

1. ${pair("9", 'Ga naar <a href="https://go.microsoft.com/fwlink/p/?linkid=850625" target="_blank">Licenties CN</a>.', 'Go to <a href="https://go.microsoft.com/fwlink/p/?linkid=850625" target="_blank">Licenses CN</a>.')}

::: moniker-end

2. ${pair("10", "Kijk in de kolom **Status**.", "Check the **Status** column.")}

    > [!NOTE]
    > ${pair("11", "De kolom Status verschijnt alleen bij conflicten.", "You won't see the Status column if there are no conflicts.")}

## <a name="related-articles"></a>${pair("12", "Verwante artikelen", "Related articles")}

[${pair("13", "Licenties toewijzen aan gebruikers", "Assign licenses to users")}](assign-licenses-to-users.md)

[${pair("14", "Licenties van gebruikers verwijderen", "Remove licenses from users")}](remove-licenses-from-users.md?view=o365-worldwide&preserve-view=true#remove-licenses)
`;

export const CORPUS_SLUGS = new Set<string>(HELP_SLUGS);

export const inCorpus = (slug: string) => CORPUS_SLUGS.has(slug);
