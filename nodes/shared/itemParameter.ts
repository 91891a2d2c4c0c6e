import type { IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

/**
 * Reading a per-item parameter. In n8n 2.x every expression is evaluated in an isolate, about
 * 0.6 ms of CPU each; a bulk send of 1,000 items with a number and a name mapped as
 * `{{ $json.phone }}` and `{{ $json.name }}` spends most of its time there (bench/httpRequest.js).
 * An expression that is exactly one field of the item, `={{ $json.field }}` or
 * `={{ $json["field"] }}`, is read from the item itself when that field holds a string, number or
 * boolean: n8n would return the same value. Anything else goes to n8n as usual.
 */

const ONE_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]+)\2\s*\])\s*\}\}$/;

interface RunView {
	parameters: INodeParameters;
	items: INodeExecutionData[];
}

// n8n copies the whole node on every getNode(): read it once per node run
const runViews = new WeakMap<IExecuteFunctions, RunView>();

function viewOf(ctx: IExecuteFunctions): RunView {
	let view = runViews.get(ctx);
	if (!view) {
		view = { parameters: ctx.getNode().parameters, items: ctx.getInputData() };
		runViews.set(ctx, view);
	}
	return view;
}

/** The item's own value for a raw parameter value, or undefined when n8n must evaluate it. */
function fieldValue(view: RunView, raw: unknown, itemIndex: number): unknown {
	if (typeof raw !== 'string') return undefined;
	const match = ONE_FIELD.exec(raw);
	if (!match) return undefined;
	const value = view.items[itemIndex]?.json?.[match[1] ?? match[3]];
	return ['string', 'number', 'boolean'].includes(typeof value) ? value : undefined;
}

function rawAt(parameters: INodeParameters, path: string): unknown {
	let current: unknown = parameters;
	for (const key of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** ctx.getNodeParameter(name, itemIndex, fallback), without the isolate for `={{ $json.field }}`. */
export function itemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const view = viewOf(ctx);
	const own = fieldValue(view, rawAt(view.parameters, name), itemIndex);
	return own !== undefined ? own : ctx.getNodeParameter(name, itemIndex, fallback);
}

/**
 * The `value` of every row of a fixedCollection (`collection.row[]`), each row read as
 * itemParameter reads a parameter.
 */
export function rowValues(
	ctx: IExecuteFunctions,
	collection: string,
	row: string,
	itemIndex: number,
): unknown[] {
	const view = viewOf(ctx);
	const rows = rawAt(view.parameters, `${collection}.${row}`);
	if (!Array.isArray(rows)) {
		const resolved = ctx.getNodeParameter(collection, itemIndex, {}) as Record<string, unknown>;
		const list = resolved?.[row];
		return Array.isArray(list) ? list.map((entry: { value?: unknown }) => entry?.value) : [];
	}
	return rows.map((entry: { value?: unknown }, index) => {
		const own = fieldValue(view, entry?.value, itemIndex);
		if (own !== undefined) return own;
		if (typeof entry?.value !== 'string' || !entry.value.startsWith('=')) return entry?.value;
		return ctx.getNodeParameter(`${collection}.${row}[${index}].value`, itemIndex, '');
	});
}
