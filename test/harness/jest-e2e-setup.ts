// e2e project: a real n8n server is slow to install and start (jest 29 has no per-project testTimeout)
jest.setTimeout(600_000);
