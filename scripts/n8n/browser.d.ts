// Types of browser.js.
import type { Browser, Page } from 'playwright-core';

export function launchChromium(): Promise<Browser>;
export function signIn(page: Page, editorUrl: string): Promise<void>;
