import { RequestPacer } from '../../nodes/shared/http/pacer';

/** resolves once the event loop has gone round and waited for I/O */
async function nextTurn() {
	const idle = performance.eventLoopUtilization().idle;
	while (performance.eventLoopUtilization().idle === idle)
		await new Promise((resolve) => setTimeout(resolve, 5));
}

test('requests asked for in the same turn start in different turns, in the order asked', async () => {
	const pacer = new RequestPacer();
	await nextTurn();
	const started: number[] = [];
	const turnOf: number[] = [];
	// counts turns of the event loop: an immediate runs once per turn
	let turn = 0;
	let counting = true;
	const count = () => {
		turn++;
		if (counting) setImmediate(count);
	};
	setImmediate(count);
	await Promise.all(
		[0, 1, 2, 3].map(async (request) => {
			await pacer.beforeRequest();
			started.push(request);
			turnOf.push(turn);
		}),
	);
	counting = false;
	expect(started).toEqual([0, 1, 2, 3]);
	expect(new Set(turnOf).size).toBe(4);
});

test('a request after the loop has waited for I/O starts at once', async () => {
	const pacer = new RequestPacer();
	await pacer.beforeRequest();
	await nextTurn();
	let started = false;
	void pacer.beforeRequest().then(() => (started = true));
	await Promise.resolve();
	await Promise.resolve();
	expect(started).toBe(true);
});
