// Runs inside each unit test file before it loads: quiet n8n's logger and forbid real network.
import nock from 'nock';

process.env.N8N_LOG_LEVEL = 'silent';

// re-activate in case a previous file in this worker restored nock
if (!nock.isActive()) nock.activate();
nock.disableNetConnect();
nock.enableNetConnect('127.0.0.1');
(globalThis as { __harnessNock?: typeof nock }).__harnessNock = nock;
