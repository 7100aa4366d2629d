/*
 * Part of `npm run bench`, run in its own process so its memory is its own: exports the large seeded
 * consultation to CSV (all five files) from the SQLite file given, and prints one JSON line with the time
 * of each file and the process's peak memory, sampled every 10 ms.
 */
import { createDb } from '../src/lib/server/db/create';
import { csvColumns, csvFile, type CsvName } from '../src/lib/server/exports/open-data';
import { loadResults } from '../src/lib/server/results/service';

const file = process.argv[2];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const db = createDb({ dialect: 'sqlite', path: file });
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);

const start = performance.now();
const results = await loadResults(db, 'gekleurde-armoede');
const resultsMs = performance.now() - start;
const files: { name: string; ms: number; megabytes: number }[] = [];
for (const name of Object.keys(csvColumns) as CsvName[]) {
	const begin = performance.now();
	let bytes = 0;
	// The chunks go nowhere, as a fast client would take them: what is measured is making them.
	for await (const chunk of csvFile(db, results, name)) bytes += Buffer.byteLength(chunk);
	files.push({ name, ms: Math.round(performance.now() - begin), megabytes: +(bytes / 1024 / 1024).toFixed(1) });
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(
	JSON.stringify({
		resultsMs: Math.round(resultsMs),
		totalMs: Math.round(performance.now() - start),
		files,
		startRssMb: mb(startRss),
		peakRssMb: mb(peakRss),
		comments: results.totals.comments,
		votes: results.totals.votes.total
	})
);
await db.destroy();
