import { sleep } from 'n8n-workflow';

/**
 * Spaces the request starts of one node run. With a rate limit, the n-th start waits until
 * n / rate seconds have passed. And two requests never start in the same turn of Node's event
 * loop: n8n opens a new connection for every request, and a request is written only once its
 * connection is made, on a later turn. When several answers arrive together, their follow-up
 * requests would otherwise go out together, wait for each other's connections and come back
 * together again, so the group never breaks up. Started a turn apart, they spread out.
 */
export class RequestPacer {
	private nextStart = 0;

	/** set while a request started in the current turn; settles when the next turn begins */
	private turnEnd: Promise<void> | undefined;

	constructor(private readonly requestsPerSecond = 0) {}

	async beforeRequest(): Promise<void> {
		if (this.requestsPerSecond > 0) {
			const now = Date.now();
			const start = Math.max(now, this.nextStart);
			this.nextStart = start + 1000 / this.requestsPerSecond;
			if (start > now) await sleep(start - now);
		}
		// Waiters resume in the order they came, and the first one takes the new turn.
		while (this.turnEnd) await this.turnEnd;
		this.turnEnd = sleep(0).then(() => {
			this.turnEnd = undefined;
		});
	}
}
