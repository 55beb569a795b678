import type { Locator } from 'playwright-core';

/**
 * Follows a navigation entry as a person does: on a laptop an entry inside a group (Partners, Administration)
 * shows once its group's button is pressed; in the phone's open menu it shows already.
 */
export async function followNavLink(link: Locator): Promise<void> {
  if (!(await link.isVisible())) {
    await link.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " nav-group ")][1]/button').click();
  }
  await link.click();
}
