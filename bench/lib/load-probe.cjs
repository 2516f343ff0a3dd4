// Child process for scenario 5: times how n8n's own loader (n8n-core PackageDirectoryLoader, the
// one n8n uses for community packages) loads node files, cold, in this fresh process.
//   node load-probe.cjs <n8n-core dir> <package dir> all            -> loadAll() of the package
//   node load-probe.cjs <n8n-core dir> <package dir> <node file>    -> loadNodeFromFile(<node file>)
// Prints one JSON line: { ms, nodes: [{ name, bytes, properties, operations }] }.
'use strict';
const path = require('node:path');

const [coreDir, packageDir, what] = process.argv.slice(2);
const { PackageDirectoryLoader } = require(coreDir);

function describe(loader) {
	return Object.values(loader.nodeTypes).map(({ type }) => {
		const versions = type.nodeVersions ? Object.values(type.nodeVersions) : [type];
		const descriptions = versions.map((v) => v.description);
		return {
			name: (type.description ?? descriptions[0]).name,
			bytes: descriptions.reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0),
			properties: descriptions.reduce((sum, d) => sum + (d.properties?.length ?? 0), 0),
			operations: descriptions.reduce(
				(sum, d) =>
					sum +
					(d.properties ?? [])
						.filter((p) => p.name === 'operation')
						.reduce((n, p) => n + (p.options?.length ?? 0), 0),
				0,
			),
		};
	});
}

(async () => {
	const started = process.hrtime.bigint();
	const loader = new PackageDirectoryLoader(packageDir);
	if (what === 'all') await loader.loadAll();
	else loader.loadNodeFromFile(what);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(
		`${JSON.stringify({ ms, nodes: describe(loader), dir: path.basename(packageDir) })}\n`,
	);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
