// Types for n8n-runtime.cjs (used by test/e2e/harness.ts).
import type { ChildProcess } from 'node:child_process';

type Log = (message: string) => void;

export declare const CACHE_DIR: string;
export declare const DEV_OWNER_EMAIL: string;
export declare const N8N_VERSION: string;

export interface RunningN8n {
	url: string;
	port: number;
	logFile: string;
	child: ChildProcess;
	/** SIGTERM to n8n's process group, SIGKILL after a grace period; resolves once it exited. */
	stop(): Promise<void>;
}

export interface Owner {
	email: string;
	password: string;
	/** `n8n-auth=...`, ready for a Cookie header */
	cookie: string;
}

export interface ImportedCredential {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface CliResult {
	code: number | string | null;
	stdout: string;
	stderr: string;
}

export declare function ensureN8n(options?: { log?: Log }): { dir: string; n8nBin: string };
export declare function packProject(options?: { build?: boolean; log?: Log }): string;
export declare function installTarball(
	userFolder: string,
	tarball: string,
	options?: { log?: Log },
): string;
export declare function packAndInstall(
	userFolder: string,
	options?: { tarball?: string; build?: boolean; log?: Log },
): string;
/** Loads every listed file of the installed package `name` (default: this project's). */
export declare function verifyInstalledPackage(userFolder: string, name?: string): void;
/** The package.json inside a packed tarball. */
export declare function tarballPackage(tarball: string): {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
};
export declare function projectPackage(): {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
};
/** Node 24 binary (this process's if it is Node >= 24, else .cache/node24's, installed on demand). */
export declare function node24Binary(): string;
export declare function freePort(): Promise<number>;
export declare function n8nEnv(options: {
	userFolder: string;
	port?: number;
	brokerPort: number;
	extra?: Record<string, string>;
}): NodeJS.ProcessEnv;
export declare function startN8n(options: {
	userFolder: string;
	port?: number;
	logFile?: string;
	echo?: boolean;
	readyTimeoutMs?: number;
	env?: Record<string, string>;
	log?: Log;
}): Promise<RunningN8n>;
export declare function ensureOwner(url: string, userFolder: string): Promise<Owner>;
export declare function getJson<T = unknown>(url: string, cookie: string): Promise<T>;
export declare function runN8nCli(
	userFolder: string,
	args: string[],
	options?: { timeoutMs?: number; env?: Record<string, string> },
): Promise<CliResult>;
/** Returns n8n's IRun for the execution (data.resultData.runData, .error, status, ...). */
export declare function importAndExecute(
	userFolder: string,
	workflowJson: Record<string, unknown>,
	credentials?: ImportedCredential[],
	options?: { timeoutMs?: number },
): Promise<any>;
