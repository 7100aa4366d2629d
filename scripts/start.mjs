// Starts the built app with friendly defaults: http://localhost:3000 on the embedded SQLite database.
// Every default can be overridden by the environment (see .env.example). NODE_ENV is left alone:
// unset, the app runs as a demo (with demo accounts); set NODE_ENV=production for a real deployment.
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// The log is JSON lines (src/lib/server/log.ts); this first line too.
console.log(
	JSON.stringify({
		time: new Date().toISOString(),
		level: 'info',
		what: 'Samenspraak starts',
		origin: process.env.ORIGIN
	})
);
await import('../build/index.js');
