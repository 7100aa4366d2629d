import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';

/*
 * A second (or third) copy of the built app, started as an operator would start it, for the tests that
 * need their own server: behind a pretend proxy, two servers on one database, a graceful stop. It
 * listens on a Unix socket in `dir`, so no port is taken, and is ready once GET /health answers.
 */

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface AppProcess {
	process: ChildProcess;
	socketPath: string;
	/** What the app wrote to stdout and stderr so far. */
	output(): string;
	/** One request straight to this app. */
	send(method: string, path: string, options?: { headers?: Record<string, string>; body?: string }): Promise<Answer>;
	/** Stops it with `signal` (SIGTERM: gracefully) unless it has stopped, and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `options.script`: build/index.js (one process), or scripts/start.mjs as `npm start` runs it (one
 * worker per core, or WORKERS); several workers need a port (`options.port`) instead of a socket.
 */
export async function startApp(
	dir: string,
	name: string,
	env: Record<string, string>,
	options: { script?: string; port?: number } = {}
): Promise<AppProcess> {
	const socketPath = join(dir, `${name}.sock`);
	const where = options.port
		? { PORT: String(options.port), HOST: '127.0.0.1', SOCKET_PATH: '' }
		: { SOCKET_PATH: socketPath };
	const port = options.port;
	const child = spawn(process.execPath, [options.script ?? 'build/index.js'], {
		env: { ...process.env, ...env, ...where },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const app: AppProcess = {
		process: child,
		socketPath,
		output: () => output,
		send: (method, path, sendOptions = {}) =>
			new Promise((resolve, reject) => {
				const to = port ? { host: '127.0.0.1', port } : { socketPath };
				const req = request({ ...to, method, path, headers: sendOptions.headers }, (res) => {
					let body = '';
					res.setEncoding('utf8');
					res.on('data', (chunk) => (body += chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
				});
				req.on('error', reject);
				req.end(sendOptions.body ?? '');
			}),
		stop: async (signal = 'SIGTERM') => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill(signal);
			await exited;
		}
	};
	for (let i = 0; i < 300; i++) {
		if ((port || existsSync(socketPath)) && (await app.send('GET', '/health').catch(() => null))) return app;
		if (child.exitCode !== null) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`app ${name} did not start:\n${output}`);
}
