/** For tests: every byte of a file's stream, as a download would receive it. */
export async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return Buffer.concat(chunks);
		chunks.push(value);
	}
}
