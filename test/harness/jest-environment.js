// Jest environment for the in-process (unit) tests.
// All test files of a worker share Node's `http` module, which nock patches. Each test file loads
// its own copy of nock (jest-setup.ts stores it on the test global); when the file is done we
// clear its interceptors and undo its patch here, so the next file starts clean. This runs even
// for a file whose tests were all skipped (an afterAll hook would not).
const { TestEnvironment } = require('jest-environment-node');

class HarnessEnvironment extends TestEnvironment {
	async teardown() {
		const nock = this.global.__harnessNock;
		if (nock) {
			nock.cleanAll();
			nock.enableNetConnect();
			nock.restore();
			delete this.global.__harnessNock;
		}
		await super.teardown();
	}
}

module.exports = HarnessEnvironment;
