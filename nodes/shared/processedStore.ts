/**
 * n8n's deduplication store inserts a node's row on its first use. Two executions doing that at
 * the same moment (queue mode: two workers) both find no row and both insert; the database refuses
 * the second insert (Postgres 23505 "duplicate key", SQLite "UNIQUE constraint failed") and that
 * execution would fail. Asked once more, the store finds the row the other execution created.
 */
export async function askStoreOnceMoreIfRaced<T>(ask: () => Promise<T>): Promise<T> {
	return await ask().catch(async (error: unknown) => {
		if (!isDuplicateRow(error)) throw error;
		return await ask();
	});
}

function isDuplicateRow(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return /23505|duplicate key|UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(
		`${String(code ?? '')} ${String(message ?? '')}`,
	);
}
