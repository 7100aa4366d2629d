// Starts the built app with friendly defaults: http://localhost:3000 on the embedded SQLite database.
// Every default can be overridden by the environment (see .env.example). NODE_ENV is left alone:
// unset, the app runs as a demo (with demo accounts); set NODE_ENV=production for a real deployment.
//
// One worker per core (node:cluster), all on the one port: WORKERS sets how many, and WORKERS=1 runs
// the app in this process, as before. The first worker starts alone, so that it alone migrates the
// database and loads the demo; the others start when it listens. A worker that dies is started again.
// On SIGTERM or SIGINT each worker stops gracefully (it finishes the requests under way, see
// hooks.server.ts) and this process ends when they all have.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';

// adapter-node refuses a request body over BODY_SIZE_LIMIT (its own default is 512K) before the app sees
// it. A report to import may be a Word file of up to 10 MB (the importer's own limit, with its own message),
// so the app's default is 11M. src/lib/server/config.ts checks any other value.
process.env.BODY_SIZE_LIMIT ??= '11M';

// A Unix socket (SOCKET_PATH, behind a proxy on the same machine) replaces the port.
if (!process.env.SOCKET_PATH) {
	process.env.PORT ??= '3000';
	process.env.HOST ??= '0.0.0.0';
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
}

/** A JSON line, as the app logs (src/lib/server/log.ts). */
function log(level, what, fields = {}) {
	console.log(JSON.stringify({ time: new Date().toISOString(), level, what, ...fields }));
}

function workerCount() {
	const raw = process.env.WORKERS;
	if (raw === undefined || raw.trim() === '') return availableParallelism();
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < 1) {
		log('error', `WORKERS must be a whole number from 1 (got "${raw}")`);
		process.exit(1);
	}
	return n;
}

if (cluster.isPrimary) {
	let workers = workerCount();
	if (workers > 1 && process.env.SOCKET_PATH) {
		// adapter-node removes an existing socket file before it listens, so a second worker would
		// unlink the first one's socket: on a Unix socket the app runs as one process.
		log('warn', 'SOCKET_PATH is set: one process, not one worker per core (use PORT for several)');
		workers = 1;
	}
	log('info', 'Samenspraak starts', { origin: process.env.ORIGIN, workers });
	if (workers === 1) {
		await import('../build/index.js');
	} else {
		// Rate limits are counted in the database under keys made with this secret: every worker must
		// use the same one. Without RATE_LIMIT_SECRET each would make its own (see auth/limits.ts).
		process.env.RATE_LIMIT_SECRET ||= randomBytes(32).toString('base64');
		let stopping = false;
		let listened = false;
		const start = () => cluster.fork();
		cluster.on('exit', (worker, code, signal) => {
			if (stopping) return;
			if (!listened) {
				// The first worker failed before it listened (bad settings, a failed migration): stop here
				// rather than start it again and again. Its own log says why.
				log('error', 'the first worker stopped before it listened', { code, signal });
				process.exitCode = code || 1;
				return;
			}
			log('error', 'a worker stopped; starting another', { pid: worker.process.pid, code, signal });
			start();
		});
		start().once('listening', () => {
			listened = true;
			for (let i = 1; i < workers && !stopping; i++) start();
		});
		const stop = (signal) => {
			if (stopping) return;
			stopping = true;
			log('info', 'stopping the workers', { signal });
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
		};
		process.on('SIGTERM', () => stop('SIGTERM'));
		process.on('SIGINT', () => stop('SIGINT'));
	}
} else {
	// After the graceful stop (adapter-node emits this when its server has closed), the channel to the
	// primary is all that keeps a worker alive: let it go, so the worker ends when its last work is done.
	process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
	await import('../build/index.js');
}
