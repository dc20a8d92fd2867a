// Imported first by a test that counts log lines: the handlers' logger is built at import with
// the level AWS runs it at (lambdaRuntimeDefaults: INFO), and Powertools resets a logger to its
// initial level on every invocation, so setLogLevel after the fact would not hold.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
