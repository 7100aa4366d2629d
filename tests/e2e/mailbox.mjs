// A tiny SMTP receiver for end-to-end tests: the app under test sends real SMTP to it, and each message
// it receives is appended to a file, one JSON line each, for the tests to read. No TLS, no auth.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The mailbox of the e2e server on this port: its SMTP port and the file it writes.
 * @param {string | number} appPort
 */
export function mailboxFor(appPort) {
	return { port: Number(appPort) + 1000, file: join(tmpdir(), `samenspraak-e2e-mail-${appPort}.jsonl`) };
}

/** @param {string | number} appPort */
export function startMailbox(appPort) {
	const { port, file } = mailboxFor(appPort);
	writeFileSync(file, '');
	const server = createServer((socket) => {
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		const reply = (/** @type {string} */ line) => socket.write(`${line}\r\n`);
		reply('220 samenspraak e2e mailbox');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end === -1) return;
					appendFileSync(file, `${JSON.stringify({ raw: buffer.slice(0, end) })}\n`);
					buffer = buffer.slice(end + 5);
					inData = false;
					reply('250 OK');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol === -1) return;
				const command = buffer.slice(0, eol).slice(0, 4).toUpperCase();
				buffer = buffer.slice(eol + 2);
				if (command === 'DATA') {
					inData = true;
					reply('354 End with <CRLF>.<CRLF>');
				} else if (command === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else reply('250 OK');
			}
		});
		socket.on('error', () => socket.destroy());
	});
	server.listen(port, '127.0.0.1');
	return { port, server };
}

/**
 * Undoes quoted-printable (soft line breaks and =XX bytes), as a mail program would.
 * @param {string} text
 */
function decodeQuotedPrintable(text) {
	const soft = text.replace(/=\r?\n/g, '');
	/** @type {number[]} */
	const bytes = [];
	for (let i = 0; i < soft.length; i++) {
		const hex = soft.slice(i + 1, i + 3);
		if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i]));
	}
	return Buffer.from(bytes).toString('utf8');
}

/**
 * Every message received so far: headers as sent, the body decoded when it is quoted-printable.
 * @param {string | number} appPort
 * @returns {string[]}
 */
export function readMailbox(appPort) {
	const { file } = mailboxFor(appPort);
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const raw = JSON.parse(line).raw;
			return /Content-Transfer-Encoding: quoted-printable/i.test(raw) ? decodeQuotedPrintable(raw) : raw;
		});
}
