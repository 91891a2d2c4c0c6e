// jest setupFiles: runs before any test module is loaded. n8n-core reads these when its
// services are first built; without them it would write ~/.n8n/config.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const userFolder = path.resolve(
	__dirname,
	'../../.tmp',
	`n8n-user-${process.env.JEST_WORKER_ID ?? '0'}`,
);
mkdirSync(userFolder, { recursive: true });
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'engine-test-encryption-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
// The simulator listens on 127.0.0.1, which SSRF protection would refuse.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'false';
