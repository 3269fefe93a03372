import type { Browser, BrowserContext } from "@playwright/test";
import { recordObserved } from "./values";

/** Keeps every URL a context requests, and its pages' storage when it closes, for the canary check. */
function observe(context: BrowserContext): void {
  context.on("request", (request) => recordObserved("url", request.url()));
  const close = context.close.bind(context);
  context.close = async (options) => {
    for (const page of context.pages()) {
      const storage = await page
        .evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }))
        .catch(() => null); // a page on about:blank or already gone has no storage of ours
      if (storage) recordObserved("storage", storage);
    }
    return close(options);
  };
}

/** Watches every context the suite opens: the test's own and those a test makes itself. */
export function watchBrowser(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    observe(context);
    return context;
  };
}
