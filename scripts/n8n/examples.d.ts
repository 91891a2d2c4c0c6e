// Types of examples.js.
import type { N8nInstance } from './instance';

export interface ImportedExample {
	file: string;
	id: string;
	name: string;
	/** trigger node type (oyTrigger, wappinTrigger) → its production callback URL */
	callbackUrls: Record<string, string>;
	/** the MCP server's production URL, for the AI-agent example */
	mcpUrl?: string;
}

export function readExamples(): Array<{ file: string; workflow: any }>;
export function importExamples(
	n8n: N8nInstance,
	credentials: { [type: string]: { id: string; name: string } } | object,
	options?: {
		activate?: boolean;
		only?: string[];
		mcpPath?: string;
	},
): Promise<ImportedExample[]>;
export const EXAMPLES_FOLDER: string;
